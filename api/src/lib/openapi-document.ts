import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

type Doc = ReturnType<OpenAPIHono["getOpenAPI31Document"]>;

const methods = ["get", "put", "post", "patch", "delete"] as const;

/**
 * Paths anyone may call: health, the TV's display-token routes (the token is the secret) and
 * the first screen (each of its parts checks the session itself).
 */
const isPublic = (path: string) =>
  path === "/api/health" ||
  path.startsWith("/api/meta") ||
  path.includes("/displays/{token}") ||
  path === "/api/v1/first-screen";

/** "get /api/v1/goals/{id}/summary" -> "getGoalsIdSummary": stable, unique per operation. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api(\/v1)?/, "")
    .split(/[/{}-]+/)
    .filter(Boolean);
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/**
 * The published document, completed where routes leave it to the defaults: every operation
 * gets an operationId (from its method and path when the route names none) and its security
 * (the session cookie by default, nothing on public paths), so generated clients and
 * `redocly lint` see the contract as the middleware enforces it.
 */
export function finishedDocument(doc: Doc): Doc {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      if (typeof operation.operationId !== "string")
        operation.operationId = operationIdOf(method, path);
      if (!Array.isArray(operation.security))
        operation.security = isPublic(path) ? [] : [{ session: [] }];
    }
  }
  return doc;
}

/** Serves the finished document at /api/v1/openapi.json, built once. */
export function mountOpenApiDocument<E extends Env>(app: OpenAPIHono<E>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "session", {
    type: "apiKey",
    in: "cookie",
    name: "better-auth.session_token",
    description:
      "The session cookie set by POST /api/auth/sign-in/email; a request acts in the session's active organization. Cookie requests that change something must carry the page's Origin.",
  });
  let built: Doc | null = null;
  app.get("/api/v1/openapi.json", (c) => {
    built ??= finishedDocument(
      app.getOpenAPI31Document({
        openapi: "3.1.0",
        info: {
          title: "Tandem API",
          version: "1.0.0",
          description: "One revenue number for sales and marketing.",
          license: { name: "Proprietary", url: "https://tandem.dev/license" },
        },
        servers: [{ url: "/", description: "The server this document came from" }],
      }),
    );
    return c.json(built);
  });
}
