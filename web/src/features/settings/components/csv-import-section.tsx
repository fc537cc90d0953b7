import { readCsvFile } from "@tandem/api/csv-file";
import { type ChangeEvent, useId, useState } from "react";
import { Card } from "../../../components/ui/card";
import { ProblemMessage } from "../../../components/ui/states";
import { ApiProblem } from "../../../lib/api-client";
import type { Formatters } from "../../../lib/format";
import {
  type CsvPreset,
  columnByName,
  type FormatAnswers,
  type ImportKind,
  type ImportRequest,
  type ImportResult,
  importFields,
  useImportCsv,
} from "../api/imports";
import { FormatQuestions, isFormatQuestion } from "./format-questions";
import { LineErrors } from "./import-line-errors";
import { ImportPreview, SkippedRows } from "./import-preview";

const kinds: { value: ImportKind; label: string }[] = [
  { value: "leads", label: "Leads" },
  { value: "deals", label: "Deals" },
  { value: "touchpoints", label: "Touchpoints" },
];

const MAX_BYTES = 8 * 1024 * 1024;

function isKind(value: string): value is ImportKind {
  return kinds.some((k) => k.value === value);
}

function Outcome({ result, format }: { result: ImportResult; format: Formatters }) {
  const counts = `${format.count(result.inserted)} new, ${format.count(result.updated)} updated, ${format.count(result.unchanged)} unchanged`;
  return (
    <p className="form-success" role="status">
      {result.dryRun
        ? `Preview: ${format.count(result.records)} rows are valid and would give ${counts}. Nothing is written yet.`
        : `Imported ${format.count(result.records)} rows: ${counts}.`}
      {result.unknownLeads > 0 &&
        ` ${format.count(result.unknownLeads)} refer to leads Tandem does not know yet; they attach when the lead arrives.`}
      {result.linkedDeals > 0 &&
        ` ${format.count(result.linkedDeals)} stored deals ${result.dryRun ? "would be" : "are now"} credited to the lead that names them.`}
    </p>
  );
}

interface ChosenFile {
  name: string;
  bytes: ArrayBuffer;
  header: string[];
  rows: number;
}

/** What a preview was run with: the import is offered only for exactly that. */
const signatureOf = (request: ImportRequest, file: ChosenFile | null) =>
  JSON.stringify({
    kind: request.kind,
    preset: request.preset,
    mapping: request.mapping,
    format: request.format,
    skipInvalid: request.skipInvalid,
    name: file?.name,
    size: file?.bytes.byteLength,
  });

/** Mapping problems name the field at the header line: they are written next to the field. */
const isFieldProblem = (fields: readonly string[]) => (e: ApiProblem["errors"][number]) =>
  e.line === 1 && fields.includes(e.path);

export function CsvImportSection({ format }: { format: Formatters }) {
  const [kind, setKind] = useState<ImportKind>("leads");
  const [preset, setPreset] = useState<CsvPreset | null>(null);
  const [file, setFile] = useState<ChosenFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [answers, setAnswers] = useState<FormatAnswers>({});
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const upload = useImportCsv();
  const ids = useId();

  const fields = importFields[kind].map((f) => f.field);
  const header = file?.header ?? [];
  const mapping = Object.entries(choices)
    .filter(([, column]) => column !== "")
    .map(([field, column]) => ({ field, column }));
  const signature = signatureOf(
    {
      kind,
      bytes: new ArrayBuffer(0),
      dryRun: true,
      skipInvalid,
      preset,
      mapping,
      format: answers,
    },
    file,
  );
  const canImport = previewed === signature && upload.data?.dryRun === true && !upload.isPending;
  const problem = upload.error instanceof ApiProblem ? upload.error : null;
  // Questions stay on screen once asked, with their answer, until another file is chosen.
  const [questions, setQuestions] = useState<ApiProblem["errors"]>([]);
  const askedNow = problem?.errors.filter(isFormatQuestion) ?? [];
  const asked = [
    ...questions.filter(isFormatQuestion),
    ...askedNow.filter((q) => !questions.some((k) => k.path === q.path)),
  ];
  const fieldProblem = (field: string) =>
    problem?.errors.find((e) => isFieldProblem(fields)(e) && e.path === field);

  const reset = () => {
    upload.reset();
    setPreviewed(null);
  };
  const send = (dryRun: boolean, overrides: Partial<ImportRequest> = {}) => {
    if (!file) return;
    const request: ImportRequest = {
      kind,
      bytes: file.bytes,
      dryRun,
      skipInvalid,
      preset,
      mapping,
      format: answers,
      ...overrides,
    };
    upload.mutate(request, {
      onSuccess: (result) => setPreviewed(result.dryRun ? signatureOf(request, file) : null),
      onError: (error) => {
        if (!(error instanceof ApiProblem)) return;
        const fresh = error.errors.filter(isFormatQuestion);
        setQuestions((current) => [
          ...current,
          ...fresh.filter((q) => !current.some((k) => k.path === q.path)),
        ]);
      },
    });
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    reset();
    setChoices({});
    setAnswers({});
    setQuestions([]);
    setFileError(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_BYTES) {
      setFile(null);
      return setFileError(
        `The file is ${format.count(Math.round(chosen.size / 1024 / 1024))} MB; the limit is 8 MB. Split it and import the parts.`,
      );
    }
    const bytes = await chosen.arrayBuffer();
    // Read as the server will read it (encoding, separator, report footers), to offer its columns.
    const read = readCsvFile(new Uint8Array(bytes));
    if (!read.ok) {
      setFile(null);
      return setFileError(`${chosen.name} cannot be read as CSV: ${read.message}`);
    }
    setFile({ name: chosen.name, bytes, header: read.header, rows: read.rows });
  };
  const answer = (next: FormatAnswers) => {
    setAnswers(next);
    reset();
    send(true, { format: next });
  };

  return (
    <Card
      id="import"
      title="Import a CSV"
      description="Leads, deals or touchpoints exported from your CRM, as the export comes (any encoding, commas or semicolons, report footers). Map the columns, preview the first rows without writing anything, then import. Rows update by their id, so importing a file twice changes nothing."
    >
      <div className="form-stack">
        <div className="form-row">
          <label>
            What the file holds
            <select
              value={kind}
              onChange={(e) => {
                if (isKind(e.target.value)) setKind(e.target.value);
                setChoices({});
                reset();
              }}
            >
              {kinds.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Exported from
            <select
              value={preset ?? ""}
              onChange={(e) => {
                const v = e.target.value;
                setPreset(v === "hubspot" || v === "salesforce" ? v : null);
                reset();
              }}
            >
              <option value="">Any tool (columns by name)</option>
              <option value="hubspot">HubSpot export</option>
              <option value="salesforce">Salesforce export</option>
            </select>
          </label>
          <label>
            CSV file
            <input type="file" accept=".csv,.txt,text/csv" onChange={chooseFile} />
          </label>
        </div>
        {fileError && (
          <p className="form-error" role="alert">
            {fileError}
          </p>
        )}
        {file && (
          <>
            <p className="muted">
              <strong>{file.name}</strong>: {format.count(file.rows)} rows, {header.length} columns.
            </p>
            <fieldset className="mapping" aria-describedby={`${ids}-mapping-hint`}>
              <legend>Column mapping</legend>
              <p id={`${ids}-mapping-hint`} className="field-hint">
                Left on automatic, a field takes the{" "}
                {preset ? "export's standard column, else the " : ""}column named like it. Required
                fields are marked *.
              </p>
              <div className="mapping-grid">
                {importFields[kind].map(({ field, required, hint }) => {
                  const guess = columnByName(header, field);
                  const error = fieldProblem(field);
                  const errorId = `${ids}-${field}-error`;
                  return (
                    <label key={field}>
                      <span>
                        <code>{field}</code>
                        {required && (
                          <>
                            <span aria-hidden="true"> *</span>
                            <span className="visually-hidden"> (required)</span>
                          </>
                        )}
                      </span>
                      <select
                        value={choices[field] ?? ""}
                        aria-invalid={error ? true : undefined}
                        aria-describedby={error ? errorId : undefined}
                        onChange={(e) => {
                          setChoices((current) => ({ ...current, [field]: e.target.value }));
                          reset();
                        }}
                      >
                        <option value="">
                          Automatic
                          {guess ? ` (${guess})` : preset ? " (from the export)" : " (none found)"}
                        </option>
                        {header.map((h) => (
                          <option key={h} value={h}>
                            {h}
                          </option>
                        ))}
                      </select>
                      {error ? (
                        <span id={errorId} className="field-error">
                          {error.message}
                        </span>
                      ) : (
                        <span className="field-hint">{hint}</span>
                      )}
                    </label>
                  );
                })}
              </div>
            </fieldset>
            <FormatQuestions questions={asked} answers={answers} onAnswer={answer} />
            <div className="form-stack tight">
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={skipInvalid}
                  aria-describedby={`${ids}-skip-hint`}
                  onChange={(e) => {
                    setSkipInvalid(e.target.checked);
                    reset();
                  }}
                />
                Skip bad rows
              </label>
              <span id={`${ids}-skip-hint`} className="field-hint">
                Import the good rows and list the bad ones with their line and reason. Left off, one
                bad row stops the whole file and nothing is written.
              </span>
            </div>
            <div className="row">
              <button
                type="button"
                className="button"
                disabled={upload.isPending}
                onClick={() => send(true)}
              >
                {upload.isPending && upload.variables?.dryRun ? "Checking…" : "Preview (dry run)"}
              </button>
              <button
                type="button"
                className="button primary"
                disabled={!canImport}
                onClick={() => send(false)}
              >
                {upload.isPending && upload.variables?.dryRun === false
                  ? "Importing…"
                  : `Import ${format.count(upload.data?.dryRun ? upload.data.records : file.rows)} rows`}
              </button>
              {!canImport && !upload.data && (
                <span className="muted small">
                  Preview first: the import is enabled when the preview finds no problem.
                </span>
              )}
            </div>
          </>
        )}
        {upload.data && (
          <>
            <Outcome result={upload.data} format={format} />
            <SkippedRows result={upload.data} format={format} />
            <ImportPreview result={upload.data} format={format} />
          </>
        )}
        {problem && askedNow.length > 0 && (
          <p className="form-error" role="alert">
            The file needs an answer before it can be read: see the question above. Nothing was
            written.
          </p>
        )}
        {problem?.errors.some(isFieldProblem(fields)) && (
          <p className="form-error" role="alert">
            Some fields need a column: see the mapping above. Nothing was written.
          </p>
        )}
        {problem ? (
          <LineErrors
            error={problem}
            shownByField={(e) => isFormatQuestion(e) || isFieldProblem(fields)(e)}
          />
        ) : (
          <ProblemMessage error={upload.error} />
        )}
      </div>
    </Card>
  );
}
