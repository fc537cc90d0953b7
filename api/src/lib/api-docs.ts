import { createRequire } from "node:module";
import { dirname } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "./context";

// Served from the installed package, not a CDN: a self-hosted server may have no internet.
const swaggerDir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Tandem API reference</title>
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <div id="reference"></div>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>`;

const init = `window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#reference", deepLinking: true });`;

/** The readable reference of /api/v1/openapi.json at /api/docs. */
export function mountApiDocs(app: Hono<AppEnv>): void {
  app.get("/api/docs", (c) => c.html(page));
  app.get("/api/docs/init.js", (c) =>
    c.body(init, 200, { "content-type": "text/javascript; charset=utf-8" }),
  );
  app.use(
    "/api/docs/assets/*",
    serveStatic({
      root: swaggerDir,
      rewriteRequestPath: (path) => path.replace(/^\/api\/docs\/assets/, ""),
    }),
  );
}
