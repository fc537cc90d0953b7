import { z } from "@hono/zod-openapi";
import { ingestKinds } from "@tandem/db/queries/ingest";
import { MAX_BATCH_RECORDS } from "../../ingest/batch";
import { decimalMarks } from "../../ingest/csv/amounts";
import { csvEncodings } from "../../ingest/csv/decode";
import { dateOrders } from "../../ingest/csv/local-dates";
import { csvPresets } from "../../ingest/csv/presets";
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
  skipInvalid: flag.openapi({
    param: { name: "skipInvalid", in: "query" },
    description:
      "CSV only: write the good rows and list the bad ones in `skipped` instead of refusing the whole file (the default: all or nothing). With dryRun=true, a preview of both. A problem with the file itself (its header, a format choice) still refuses it",
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
  decimal: z
    .enum(decimalMarks)
    .optional()
    .openapi({
      param: { name: "decimal", in: "query" },
      description:
        "CSV only: the decimal mark of the file's amounts, point (1,234.56) or comma (1.234,56); detected when the amounts prove it, else asked (422 naming the column)",
    }),
  dateOrder: z
    .enum(dateOrders)
    .optional()
    .openapi({
      param: { name: "dateOrder", in: "query" },
      description:
        "CSV only: how the file writes dates like 03/04/2026, month-first (US) or day-first; detected when a day above 12 proves it, else asked (422 naming the column)",
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

const skippedRowSchema = z
  .object({
    line: z.number().int().openapi({ description: "The row's line in the file (the header is 1)" }),
    path: z.string().openapi({ description: "The record field, e.g. createdAt" }),
    column: z.string().optional().openapi({ description: "The CSV column it was read from" }),
    reason: z.string(),
  })
  .openapi("SkippedRow");

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
    replayed: z.boolean().optional().openapi({
      description:
        "True when this is the stored answer of an earlier request with the same Idempotency-Key: nothing was written again",
    }),
    linkedDeals: z.number().int().openapi({
      description:
        "Leads only: stored deals that named no lead and now count under the lead that lists them in dealExternalIds",
    }),
    notes: z
      .array(z.object({ line: z.number().int(), message: z.string() }))
      .optional()
      .openapi({
        description:
          "CSV only: rows skipped on purpose, not records (a report's totals row, its footer lines)",
      }),
    preview: z
      .object({
        columns: z.record(z.string(), z.string()).openapi({
          description: "The CSV column each field is read from",
        }),
        rows: z.array(
          z.object({
            line: z.number().int(),
            values: z.record(
              z.string(),
              z.union([z.string(), z.number(), z.array(z.string()), z.null()]),
            ),
          }),
        ),
      })
      .optional()
      .openapi({
        description:
          "CSV dry runs: the first rows as they would be stored, by field (times ISO 8601, amounts in major units)",
      }),
    skipped: z.array(skippedRowSchema).optional().openapi({
      description:
        "CSV with skipInvalid=true: the bad rows left out, one entry per problem (line, field, column, reason)",
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
  options: z.array(z.string()).optional().openapi({
    description:
      "A choice the file does not make itself: send the parameter named by `path` with one of these values",
  }),
  value: z
    .string()
    .optional()
    .openapi({ description: "For such a choice: the cell that reads two ways" }),
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
