import type { Db, DbOrTx } from "../client";
import type { dealStatuses } from "../schema/index";
import { type Actor, writeAudit } from "./audit";
import { classifyDeals, upsertDeals } from "./ingest-deals";
import { classifyLeads, upsertLeads } from "./ingest-leads";
import { lockIngest, organizationSettings } from "./ingest-sql";
import { classifyTouchpoints, upsertTouchpoints } from "./ingest-touchpoints";

export const ingestKinds = ["leads", "deals", "touchpoints"] as const;
export type IngestKind = (typeof ingestKinds)[number];

// Validated facts as the query layer takes them: instants as ISO 8601 strings, money in minor units.
export interface LeadFact {
  externalId: string;
  createdAt: string;
  source: string;
  campaign: string;
  mqlAt: string | null;
  sqlAt: string | null;
  firstContactAt: string | null;
}

export interface DealFact {
  externalId: string;
  leadExternalId: string | null;
  amount: number;
  status: (typeof dealStatuses)[number];
  createdAt: string;
  closedAt: string | null;
  owner: string | null;
}

export interface TouchpointFact {
  externalId: string;
  leadExternalId: string;
  channel: string;
  campaign: string;
  occurredAt: string;
}

export type IngestBatch =
  | { kind: "leads"; records: readonly LeadFact[] }
  | { kind: "deals"; records: readonly DealFact[] }
  | { kind: "touchpoints"; records: readonly TouchpointFact[] };

export interface IngestCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Deals and touchpoints whose lead is not (yet) known; they attach when it arrives. */
  unknownLeads: number;
}

export interface IngestOptions {
  actor: Actor;
  /** Count what would change without writing anything. */
  dryRun?: boolean;
  /** Where the batch came from, for the audit log (e.g. "api", "csv"). */
  via?: string;
}

export class UnknownOrganizationError extends Error {
  constructor(orgId: string) {
    super(`No organization ${orgId}`);
    this.name = "UnknownOrganizationError";
  }
}

async function timezoneOf(db: DbOrTx, orgId: string): Promise<string> {
  const settings = await organizationSettings(db, orgId);
  if (!settings) throw new UnknownOrganizationError(orgId);
  return settings.timezone;
}

/** What the batch would do, read from the current rows; nothing is locked or written. */
function classify(db: DbOrTx, orgId: string, batch: IngestBatch): Promise<IngestCounts> {
  switch (batch.kind) {
    case "leads":
      return classifyLeads(db, orgId, batch.records);
    case "deals":
      return classifyDeals(db, orgId, batch.records);
    case "touchpoints":
      return classifyTouchpoints(db, orgId, batch.records);
  }
}

/**
 * Upserts a validated batch by (organization, external id) in one transaction: the facts, the
 * rollup deltas they cause and an audit entry (when anything changed). Unchanged rows are not
 * written at all, so a resent batch leaves the database as it was. Batches of one
 * organization run one at a time (an advisory lock), which keeps the deltas exact.
 */
export async function ingestBatch(
  db: Db,
  orgId: string,
  batch: IngestBatch,
  options: IngestOptions,
): Promise<IngestCounts> {
  if (batch.records.length === 0) return { inserted: 0, updated: 0, unchanged: 0, unknownLeads: 0 };
  if (options.dryRun) {
    await timezoneOf(db, orgId);
    return classify(db, orgId, batch);
  }
  return db.transaction(async (tx) => {
    await lockIngest(tx, orgId);
    const timezone = await timezoneOf(tx, orgId);
    const counts =
      batch.kind === "leads"
        ? await upsertLeads(tx, orgId, timezone, batch.records)
        : batch.kind === "deals"
          ? await upsertDeals(tx, orgId, timezone, batch.records)
          : await upsertTouchpoints(tx, orgId, batch.records);
    // A batch that changes nothing is not a change: no audit row, so resending is a no-op.
    if (counts.inserted + counts.updated > 0) {
      await writeAudit(tx, orgId, options.actor, {
        action: "ingest",
        entity: batch.kind,
        entityId: batch.kind,
        after: { records: batch.records.length, ...counts, via: options.via ?? "api" },
      });
    }
    return counts;
  });
}
