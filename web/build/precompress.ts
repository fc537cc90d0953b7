import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/** Text the browser asks for; images other than SVG and fonts are compressed already. */
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;
/** Below this the compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the build, at the
 * strongest settings, once: the server answers them as they are (`precompressed` in
 * api/src/lib/static.ts) instead of sending the plain file or compressing on every request.
 * A copy is kept only when it is smaller. Returns the files compressed, for the tests.
 */
export function precompressFolder(folder: string): string[] {
  const done: string[] = [];
  for (const name of readdirSync(folder, { recursive: true, encoding: "utf8" })) {
    const path = join(folder, name);
    if (!COMPRESSIBLE.test(name) || !statSync(path).isFile()) continue;
    const plain = readFileSync(path);
    if (plain.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(plain, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
      },
    });
    const gzip = gzipSync(plain, { level: 9 });
    if (brotli.length < plain.length) writeFileSync(`${path}.br`, brotli);
    if (gzip.length < plain.length) writeFileSync(`${path}.gz`, gzip);
    done.push(name);
  }
  return done;
}

/** The build step: after vite has written the output folder (public/ files included). */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "tandem-precompress",
    apply: "build",
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressFolder(outDir);
    },
  };
}
