// What the production server runs, built the same way for `pnpm start`, the tests' servers and
// the bench: the web app (Vite) when it is missing or older than its sources, and the API as one
// ES module, api/dist/server.mjs. The bundle holds our TypeScript (the API and @tandem/db);
// every npm package is left to Node. It starts on half the CPU of `node --import tsx
// api/src/index.ts`, which resolves and transforms each of our files through a loader thread on
// every start (decision 063).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
export const apiBundle = join(root, "api/dist/server.mjs");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (mtime > newest) newest = mtime;
  }
  return newest;
}

/** Builds web/dist when it is missing or older than its sources; says so through `log`. */
async function buildWebIfStale(log = () => {}) {
  const dist = join(root, "web/dist/index.html");
  const sources = Math.max(
    newestMtime(join(root, "web/src")),
    statSync(join(root, "web/index.html")).mtimeMs,
  );
  if (existsSync(dist) && statSync(dist).mtimeMs >= sources) return;
  log("Building the web app…");
  await promisify(execFile)("pnpm", ["--filter", "@tandem/web", "build"], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/**
 * npm packages stay outside the bundle, imported by the absolute path Node would find from the
 * importing file: pnpm gives each workspace package only its own dependencies, so a bare
 * `postgres` imported by db/src would not resolve from api/dist. Our workspace packages are
 * TypeScript and go in.
 */
const packagesByPath = {
  name: "packages-by-path",
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.path.startsWith("node:") || args.path.startsWith("@tandem/")) return undefined;
      if (args.pluginData === "resolving") return undefined;
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: "resolving",
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (!resolved.path.includes("/node_modules/")) return undefined;
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

/**
 * Each file keeps its own `import.meta.url`, so paths found from it (db/migrations, the repo
 * root, swagger-ui's assets) are the same in the bundle as in the sources.
 */
const ownImportMetaUrl = {
  name: "own-import-meta-url",
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: source.replaceAll("import.meta.url", url), loader: "ts" };
    });
  },
};

/**
 * Bundles the API (under a second: it runs on every start, so it is never stale). Each file is
 * written beside its place and renamed into it, so a server starting from the same checkout at
 * that moment reads the old bundle or the new one, never half of one.
 */
async function buildApi() {
  const { outputFiles } = await build({
    absWorkingDir: root,
    entryPoints: ["api/src/index.ts"],
    outfile: apiBundle,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Node reads `main`, never `module`: the same file Node would load, so no package loads twice.
    mainFields: ["main"],
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [packagesByPath, ownImportMetaUrl],
    write: false,
  });
  // The map first: a bundle is never newer than its map.
  const ordered = outputFiles.toSorted(
    (a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")),
  );
  for (const file of ordered) {
    await mkdir(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.partial`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
  }
}

let built;

/**
 * Both parts, before a server starts; once per process, however many servers it starts (the
 * bench's live load starts one, then two).
 */
export function buildServer(log) {
  built ??= buildWebIfStale(log).then(buildApi);
  return built;
}
