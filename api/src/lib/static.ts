import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { AppEnv } from "./context";
import { ApiError } from "./errors";

const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Serves the built web app: hashed files under /assets are cached for a year, everything
 * else revalidates, source maps are not served, and any other path that is not an API call gets index.html so the
 * client-side router can take it (SPA fallback). A file's `.br` or `.gz` copy, written by the
 * build (web/build/precompress.ts), is sent instead when the browser accepts it, with its
 * Content-Encoding: no compression per request, and a third of the bytes to stream.
 */
export function mountWebApp(app: Hono<AppEnv>, distDir: string): void {
  if (!existsSync(join(distDir, "index.html"))) return;
  const files = serveStatic<AppEnv>({ root: distDir, precompressed: true });
  const indexHtml = serveStatic<AppEnv>({
    root: distDir,
    path: "index.html",
    precompressed: true,
  });

  app.use("/assets/*", async (c) => {
    // Source maps stay on the server's disk for debugging; publishing them would hand out
    // the readable source and its comments.
    if (c.req.path.endsWith(".map")) throw new ApiError("not_found", `No file ${c.req.path}`);
    const response = await files(c, async () => {});
    if (!response) throw new ApiError("not_found", `No file ${c.req.path}`);
    response.headers.set("Cache-Control", IMMUTABLE);
    return response;
  });
  app.get("*", async (c, next) => {
    if (c.req.path.startsWith("/api/")) return next();
    const response = await files(c, async () => {});
    const found = response ?? (await indexHtml(c, next));
    c.res.headers.set("Cache-Control", "no-cache");
    return found;
  });
}
