import { type IngestKind, ingestKinds } from "@tandem/db/queries/ingest";

export const isIngestKind = (value: string): value is IngestKind =>
  ingestKinds.some((k) => k === value);

/** The fields of each kind of record, as the JSON API names them. */
export const recordFields = {
  leads: [
    "externalId",
    "createdAt",
    "source",
    "campaign",
    "mqlAt",
    "sqlAt",
    "firstContactAt",
    "name",
    "email",
    "company",
    "owner",
    "url",
    "dealExternalIds",
  ],
  deals: [
    "externalId",
    "leadExternalId",
    "amount",
    "stage",
    "status",
    "createdAt",
    "closedAt",
    "owner",
    "forecastCategory",
    "expectedCloseAt",
  ],
  touchpoints: ["externalId", "leadExternalId", "channel", "campaign", "occurredAt"],
} as const satisfies Record<IngestKind, readonly string[]>;

export type RecordField = (typeof recordFields)[IngestKind][number];

export const requiredFields: Record<IngestKind, readonly RecordField[]> = {
  leads: ["externalId", "createdAt", "source"],
  // A deal needs a status or a stage: resolveMapping asks for one of the two.
  deals: ["externalId", "createdAt"],
  touchpoints: ["externalId", "leadExternalId", "channel", "occurredAt"],
};

const timeFields: ReadonlySet<string> = new Set([
  "createdAt",
  "mqlAt",
  "sqlAt",
  "firstContactAt",
  "closedAt",
  "occurredAt",
  "expectedCloseAt",
]);

export const isTimeField = (field: string) => timeFields.has(field);

/** Fields holding several ids: a CSV cell lists them separated by ";" or ",". */
export const isListField = (field: string) => field === "dealExternalIds";

export function fieldOf(kind: IngestKind, name: string): RecordField | undefined {
  const fields: readonly RecordField[] = recordFields[kind];
  return fields.find((f) => f === name);
}
