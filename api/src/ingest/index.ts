// The pure part of ingest, shared by the API, the command line and the web app: record
// schemas, batch validation, money and time parsing, CSV parsing and column mapping.
export {
  type BatchValidation,
  MAX_BATCH_RECORDS,
  type OrganizationFormat,
  type RecordError,
  validateBatchBody,
  validateRecords,
} from "./batch";
export {
  type CsvBatch,
  type CsvFormat,
  type CsvLineError,
  type CsvOptions,
  csvToBatch,
  MAX_CSV_ROWS,
} from "./csv/csv-batch";
export { type ColumnOverride, parseOverride, resolveMapping } from "./csv/mapping";
export { type CsvRow, type CsvTable, parseCsv } from "./csv/parse-csv";
export {
  type CsvPreset,
  csvPresets,
  isCsvPreset,
  presetRules,
  statusFromStage,
} from "./csv/presets";
export {
  isIngestKind,
  type RecordField,
  recordFields,
  requiredFields,
} from "./fields";
export { type RecordFormat, recordSchemas } from "./records";
export { parseCsvTime, parseInstant, parseRecordTime } from "./timestamps";
