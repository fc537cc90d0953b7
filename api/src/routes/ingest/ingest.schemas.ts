import { z } from "@hono/zod-openapi";
import { MAX_BATCH_RECORDS } from "../../ingest/batch";
import { csvEncodings } from "../../ingest/csv/decode";
import { csvPresets } from "../../ingest/csv/presets";
import { ingestKinds } from "../../ingest/fields";
import { recordSchemas } from "../../ingest/records";

const flag = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

/** Options shared by JSON and CSV ingest and by the web upload. */
export const ingestQuerySchema = z.object({
  dryRun: flag.openapi({
    param: { name: "dryRun", in: "query" },
    description: "Validate and count what would change; write nothing",
  }),
  preset: z
    .enum(csvPresets)
    .optional()
    .openapi({
      param: { name: "preset", in: "query" },
      description: "CSV only: the CRM's export columns",
    }),
  encoding: z
    .enum(csvEncodings)
    .optional()
    .openapi({
      param: { name: "encoding", in: "query" },
      description:
        "CSV only: the file's text encoding; detected when left out (BOM, UTF-16 NULs, valid UTF-8, else Windows-1252)",
    }),
  map: z
    .union([z.string().max(300), z.array(z.string().max(300)).max(50)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .openapi({
      param: { name: "map", in: "query" },
      description: 'CSV only, repeatable: "Column name=field", e.g. "Lead Created=createdAt"',
    }),
});

export const ingestResultSchema = z
  .object({
    kind: z.enum(ingestKinds),
    dryRun: z.boolean(),
    records: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    unknownLeads: z.number().int().openapi({
      description: "Deals and touchpoints whose lead is not known yet; they attach when it arrives",
    }),
  })
  .openapi("IngestResult");

const batchOf = <T extends z.ZodType>(record: T) =>
  z.object({ records: z.array(record).min(1).max(MAX_BATCH_RECORDS) });

/**
 * Documentation only: registered as components and referenced by the routes, so the router does
 * not validate the body itself. The handler does, with the organization's currency and the same
 * code as CSV imports, and reports every bad record at once.
 */
const documented = recordSchemas({ digits: 2, timeZone: "UTC" });

export const batchComponents = {
  IngestLeadsBody: batchOf(documented.leads),
  IngestDealsBody: batchOf(documented.deals),
  IngestTouchpointsBody: batchOf(documented.touchpoints),
} as const;

export const csvLineErrorSchema = z.object({
  index: z.number().int().optional(),
  line: z.number().int(),
  path: z.string(),
  column: z.string().optional(),
  message: z.string(),
});

export const csvProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(csvLineErrorSchema).optional(),
  })
  .openapi("CsvProblem");
