import { describeEachEngine, tableFingerprint, testEngines } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { type Caller, call, createOwner, createTestApp, type TestApp } from "./testing/test-app";

/**
 * Every operation of the published OpenAPI document gets malformed path and query parameters
 * and malformed JSON bodies, derived from the document itself, so a route added tomorrow is
 * covered without touching this file. Each must answer 4xx problem+json (422 naming the field)
 * and write nothing; none may answer 5xx.
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  enum?: unknown[];
  $ref?: string;
}
interface Parameter {
  in: "path" | "query" | "header";
  name: string;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Array<Record<string, unknown>>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface Case {
  label: string;
  url: string;
  body?: unknown;
  /** The field given a value of the wrong type: a 422 must name it. */
  field?: string;
  /** Must be refused: a body of the wrong shape. Parameters may also be tolerated (< 500). */
  mustRefuse: boolean;
}

const BAD_TEXT = ["\u0000", "\ud800", "x".repeat(5000)];
const BAD_QUERY = ["\u0000", "99999999999999999999", "-1", "1e400", "not-a-value", "0000-01-01"];
const WRONG_SHAPE = [[], "text", 42, null, true];

function resolve(doc: Document, schema: Schema | undefined): Schema {
  if (!schema?.$ref) return schema ?? {};
  const name = schema.$ref.replace("#/components/schemas/", "");
  return resolve(doc, doc.components?.schemas?.[name]);
}

function typesOf(schema: Schema): string[] {
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

/** Values of a type the field does not accept: refused by the schema, whatever else is sent. */
function wrongTypes(schema: Schema): unknown[] {
  const types = typesOf(schema);
  const values: unknown[] = [];
  if (!types.includes("string")) values.push("not-this-type");
  if (!types.includes("number") && !types.includes("integer")) values.push(12345);
  if (!types.includes("object")) values.push({ nested: true });
  if (!types.includes("array")) values.push([1, 2]);
  if (schema.enum) values.push("not-one-of-them");
  return values;
}

/**
 * Values of the right type that no column can hold or no rule allows. They are checked after
 * the shape, so with the rest of the body missing the answer may name other fields first.
 */
function badValues(schema: Schema): unknown[] {
  const types = typesOf(schema);
  if (types.includes("number") || types.includes("integer")) return [-1e308, 1e-300, 0.5];
  if (types.includes("string") && !schema.enum) return BAD_TEXT;
  return [];
}

// A lone surrogate has no UTF-8 form; its CESU bytes are what a broken client would send.
function encodePart(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return "%ED%A0%80";
  }
}

function placeholder(parameter: Parameter): string {
  const value = parameter.schema?.enum?.[0];
  return typeof value === "string" ? value : "x";
}

function casesOf(doc: Document, path: string, operation: Operation, shapes: boolean): Case[] {
  const parameters = (operation.parameters ?? []).filter((p) => p.in !== "header");
  const pathParams = parameters.filter((p) => p.in === "path");
  const urlWith = (overrides: Record<string, string>, query: Record<string, string> = {}) => {
    let url = path;
    for (const p of pathParams)
      url = url.replace(`{${p.name}}`, encodePart(overrides[p.name] ?? placeholder(p)));
    const search = new URLSearchParams(query).toString();
    return search ? `${url}?${search}` : url;
  };
  const cases: Case[] = [];
  for (const p of pathParams) {
    for (const value of BAD_TEXT)
      cases.push({
        label: `path ${p.name}=${JSON.stringify(value.slice(0, 8))}`,
        url: urlWith({ [p.name]: value }),
        mustRefuse: true,
      });
  }
  for (const p of parameters.filter((q) => q.in === "query")) {
    for (const value of BAD_QUERY)
      cases.push({
        label: `query ${p.name}=${JSON.stringify(value)}`,
        url: urlWith({}, { [p.name]: value }),
        mustRefuse: false,
      });
  }
  const json = operation.requestBody?.content?.["application/json"];
  if (json) {
    const schema = resolve(doc, json.schema);
    for (const body of shapes ? WRONG_SHAPE : [])
      cases.push({
        label: `body ${JSON.stringify(body)}`,
        url: urlWith({}),
        body,
        mustRefuse: true,
      });
    for (const [name, property] of Object.entries(schema.properties ?? {})) {
      const field = resolve(doc, property);
      for (const value of shapes ? wrongTypes(field) : []) {
        cases.push({
          label: `body.${name}=${JSON.stringify(value).slice(0, 24)}`,
          url: urlWith({}),
          body: { [name]: value },
          field: name,
          mustRefuse: true,
        });
      }
      for (const value of badValues(field)) {
        cases.push({
          label: `body.${name}=${JSON.stringify(value).slice(0, 24)}`,
          url: urlWith({}),
          body: { [name]: value },
          mustRefuse: true,
        });
      }
    }
  }
  return cases;
}

async function send(app: TestApp, method: string, c: Case, caller: Caller, apiKey: string) {
  const response = await call(app, method, c.url, {
    caller,
    // Ingest takes an API key and refuses a session; every other route the other way round.
    headers: c.url.startsWith("/api/v1/ingest/")
      ? { authorization: `Bearer ${apiKey}`, cookie: "" }
      : { "if-match": '"1"' },
    body: c.body,
  });
  const text = await response.text().catch(() => "");
  return { status: response.status, type: response.headers.get("content-type") ?? "", text };
}

/**
 * A body of the wrong shape or a field of the wrong type is refused by the route's schema before
 * any query, so no engine sees it: those cases (four in ten) run on one engine, the server's
 * when there is one (the faster of the two here). Values of the right type and every path and
 * query parameter reach the queries, whose drivers differ, and run on every engine.
 */
const shapesOn = testEngines().includes("postgres") ? "postgres" : "pglite";

describeEachEngine("every operation of the OpenAPI document, sent malformed input", (db, kind) => {
  it("answers 4xx problem+json naming the field, never 5xx, and writes nothing", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const key = await call(app, "POST", "/api/v1/api-keys", {
      caller: owner,
      body: { name: "fuzz" },
    });
    const apiKey = String(((await key.json()) as { token?: string }).token);
    const doc = (await (await call(app, "GET", "/api/v1/openapi.json")).json()) as Document;
    // Opening the app (/me, or the first screen that asks it) remembers the origin it is
    // opened at, once: done here, before the tables are fingerprinted.
    await call(app, "GET", "/api/v1/me", { caller: owner });
    // Using a key records when it was last used; that is bookkeeping, not a write.
    const ignore = { api_keys: ["last_used_at"] };
    const before = await tableFingerprint(db().db, ignore);
    const failures: string[] = [];
    let sent = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const c of casesOf(doc, path, operation, kind === shapesOn)) {
          const answer = await send(app, method.toUpperCase(), c, owner, apiKey);
          sent++;
          const where = `${method.toUpperCase()} ${path} ${c.label}: ${answer.status} ${answer.text.slice(0, 200)}`;
          if (answer.status >= 500) failures.push(where);
          else if (answer.status >= 400) {
            if (!answer.type.includes("application/problem+json"))
              failures.push(`not problem+json: ${where}`);
            const problem = JSON.parse(answer.text || "{}") as { errors?: Array<{ path: string }> };
            if (answer.status === 422 && c.field) {
              const paths = (problem.errors ?? []).map((e) => e.path);
              if (!paths.some((p) => p === c.field || p.startsWith(`${c.field}.`)))
                failures.push(`422 without the field ${c.field}: ${where}`);
            }
          } else if (c.mustRefuse) failures.push(`accepted: ${where}`);
        }
        const after = await tableFingerprint(db().db, ignore);
        const changed = Object.keys(after).filter((t) => after[t] !== before[t]);
        if (changed.length > 0) {
          failures.push(`${method.toUpperCase()} ${path} changed ${changed.join(", ")}`);
          Object.assign(before, after);
        }
      }
    }
    expect(sent).toBeGreaterThan(kind === shapesOn ? 300 : 200);
    expect(failures.join("\n")).toBe("");
  }, 240_000);
});
