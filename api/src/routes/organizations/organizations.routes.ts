import { createRoute, z } from "@hono/zod-openapi";
import {
  currencySchema,
  jsonBody,
  jsonResponse,
  problemResponses,
  timeZoneSchema,
} from "../../lib/schemas";

export const createOrganizationBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    currency: currencySchema,
    timezone: timeZoneSchema,
    fiscalStartMonth: z.number().int().min(1).max(12).default(1),
  })
  .openapi("CreateOrganization");

export const organizationSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    slug: z.string(),
    currency: z.string(),
    timezone: z.string(),
    fiscalStartMonth: z.number().int(),
  })
  .openapi("Organization");

export const createOrganization = createRoute({
  method: "post",
  path: "/organizations",
  tags: ["Organizations"],
  summary: "Create an organization, owned by the caller and made active",
  request: { body: jsonBody(createOrganizationBody) },
  responses: {
    201: jsonResponse(organizationSchema, "The new organization"),
    401: problemResponses[401],
    422: problemResponses[422],
  },
});

export const setActiveOrganizationBody = z.strictObject({
  organizationId: z.string().min(1).max(64),
});

export const setActiveOrganization = createRoute({
  method: "post",
  path: "/organizations/active",
  tags: ["Organizations"],
  summary: "Switch the session's active organization",
  request: { body: jsonBody(setActiveOrganizationBody) },
  responses: {
    200: jsonResponse(organizationSchema, "The now active organization"),
    401: problemResponses[401],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});
