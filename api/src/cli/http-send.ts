import type { IngestKind } from "@tandem/db/queries/ingest";
import type { CsvPreset } from "../ingest/csv/presets";
import { csvProblemSchema, ingestResultSchema } from "../routes/ingest/ingest.schemas";
import type { SendPart } from "./import-file";

export interface HttpTarget {
  /** The server's origin, e.g. http://localhost:8080. */
  url: string;
  apiKey: string;
  kind: IngestKind;
  preset?: CsvPreset;
  map: readonly string[];
  skipInvalid?: boolean;
  fetch?: typeof fetch;
}

/** Sends each part to POST /api/v1/ingest/{kind} as text/csv with the API key. */
export function httpSender(target: HttpTarget): SendPart {
  const send = target.fetch ?? fetch;
  return async (part, dryRun, format) => {
    const url = new URL(`${target.url.replace(/\/+$/, "")}/api/v1/ingest/${target.kind}`);
    if (dryRun) url.searchParams.set("dryRun", "true");
    if (target.skipInvalid) url.searchParams.set("skipInvalid", "true");
    if (target.preset) url.searchParams.set("preset", target.preset);
    for (const pair of target.map) url.searchParams.append("map", pair);
    if (format.decimal) url.searchParams.set("decimal", format.decimal);
    if (format.dateOrder) url.searchParams.set("dateOrder", format.dateOrder);
    const response = await send(url, {
      method: "POST",
      headers: {
        authorization: `Bearer ${target.apiKey}`,
        "content-type": "text/csv; charset=utf-8",
      },
      body: part.text,
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.status === 200) {
      const result = ingestResultSchema.safeParse(body);
      if (result.success)
        return { ok: true, counts: result.data, skipped: result.data.skipped ?? [] };
    }
    if (response.status === 422) {
      const problem = csvProblemSchema.safeParse(body);
      if (problem.success) return { ok: false, errors: problem.data.errors ?? [] };
    }
    const problem = csvProblemSchema.safeParse(body);
    const detail = problem.success ? problem.data.detail : response.statusText;
    throw new Error(`The server answered ${response.status}: ${detail}`);
  };
}
