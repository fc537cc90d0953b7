import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../../lib/router";
import { jsonResponse } from "../../lib/schemas";

const metaSchema = z
  .object({
    demo: z.boolean(),
    demoPeople: z.array(z.object({ email: z.string(), role: z.string(), password: z.string() })),
    singleSignOn: z
      .boolean()
      .openapi({ description: "An OpenID provider is configured and its discovery succeeded" }),
  })
  .openapi("Meta");

const getMeta = createRoute({
  method: "get",
  path: "/meta",
  tags: ["Health"],
  summary: "What the sign-in page needs to know: demo mode and its sign-ins",
  responses: { 200: jsonResponse(metaSchema, "Public facts about this server") },
});

export const metaRoutes = createRouter().openapi(getMeta, async (c) => {
  const { socialProviders } = await c.var.auth.$context;
  return c.json(
    {
      demo: c.var.demoPeople.length > 0,
      // Demo sign-ins are public by design: they exist only on a demo database.
      demoPeople: c.var.demoPeople,
      singleSignOn: socialProviders.some((provider) => provider.id === "oidc"),
    },
    200,
  );
});
