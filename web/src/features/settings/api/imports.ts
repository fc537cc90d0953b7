import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type ImportEndpoint = (typeof api.v1.imports)[":kind"]["$post"];
export type ImportKind = InferRequestType<ImportEndpoint>["param"]["kind"];
export type ImportResult = InferResponseType<ImportEndpoint, 200>;
export type CsvPreset = "hubspot" | "salesforce";

/** The fields of each kind of record, as the ingest API names them (DESIGN.md, "Ingest"). */
export const importFields: Record<
  ImportKind,
  { field: string; required: boolean; hint: string }[]
> = {
  leads: [
    { field: "externalId", required: true, hint: "the lead's id in your CRM" },
    { field: "createdAt", required: true, hint: "when the lead was created" },
    { field: "source", required: true, hint: "channel or source, e.g. paid_search" },
    { field: "campaign", required: false, hint: "campaign name" },
    { field: "mqlAt", required: false, hint: "when it became an MQL" },
    { field: "sqlAt", required: false, hint: "when it became an SQL" },
    { field: "firstContactAt", required: false, hint: "first sales contact" },
  ],
  deals: [
    { field: "externalId", required: true, hint: "the deal's id in your CRM" },
    { field: "leadExternalId", required: false, hint: "the lead it came from" },
    { field: "amount", required: true, hint: "in major units of your currency" },
    { field: "status", required: true, hint: "open, won or lost" },
    { field: "createdAt", required: true, hint: "when the deal was created" },
    { field: "closedAt", required: false, hint: "when it was won or lost" },
    { field: "owner", required: false, hint: "the deal owner" },
    { field: "forecastCategory", required: false, hint: "commit, best case, pipeline, omitted" },
    { field: "expectedCloseAt", required: false, hint: "when an open deal should close" },
  ],
  touchpoints: [
    { field: "externalId", required: true, hint: "the touch's id" },
    { field: "leadExternalId", required: true, hint: "the lead it touched" },
    { field: "channel", required: true, hint: "e.g. webinar, email" },
    { field: "campaign", required: false, hint: "campaign name" },
    { field: "occurredAt", required: true, hint: "when it happened" },
  ],
};

export interface ImportRequest {
  kind: ImportKind;
  csv: string;
  dryRun: boolean;
  preset: CsvPreset | null;
  /** Explicit "Column name=field" choices; fields left out are found by preset or by name. */
  mapping: { column: string; field: string }[];
}

/** Uploads a CSV as text/csv; a real import refreshes every goal's numbers. */
export function useImportCsv() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, csv, dryRun, preset, mapping }: ImportRequest) =>
      call(
        api.v1.imports[":kind"].$post(
          {
            param: { kind },
            query: {
              dryRun: dryRun ? "true" : "false",
              ...(preset && { preset }),
              ...(mapping.length > 0 && { map: mapping.map((m) => `${m.column}=${m.field}`) }),
            },
          },
          { headers: { "content-type": "text/csv" }, init: { body: csv } },
        ),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) return queryClient.invalidateQueries({ queryKey: queryKeys.goals.all });
    },
  });
}

/** The header row of a CSV, honouring quotes ("Amount, USD" is one column). */
export function csvHeader(text: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === ",") {
      cells.push(cell.trim());
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      break;
    } else {
      cell += ch;
    }
  }
  cells.push(cell.trim());
  return cells.filter((c, i) => c !== "" || i < cells.length - 1);
}

/** Lines after the header that hold something: the rows the import will read. */
export function csvRowCount(text: string): number {
  return Math.max(0, text.split(/\r?\n/).filter((line) => line.trim() !== "").length - 1);
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The column the server would pick by name for a field ("Created At" for createdAt), if any. */
export function columnByName(header: readonly string[], field: string): string | null {
  return header.find((h) => normalise(h) === normalise(field)) ?? null;
}
