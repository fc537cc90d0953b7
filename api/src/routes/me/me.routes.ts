import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@tandem/db/queries/members";
import { jsonResponse, problemResponses } from "../../lib/schemas";
import { organizationSchema } from "../organizations/organizations.routes";

export const meSchema = z
  .object({
    user: z.object({
      id: z.string(),
      email: z.string(),
      name: z.string(),
      twoFactorEnabled: z.boolean(),
    }),
    organization: organizationSchema,
    role: z.enum(roles),
    team: z.object({ id: z.string(), name: z.string(), function: z.string() }).nullable(),
    organizations: z.array(z.object({ id: z.string(), name: z.string() })),
    requireTwoFactor: z.boolean().openapi({
      description:
        "The organization asks for a second factor; while the caller has none, every other /api/v1 route answers 403",
    }),
  })
  .openapi("Me");

export const getMe = createRoute({
  method: "get",
  path: "/me",
  tags: ["Organizations"],
  summary: "The caller, their active organization, role and team",
  responses: {
    200: jsonResponse(meSchema, "The caller"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});
