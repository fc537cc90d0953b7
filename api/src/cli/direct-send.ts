import type { Database } from "@tandem/db";
import type { IngestKind } from "@tandem/db/queries/ingest";
import { importTargets } from "@tandem/db/queries/ingest-sql";
import { parseOverride } from "../ingest/csv/mapping";
import type { CsvPreset } from "../ingest/csv/presets";
import { type IngestTarget, ingestCsv } from "../ingest/ingest-service";
import { UsageError } from "./import-args";
import type { SendPart } from "./import-file";

/** The organization a direct import writes into: the one named, or the only one there is. */
export async function directTarget(
  database: Database,
  orgId: string | undefined,
): Promise<IngestTarget> {
  const organizations = await importTargets(database.db);
  const chosen = orgId
    ? organizations.find((o) => o.id === orgId)
    : organizations.length === 1
      ? organizations[0]
      : undefined;
  if (!chosen) {
    const list = organizations.map((o) => `  ${o.id}  ${o.name}`).join("\n");
    throw new UsageError(
      organizations.length === 0
        ? "The database has no organization yet"
        : orgId
          ? `No organization ${orgId}; the database has:\n${list}`
          : `The database has several organizations; choose one with --org:\n${list}`,
    );
  }
  return {
    orgId: chosen.id,
    currency: chosen.currency,
    timezone: chosen.timezone,
    actor: { kind: "system", id: "cli" },
  };
}

/** Imports each part through the same code as the API, in its own transaction. */
export function directSender(
  database: Database,
  target: IngestTarget,
  request: { kind: IngestKind; preset?: CsvPreset; map: readonly string[]; skipInvalid?: boolean },
): SendPart {
  const overrides = request.map.flatMap((text) => parseOverride(text) ?? []);
  return async (part, dryRun, format) => {
    const outcome = await ingestCsv(database, target, request.kind, part.text, {
      ...format,
      preset: request.preset,
      overrides,
      dryRun,
      skipInvalid: request.skipInvalid ?? false,
    });
    return outcome.ok
      ? { ok: true, counts: outcome.summary, skipped: outcome.summary.skipped ?? [] }
      : { ok: false, errors: outcome.errors };
  };
}
