import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { InferRequestType, InferResponseType } from "hono/client";
import { api, call } from "../../../lib/api";
import { queryKeys } from "../../../lib/query-keys";

type ImportEndpoint = (typeof api.v1.imports)[":kind"]["$post"];
export type ImportKind = InferRequestType<ImportEndpoint>["param"]["kind"];
export type ImportResult = InferResponseType<ImportEndpoint, 200>;
export type CsvPreset = "hubspot" | "salesforce";

/** The fields of each kind of record, as the ingest API names them (api/src/ingest/fields.ts; the refusals in docs/decisions/012-ingest-validation-and-limits.md). */
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
    { field: "name", required: false, hint: "the person's name" },
    { field: "email", required: false, hint: "shown to sales when they judge the lead" },
    { field: "company", required: false, hint: "the company" },
    { field: "owner", required: false, hint: "the lead owner" },
    { field: "dealExternalIds", required: false, hint: "the deals it became, e.g. 123;456" },
  ],
  deals: [
    { field: "externalId", required: true, hint: "the deal's id in your CRM" },
    { field: "leadExternalId", required: false, hint: "the lead it came from" },
    { field: "amount", required: false, hint: "as the export writes it; blank is 0" },
    { field: "stage", required: false, hint: "the CRM's stage; Settings maps it to an outcome" },
    { field: "status", required: false, hint: "open, won or lost, when there is no stage" },
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

/** The file's open format questions, answered once and sent as parameters. */
export interface FormatAnswers {
  decimal?: "point" | "comma";
  dateOrder?: "month-first" | "day-first";
}

export interface ImportRequest {
  kind: ImportKind;
  /** The file's bytes: the server decides (or is told) the encoding, never the browser. */
  bytes: ArrayBuffer;
  dryRun: boolean;
  skipInvalid: boolean;
  preset: CsvPreset | null;
  /** Explicit "Column name=field" choices; fields left out are found by preset or by name. */
  mapping: { column: string; field: string }[];
  format: FormatAnswers;
}

/** Uploads a CSV as text/csv; a real import refreshes every goal's numbers. */
export function useImportCsv() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, bytes, dryRun, skipInvalid, preset, mapping, format }: ImportRequest) =>
      call(
        api.v1.imports[":kind"].$post(
          {
            param: { kind },
            query: {
              dryRun: dryRun ? "true" : "false",
              skipInvalid: skipInvalid ? "true" : "false",
              ...(preset && { preset }),
              ...(format.decimal && { decimal: format.decimal }),
              ...(format.dateOrder && { dateOrder: format.dateOrder }),
              ...(mapping.length > 0 && { map: mapping.map((m) => `${m.column}=${m.field}`) }),
            },
          },
          { headers: { "content-type": "text/csv" }, init: { body: bytes } },
        ),
      ),
    onSuccess: (result) => {
      if (!result.dryRun) return queryClient.invalidateQueries({ queryKey: queryKeys.goals.all });
    },
  });
}

const normalise = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

/** The column the server would pick by name for a field ("Created At" for createdAt), if any. */
export function columnByName(header: readonly string[], field: string): string | null {
  return header.find((h) => normalise(h) === normalise(field)) ?? null;
}
