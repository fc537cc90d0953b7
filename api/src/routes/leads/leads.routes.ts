import { createRoute, z } from "@hono/zod-openapi";
import { feedbackReasons, feedbackVerdicts } from "@tandem/db/schema";
import { jsonBody, jsonResponse, problemResponses } from "../../lib/schemas";

export const leadParamsSchema = z.object({
  externalId: z
    .string()
    .min(1)
    .max(255)
    .openapi({ param: { name: "externalId", in: "path" }, example: "crm-00123" }),
});

export const feedbackBody = z
  .strictObject({
    verdict: z.enum(feedbackVerdicts),
    reason: z.enum(feedbackReasons).optional(),
    note: z.string().trim().max(2000).default(""),
  })
  .superRefine((body, ctx) => {
    if (body.verdict === "rejected" && !body.reason) {
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "is required when the lead is rejected",
      });
    }
    if (body.verdict === "accepted" && body.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "is only given with a rejection" });
    }
  })
  .openapi("LeadFeedbackInput");

export const feedbackSchema = z
  .object({
    id: z.string(),
    leadExternalId: z.string(),
    verdict: z.enum(feedbackVerdicts),
    reason: z.enum(feedbackReasons).nullable(),
    note: z.string(),
    authorId: z.string(),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("LeadFeedback");

export const feedbackListSchema = z
  .object({ items: z.array(feedbackSchema), nextCursor: z.string().nullable() })
  .openapi("LeadFeedbackList");

export const feedbackListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(64).optional(),
});

export const addFeedbackRoute = createRoute({
  method: "post",
  path: "/leads/{externalId}/feedback",
  tags: ["Leads"],
  summary: "Sales' verdict on a lead: accepted, or rejected with a reason (members and above)",
  request: { params: leadParamsSchema, body: jsonBody(feedbackBody) },
  responses: {
    201: jsonResponse(feedbackSchema, "The feedback, appended to the lead's history"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});

export const listFeedbackRoute = createRoute({
  method: "get",
  path: "/leads/{externalId}/feedback",
  tags: ["Leads"],
  summary: "A lead's feedback history, newest first",
  request: { params: leadParamsSchema, query: feedbackListQuery },
  responses: {
    200: jsonResponse(feedbackListSchema, "A page of feedback"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const bulkFeedbackBody = z
  .strictObject({
    externalIds: z
      .array(z.string().trim().min(1).max(255))
      .min(1)
      .max(200)
      .refine((ids) => new Set(ids).size === ids.length, "must not repeat a lead"),
    verdict: z.literal("accepted").openapi({
      description: "Only acceptance goes in bulk: a rejection needs its own reason",
    }),
    note: z.string().trim().max(2000).default(""),
  })
  .openapi("BulkLeadFeedbackInput");

export const bulkFeedbackRoute = createRoute({
  method: "post",
  path: "/leads/feedback",
  tags: ["Leads"],
  summary: "Accept many leads at once, all or nothing (members and above)",
  request: { body: jsonBody(bulkFeedbackBody) },
  responses: {
    201: jsonResponse(z.object({ items: z.array(feedbackSchema) }), "One verdict per lead"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const deleteFeedbackRoute = createRoute({
  method: "delete",
  path: "/lead-feedback/{id}",
  tags: ["Leads"],
  summary:
    "Withdraw a verdict (its author or an owner): the lead's earlier verdict counts again, or it awaits one",
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(64)
        .openapi({ param: { name: "id", in: "path" } }),
    }),
  },
  responses: {
    204: { description: "Withdrawn" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});
