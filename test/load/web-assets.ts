import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

export interface WebBuild {
  dist: string;
  /** How the dist folder came to be, for the report. */
  how: string;
}

/**
 * Builds the web app from the working tree into a folder of the bench's own, so that a run
 * never overwrites web/dist under someone's dev server; falls back to web/dist if that fails.
 */
export function buildWebApp(repoRoot: string, log: (message: string) => void): WebBuild {
  const dist = join(repoRoot, ".bench-cache", "web-dist");
  const started = performance.now();
  const result = spawnSync(
    "pnpm",
    ["--filter", "@tandem/web", "exec", "vite", "build", "--outDir", dist, "--emptyOutDir"],
    { cwd: repoRoot, encoding: "utf8" },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (result.status === 0 && existsSync(join(dist, "index.html"))) {
    return { dist, how: `vite build of the working tree in ${seconds} s` };
  }
  const fallback = join(repoRoot, "web", "dist");
  log(`  web: vite build failed (${result.stderr.trim().split("\n").slice(-3).join(" / ")})`);
  if (existsSync(join(fallback, "index.html"))) {
    return { dist: fallback, how: "web/dist as found (the bench's own build failed)" };
  }
  throw new Error("the web app could not be built and web/dist holds no build");
}

/** The entry module and the modules it preloads, as index.html names them, in order. */
export function initialScripts(indexHtml: string): string[] {
  const paths: string[] = [];
  for (const tag of indexHtml.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isEntry = tag.startsWith("<script") && /\btype="module"/.test(tag);
    const isPreload = tag.startsWith("<link") && /\brel="modulepreload"/.test(tag);
    const path = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isEntry || isPreload) && path) paths.push(path);
  }
  return paths;
}

/** Gzip size at zlib's default level, the one a reverse proxy compresses with on the fly. */
export function gzipBytes(dist: string, urlPath: string): number {
  const file = join(dist, urlPath.replace(/^\//, "").split("?")[0] ?? "");
  return gzipSync(readFileSync(file)).length;
}
