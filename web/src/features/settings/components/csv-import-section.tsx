import { type ChangeEvent, useId, useMemo, useState } from "react";
import { Card } from "../../../components/ui/card";
import { ProblemMessage } from "../../../components/ui/states";
import { ApiProblem } from "../../../lib/api-client";
import type { Formatters } from "../../../lib/format";
import {
  type CsvPreset,
  columnByName,
  csvHeader,
  csvRowCount,
  type ImportKind,
  type ImportResult,
  importFields,
  useImportCsv,
} from "../api/imports";

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
    </p>
  );
}

/** Problems by line: what is wrong where, so the file can be fixed in one pass. */
function LineErrors({ error }: { error: ApiProblem }) {
  const lines = error.errors.filter((e) => e.line !== undefined || e.index !== undefined);
  const general = error.errors.filter((e) => e.line === undefined && e.index === undefined);
  return (
    <div className="form-error" role="alert">
      <p>{error.message}</p>
      {general.length > 0 && (
        <ul>
          {general.map((e) => (
            <li key={`${e.path}:${e.message}`}>
              {e.path && <code>{e.path}</code>} {e.message}
            </li>
          ))}
        </ul>
      )}
      {lines.length > 0 && (
        <section
          className="table-scroll"
          style={{ maxHeight: 260, overflowY: "auto", marginTop: "0.5rem" }}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scroll container must be focusable
          tabIndex={0}
          aria-label="Problems by line"
        >
          <div className="table-scroll">
            <table className="data-table">
              <caption className="visually-hidden">Problems by line</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Line
                  </th>
                  <th scope="col">Column</th>
                  <th scope="col">Field</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {lines.map((e) => (
                  <tr key={`${e.line ?? e.index}:${e.path}:${e.message}`}>
                    <td className="num">{e.line ?? (e.index !== undefined ? e.index + 2 : "—")}</td>
                    <td>{e.column ?? "—"}</td>
                    <td>
                      <code>{e.path}</code>
                    </td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

export function CsvImportSection({ format }: { format: Formatters }) {
  const [kind, setKind] = useState<ImportKind>("leads");
  const [preset, setPreset] = useState<CsvPreset | null>(null);
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [previewed, setPreviewed] = useState<string | null>(null);
  const upload = useImportCsv();
  const ids = useId();

  const header = useMemo(() => (file ? csvHeader(file.text) : []), [file]);
  const rows = useMemo(() => (file ? csvRowCount(file.text) : 0), [file]);
  const mapping = Object.entries(choices)
    .filter(([, column]) => column !== "")
    .map(([field, column]) => ({ field, column }));
  const signature = JSON.stringify({
    kind,
    preset,
    mapping,
    name: file?.name,
    size: file?.text.length,
  });
  const canImport = previewed === signature && upload.data?.dryRun === true && !upload.isPending;

  const reset = () => {
    upload.reset();
    setPreviewed(null);
  };
  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    reset();
    setChoices({});
    setFileError(null);
    const chosen = event.target.files?.[0];
    if (!chosen) return setFile(null);
    if (chosen.size > MAX_BYTES) {
      setFile(null);
      return setFileError(
        `The file is ${format.count(Math.round(chosen.size / 1024 / 1024))} MB; the limit is 8 MB. Split it and import the parts.`,
      );
    }
    setFile({ name: chosen.name, text: await chosen.text() });
  };
  const send = (dryRun: boolean) => {
    if (!file) return;
    upload.mutate(
      { kind, csv: file.text, dryRun, preset, mapping },
      { onSuccess: (result) => setPreviewed(result.dryRun ? signature : null) },
    );
  };

  return (
    <Card
      id="import"
      title="Import a CSV"
      description="Leads, deals or touchpoints exported from your CRM. Map the columns, preview the import without writing anything, then import. Rows update by their id, so importing a file twice changes nothing."
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
            <input type="file" accept=".csv,text/csv" onChange={chooseFile} />
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
              <strong>{file.name}</strong>: {format.count(rows)} rows, {header.length} columns.
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
                      <span className="field-hint">{hint}</span>
                    </label>
                  );
                })}
              </div>
            </fieldset>
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
                  : `Import ${format.count(rows)} rows`}
              </button>
              {!canImport && !upload.data && (
                <span className="muted small">
                  Preview first: the import is enabled when the preview finds no problem.
                </span>
              )}
            </div>
          </>
        )}
        {upload.data && <Outcome result={upload.data} format={format} />}
        {upload.error instanceof ApiProblem ? (
          <LineErrors error={upload.error} />
        ) : (
          <ProblemMessage error={upload.error} />
        )}
      </div>
    </Card>
  );
}
