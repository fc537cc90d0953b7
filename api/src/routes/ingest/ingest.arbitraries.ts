// fast-check generators of ingest batches for the rollup property test.
import fc from "fast-check";

// Instants around New York midnights and the 2026-03-08 daylight-saving change, so leads and
// deals keep crossing day boundaries in the organization's timezone.
const instants = fc.constantFrom(
  ...["06", "07", "08", "09"].flatMap((day) =>
    ["03:59:59", "04:00:00", "04:59:59", "05:00:00", "16:00:00"].map(
      (time) => `2026-03-${day}T${time}Z`,
    ),
  ),
);

const leadRecord = fc.record({
  externalId: fc.constantFrom("L0", "L1", "L2", "L3", "L4"),
  createdAt: instants,
  source: fc.constantFrom("ads", "web"),
  campaign: fc.constantFrom("", "spring"),
  mqlAt: fc.option(instants, { nil: null }),
  sqlAt: fc.option(instants, { nil: null }),
  // Contacts before, at and after the MQL: waits of zero, hours and days, and negative ones.
  firstContactAt: fc.option(instants, { nil: null }),
});

const dealRecord = fc
  .record({
    externalId: fc.constantFrom("D0", "D1", "D2", "D3"),
    // L9 never arrives: its deals stay under "(none)".
    leadExternalId: fc.option(fc.constantFrom("L0", "L1", "L2", "L9"), { nil: null }),
    amount: fc.constantFrom(0, 100, 2500.5, "99.99"),
    status: fc.constantFrom("open", "won", "lost"),
    createdAt: instants,
    closedAt: fc.option(instants, { nil: null }),
  })
  .map((d) => (d.status === "won" && d.closedAt === null ? { ...d, closedAt: d.createdAt } : d));

/** Each external id once per batch, as the API requires; the last one generated wins. */
function uniqueById<T extends { externalId: string }>(records: T[]): T[] {
  return [...new Map(records.map((r) => [r.externalId, r])).values()];
}

const batch = fc.oneof(
  fc.record({
    kind: fc.constant("leads"),
    records: fc.array(leadRecord, { minLength: 1, maxLength: 5 }).map(uniqueById),
  }),
  fc.record({
    kind: fc.constant("deals"),
    records: fc.array(dealRecord, { minLength: 1, maxLength: 4 }).map(uniqueById),
  }),
);

/** Interleaved batches of leads and deals moving between days, sources and statuses. */
export const batchSequence = fc.array(batch, { minLength: 1, maxLength: 8 });
