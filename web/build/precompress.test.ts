import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { precompressFolder } from "./precompress";

describe("precompressFolder", () => {
  it("writes brotli and gzip copies of the build's text files that decode to the file", () => {
    const dist = mkdtempSync(join(tmpdir(), "tandem-precompress-"));
    mkdirSync(join(dist, "assets"));
    const script = `export const words = ${JSON.stringify("the dashboard ".repeat(400))};\n`;
    writeFileSync(join(dist, "assets", "index-abc.js"), script);
    writeFileSync(join(dist, "assets", "index-abc.js.map"), script);
    writeFileSync(join(dist, "assets", "logo.png"), script);
    writeFileSync(join(dist, "theme.js"), "small");

    const done = precompressFolder(dist);

    expect(done).toEqual([join("assets", "index-abc.js")]);
    const path = join(dist, "assets", "index-abc.js");
    expect(brotliDecompressSync(readFileSync(`${path}.br`)).toString()).toBe(script);
    expect(gunzipSync(readFileSync(`${path}.gz`)).toString()).toBe(script);
    // Maps are never served, images are compressed already, a tiny file is not worth it.
    expect(existsSync(join(dist, "assets", "index-abc.js.map.br"))).toBe(false);
    expect(existsSync(join(dist, "assets", "logo.png.br"))).toBe(false);
    expect(existsSync(join(dist, "theme.js.br"))).toBe(false);
  });
});
