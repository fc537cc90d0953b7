import { parseArgs } from "node:util";
import type { IngestKind } from "@tandem/db/queries/ingest";
import { decimalMarks } from "../ingest/csv/amounts";
import { type CsvEncoding, csvEncodings, isCsvEncoding } from "../ingest/csv/decode";
import type { FileFormat } from "../ingest/csv/file-format";
import { dateOrders } from "../ingest/csv/local-dates";
import { type CsvPreset, isCsvPreset } from "../ingest/csv/presets";
import { isIngestKind } from "../ingest/fields";

export const importUsage = `Usage: pnpm tandem import <leads|deals|touchpoints> FILE.csv [options]

Where the records go (one of):
  --url URL --api-key KEY     a running Tandem server, e.g. --url http://localhost:8080
  --api-key-file PATH         read the key from a file instead (keeps it out of the shell history)
  --direct [--org ID]         straight into the database: DATABASE_URL, or the embedded data
                              folder (stop the server first: the embedded database has one user)

Options:
  --dry-run                   check the file and count what would change; write nothing
  --skip-invalid              write the good rows and list the bad ones (default: a bad row
                              refuses the whole file and nothing is written)
  --preset hubspot|salesforce read the CRM's standard export columns
  --map "Column name=field"   read a field from a column (repeatable; overrides the preset)
  --encoding ENC              utf-8, utf-16le, utf-16be or windows-1252 (default: detected)
  --decimal point|comma       the amounts' decimal mark (default: proven by the file, else asked)
  --date-order month-first|day-first
                              how dates like 03/04/2026 read (default: proven by the file, else asked)

Times without an offset are read in the organization's timezone.`;

export interface ImportCommand {
  kind: IngestKind;
  file: string;
  dryRun: boolean;
  skipInvalid: boolean;
  preset?: CsvPreset;
  map: string[];
  encoding?: CsvEncoding;
  format: Partial<FileFormat>;
  target:
    | { mode: "server"; url: string; apiKey?: string; apiKeyFile?: string }
    | { mode: "direct"; orgId?: string };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** Reads `import <kind> <file> [options]` (the words after `tandem`). */
export function parseImportArgs(args: readonly string[]): ImportCommand {
  let parsed: ReturnType<typeof parseWith>;
  try {
    parsed = parseWith(args);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  const [command, kind, file, ...extra] = positionals;
  if (command !== "import")
    throw new UsageError(command ? `Unknown command "${command}"` : "Name a command");
  if (!kind || !isIngestKind(kind))
    throw new UsageError(`Name what to import: leads, deals or touchpoints`);
  if (!file) throw new UsageError("Name the CSV file to import");
  if (extra.length > 0) throw new UsageError(`Unexpected arguments: ${extra.join(" ")}`);
  if (values.preset !== undefined && !isCsvPreset(values.preset)) {
    throw new UsageError(`Unknown preset "${values.preset}": use hubspot or salesforce`);
  }
  const preset =
    values.preset !== undefined && isCsvPreset(values.preset) ? values.preset : undefined;
  const declared = values.encoding?.toLowerCase();
  if (declared !== undefined && !isCsvEncoding(declared)) {
    throw new UsageError(`Unknown encoding "${values.encoding}": use ${csvEncodings.join(", ")}`);
  }
  const decimal = decimalMarks.find((m) => m === values.decimal);
  if (values.decimal !== undefined && !decimal)
    throw new UsageError(`Unknown decimal mark "${values.decimal}": use point or comma`);
  const dateOrder = dateOrders.find((o) => o === values["date-order"]);
  if (values["date-order"] !== undefined && !dateOrder)
    throw new UsageError(
      `Unknown date order "${values["date-order"]}": use month-first or day-first`,
    );
  const common = {
    format: { ...(decimal ? { decimal } : {}), ...(dateOrder ? { dateOrder } : {}) },
    kind,
    file,
    dryRun: values["dry-run"] ?? false,
    skipInvalid: values["skip-invalid"] ?? false,
    preset,
    map: values.map ?? [],
    ...(declared === undefined ? {} : { encoding: declared }),
  };
  if (values.direct) {
    if (values.url || values["api-key"] || values["api-key-file"]) {
      throw new UsageError("Choose --direct or --url with an API key, not both");
    }
    return { ...common, target: { mode: "direct", orgId: values.org } };
  }
  if (!values.url)
    throw new UsageError("Say where to import: --url URL with --api-key, or --direct");
  if (!values["api-key"] && !values["api-key-file"])
    throw new UsageError("--url needs --api-key or --api-key-file");
  if (values.org)
    throw new UsageError("--org is for --direct; an API key already names its organization");
  return {
    ...common,
    target: {
      mode: "server",
      url: values.url,
      apiKey: values["api-key"],
      apiKeyFile: values["api-key-file"],
    },
  };
}

function parseWith(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      url: { type: "string" },
      "api-key": { type: "string" },
      "api-key-file": { type: "string" },
      direct: { type: "boolean" },
      org: { type: "string" },
      "dry-run": { type: "boolean" },
      "skip-invalid": { type: "boolean" },
      preset: { type: "string" },
      encoding: { type: "string" },
      decimal: { type: "string" },
      "date-order": { type: "string" },
      map: { type: "string", multiple: true },
      help: { type: "boolean", short: "h" },
    },
  });
}
