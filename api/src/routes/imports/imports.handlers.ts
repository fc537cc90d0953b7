import type { RouteHandler } from "@hono/zod-openapi";
import type { AppEnv } from "../../lib/context";
import { ApiError } from "../../lib/errors";
import { runCsv } from "../ingest/ingest.request";
import type { importCsvRoute } from "./imports.routes";

const isText = (contentType: string) =>
  /^(text\/csv|application\/csv|text\/plain)\b/i.test(contentType);
const isMultipart = (contentType: string) => /^multipart\/form-data\b/i.test(contentType);

/** The file's bytes: its encoding is decided from them (or declared), never assumed. */
async function csvBytes(request: {
  header(name: string): string | undefined;
  arrayBuffer(): Promise<ArrayBuffer>;
  parseBody(): Promise<Record<string, unknown>>;
}): Promise<Uint8Array> {
  const contentType = request.header("content-type") ?? "";
  if (isText(contentType)) return new Uint8Array(await request.arrayBuffer());
  if (isMultipart(contentType)) {
    const form = await request.parseBody().catch(() => {
      throw new ApiError("bad_request", "The multipart form could not be read; send it again");
    });
    const file = form.file;
    if (file instanceof File) return new Uint8Array(await file.arrayBuffer());
    if (typeof file === "string") return new TextEncoder().encode(file);
    throw new ApiError("bad_request", "The form has no `file` field");
  }
  throw new ApiError(
    "bad_request",
    "Send the CSV as text/csv or as a multipart form with a `file` field",
  );
}

export const importCsv: RouteHandler<typeof importCsvRoute, AppEnv> = async (c) => {
  const { kind } = c.req.valid("param");
  const query = c.req.valid("query");
  const { orgId, userId, organization } = c.var.tenant;
  const bytes = await csvBytes(c.req);
  const summary = await runCsv(
    c.var.database,
    {
      orgId,
      currency: organization.currency,
      timezone: organization.timezone,
      actor: { kind: "user", id: userId },
    },
    kind,
    bytes,
    query,
  );
  return c.json(summary, 200);
};
