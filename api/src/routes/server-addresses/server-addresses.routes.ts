import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse, problemResponses } from "../../lib/schemas";

export const serverAddressesSchema = z
  .object({
    publicUrl: z
      .string()
      .nullable()
      .openapi({ description: "TANDEM_PUBLIC_URL; null when each request's own address is used" }),
    requestOrigin: z
      .string()
      .openapi({ description: "The address this request came in by, as links would use it" }),
    addresses: z
      .array(
        z.object({
          url: z.string().openapi({ example: "http://192.168.1.20:8080" }),
          interface: z.string().openapi({ example: "en0" }),
          loopback: z.boolean().openapi({ description: "Reachable from this machine only" }),
        }),
      )
      .openapi({ description: "Where the server listens, one URL per network address" }),
  })
  .openapi("ServerAddresses");

export const serverAddressesRoute = createRoute({
  method: "get",
  path: "/server-addresses",
  tags: ["Organization"],
  summary: "Addresses the server listens on, so TVs and colleagues can be sent one they reach",
  responses: {
    200: jsonResponse(serverAddressesSchema, "The public URL if set, and the listening addresses"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});
