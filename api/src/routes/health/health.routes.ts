import { createRoute, z } from "@hono/zod-openapi";

export const healthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    db: z.enum(["ok", "unreachable"]),
  })
  .openapi("Health");

export const getHealth = createRoute({
  method: "get",
  path: "/health",
  tags: ["Health"],
  summary: "Liveness and database reachability",
  responses: {
    200: { description: "Healthy", content: { "application/json": { schema: healthSchema } } },
    503: {
      description: "The database is unreachable",
      content: { "application/json": { schema: healthSchema } },
    },
  },
});
