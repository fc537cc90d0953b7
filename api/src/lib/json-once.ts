import { gzipSync } from "node:zlib";
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";

interface Encoded {
  json: string;
  gzip?: Uint8Array<ArrayBuffer>;
}

/** Smaller answers are sent as they are: gzip's header and the work would not pay. */
const GZIP_FROM_BYTES = 1024;

/** By the very object a cache hands out: its text (and gzip) made on its first answer only. */
const encodings = new WeakMap<object, Encoded>();

const acceptsGzip = (c: Context) => /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");

/**
 * Answers a value kept in memory (a summary) as JSON serialized once per value, not once
 * per request, and gzipped once for the clients that accept it (browsers all do): a
 * summary is some 17 kB of JSON and about 3 kB gzipped (decision 047). The value must not
 * change after its first answer; the caches replace a value, never edit it.
 */
export function jsonOnce<T extends object>(
  c: Context,
  value: T,
): TypedResponse<JSONParsed<T>, 200, "json"> {
  let encoded = encodings.get(value);
  if (!encoded) {
    encoded = { json: JSON.stringify(value) };
    encodings.set(value, encoded);
  }
  c.header("content-type", "application/json");
  c.header("vary", "accept-encoding");
  // The same answer as c.json(value), told apart only by its encoding.
  const typed = (response: Response) =>
    response as unknown as TypedResponse<JSONParsed<T>, 200, "json">;
  if (encoded.json.length < GZIP_FROM_BYTES || !acceptsGzip(c)) {
    return typed(c.body(encoded.json, 200));
  }
  encoded.gzip ??= new Uint8Array(gzipSync(encoded.json));
  c.header("content-encoding", "gzip");
  return typed(c.body(encoded.gzip, 200));
}
