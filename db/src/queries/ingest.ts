import type { Db, DbOrTx } from "../client";
import type { dealStatuses, forecastCategories } from "../schema/index";
import { type Actor, writeAudit } from "./audit";
import { resolveDealStages, type StageProblem } from "./deal-stages";
import { restoreArchived } from "./ingest-archive";
import { classifyDeals, upsertDeals } from "./ingest-deals";
import { storeAnswer, storedAnswer } from "./ingest-idempotency";
import { classifyLeads, upsertLeads } from "./ingest-leads";
import { dealsToLink, linkDeals } from "./ingest-links";
import { lockIngest, organizationSettings } from "./ingest-sql";
import { classifyTouchpoints, upsertTouchpoints } from "./ingest-touchpoints";

export const ingestKinds = ["leads", "deals", "touchpoints"] as const;
export type IngestKind = (typeof ingestKinds)[number];

// Validated facts as the query layer takes them: instants as ISO 8601 strings, money in minor
// units. An optional field left undefined keeps the stored value; null clears it.
export interface LeadFact {
  externalId: string;
  createdAt: string;
  source: string;
  campaign?: string | null;
  mqlAt?: string | null;
  sqlAt?: string | null;
  firstContactAt?: string | null;
  name?: string | null;
  email?: string | null;
  company?: string | null;
  owner?: string | null;
  url?: string | null;
  /**
   * Deals this lead became (a Salesforce Lead's ConvertedOpportunityId, a HubSpot contact's
   * associated deals). A deal that names no lead of its own counts under the first lead that
   * names it, whichever of the two arrives first; links are added, never taken away by a resend.
   */
  dealExternalIds?: readonly string[] | null;
}

export interface DealFact {
  externalId: string;
  leadExternalId?: string | null;
  /** Minor units; a new deal without one is worth 0 (open deals often have no amount yet). */
  amount?: number;
  /** The CRM's stage name; when given, the organization's deal stages decide the status. */
  stage?: string | null;
  /** As sent; absent when only the stage says where the deal stands. */
  status?: (typeof dealStatuses)[number];
  createdAt: string;
  closedAt?: string | null;
  owner?: string | null;
  forecastCategory?: (typeof forecastCategories)[number] | null;
  expectedCloseAt?: string | null;
}

/** A deal once its stage has been read against the organization's deal stages. */
export type ResolvedDealFact = DealFact & { status: (typeof dealStatuses)[number] };

export interface TouchpointFact {
  externalId: string;
  leadExternalId: string;
  channel: string;
  campaign?: string | null;
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
  /** Stored deals a leads batch gave their lead (through dealExternalIds). */
  linkedDeals: number;
  /** The stored answer of an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export interface IngestOptions {
  actor: Actor;
  /** Count what would change without writing anything. */
  dryRun?: boolean;
  /** Where the batch came from, for the audit log (e.g. "api", "csv"). */
  via?: string;
  /**
   * An Idempotency-Key and a digest of what it was sent with: a retry with the same key gets
   * the stored answer and writes nothing again; the same key for another request is refused.
   */
  idempotency?: { key: string; requestHash: string };
}

/** The key was first used for another request; nothing was written. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key ${key} was used for another request`);
    this.name = "IdempotencyKeyReusedError";
  }
}

/** Records the database refused after validation (a deal stage mapped to another outcome). */
export class RecordsRejectedError extends Error {
  constructor(readonly errors: StageProblem[]) {
    super(`${errors.length} record problem(s)`);
    this.name = "RecordsRejectedError";
  }
}

const noChange: IngestCounts = {
  inserted: 0,
  updated: 0,
  unchanged: 0,
  unknownLeads: 0,
  linkedDeals: 0,
};

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

/** Deals with their status read from their stage; stages seen first are stored when `write`. */
async function resolvedDeals(
  db: DbOrTx,
  orgId: string,
  records: readonly DealFact[],
  write: boolean,
): Promise<ResolvedDealFact[]> {
  const resolution = await resolveDealStages(db, orgId, records, { write });
  if (!resolution.ok) throw new RecordsRejectedError(resolution.errors);
  return resolution.records;
}

/** What the batch would do, read from the current rows; nothing is locked or written. */
async function classify(db: DbOrTx, orgId: string, batch: IngestBatch): Promise<IngestCounts> {
  switch (batch.kind) {
    case "leads":
      return {
        ...(await classifyLeads(db, orgId, batch.records)),
        linkedDeals: await dealsToLink(db, orgId, batch.records),
      };
    case "deals":
      return classifyDeals(db, orgId, await resolvedDeals(db, orgId, batch.records, false));
    case "touchpoints":
      return classifyTouchpoints(db, orgId, batch.records);
  }
}

/**
 * Upserts a validated batch by (organization, external id) in one transaction: the facts, the
 * rollup deltas they cause and an audit entry (when anything changed). Unchanged rows are not
 * written at all, so a resent batch leaves the database as it was. Batches of one
 * organization run one at a time (an advisory lock), which keeps the deltas exact. Deals take
 * their status from their stage's outcome (deal-stages.ts); a contradiction throws
 * RecordsRejectedError and nothing is written.
 */
export async function ingestBatch(
  db: Db,
  orgId: string,
  batch: IngestBatch,
  options: IngestOptions,
): Promise<IngestCounts> {
  if (batch.records.length === 0) return noChange;
  if (options.dryRun) {
    await timezoneOf(db, orgId);
    return classify(db, orgId, batch);
  }
  return db.transaction(async (tx) => {
    await lockIngest(tx, orgId);
    // Under the lock: a concurrent retry with the same key waits here, then finds the answer.
    if (options.idempotency) {
      const stored = await storedAnswer(tx, orgId, options.idempotency.key);
      if (stored) {
        if (stored.requestHash !== options.idempotency.requestHash)
          throw new IdempotencyKeyReusedError(options.idempotency.key);
        return { ...stored.counts, replayed: true };
      }
    }
    const timezone = await timezoneOf(tx, orgId);
    // A resent record that was archived comes back first, so the batch merges with it.
    const restored = await restoreArchived(
      tx,
      orgId,
      timezone,
      batch.kind,
      batch.records.map((r) => r.externalId),
    );
    const counts =
      batch.kind === "leads"
        ? {
            ...(await upsertLeads(tx, orgId, timezone, batch.records)),
            // After the leads are written, so the deals move to their lead's source.
            linkedDeals: await linkDeals(tx, orgId, timezone, batch.records),
          }
        : batch.kind === "deals"
          ? await upsertDeals(
              tx,
              orgId,
              timezone,
              await resolvedDeals(tx, orgId, batch.records, true),
            )
          : await upsertTouchpoints(tx, orgId, batch.records);
    // A batch that changes nothing is not a change: no audit row, so resending is a no-op.
    if (counts.inserted + counts.updated + counts.linkedDeals + restored > 0) {
      await writeAudit(tx, orgId, options.actor, {
        action: "ingest",
        entity: batch.kind,
        entityId: batch.kind,
        after: { records: batch.records.length, ...counts, restored, via: options.via ?? "api" },
      });
    }
    // A restored record counts as inserted: it is back in the figures.
    const answer =
      restored > 0
        ? {
            ...counts,
            inserted: counts.inserted + restored,
            updated: Math.max(0, counts.updated - restored),
            unchanged: Math.max(0, counts.unchanged - Math.max(0, restored - counts.updated)),
          }
        : counts;
    if (options.idempotency) await storeAnswer(tx, orgId, options.idempotency, answer);
    return answer;
  });
}
