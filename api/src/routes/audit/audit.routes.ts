import { createRoute, z } from "@hono/zod-openapi";
import { actorKinds } from "@tandem/db/schema";
import { auditKinds } from "../../audit/audit-words";
import { isoDateSchema, jsonResponse, problemResponses } from "../../lib/schemas";

export const auditEntrySchema = z
  .object({
    id: z.number().int(),
    actor: z.object({
      kind: z.enum(actorKinds),
      id: z.string(),
      name: z
        .string()
        .openapi({ description: 'As people read it: "Priya Raman (Marketing lead)"' }),
    }),
    summary: z.string().openapi({
      description:
        'The change in words: "Priya Raman (Marketing lead) checked in on Webinar attendance: 712"',
    }),
    kind: z.enum(auditKinds).nullable(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    createdAt: z.string(),
  })
  .openapi("AuditEntry");

export const listAuditRoute = createRoute({
  method: "get",
  path: "/audit",
  tags: ["Audit"],
  summary: "Who changed what and when, newest first (owner)",
  request: {
    query: z.object({
      limit: z.coerce.number().int().min(1).max(200).default(50),
      // Audit ids are bigint serials; 15 digits stay a safe JavaScript integer.
      cursor: z
        .string()
        .regex(/^\d{1,15}$/, "must be a cursor from nextCursor")
        .optional(),
      actor: z.string().min(1).max(64).optional().openapi({ description: "A person's user id" }),
      kind: z.enum(auditKinds).optional(),
      from: isoDateSchema
        .optional()
        .openapi({ description: "First day, in the organization's timezone" }),
      to: isoDateSchema.optional().openapi({ description: "Last day, included" }),
    }),
  },
  responses: {
    200: jsonResponse(
      z.object({ entries: z.array(auditEntrySchema), nextCursor: z.string().nullable() }),
      "A page of the audit log",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});
