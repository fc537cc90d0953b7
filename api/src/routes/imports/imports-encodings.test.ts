import { readFileSync } from "node:fs";
import { getLead } from "@tandem/db/queries/facts";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { runTandem } from "../../cli/run";
import {
  type Caller,
  createOwner,
  createTestApp,
  TEST_ORIGIN,
  type TestApp,
} from "../../testing/test-app";

const fixturePath = (name: string) => new URL(`../../ingest/fixtures/${name}`, import.meta.url);

// Files as Excel re-saves them: UTF-16 "Unicode text" with tabs, and a de-DE "CSV" in
// Windows-1252 with semicolons. Both used to fail with a parser error or come out as U+FFFD.
describeEachEngine("CSV encodings and separators", (db) => {
  let app: TestApp;
  let owner: Caller & { orgId: string };
  beforeAll(async () => {
    app = createTestApp(db()).app;
    owner = await createOwner(app, { currency: "EUR", timezone: "Europe/Berlin" });
  });

  it.each([
    ["hubspot-contacts-excel-unicode.txt", "text/plain"],
    ["hubspot-contacts-de-windows1252.csv", "text/csv"],
  ])("uploads %s with its text intact", async (name, type) => {
    const form = new FormData();
    form.set("file", new File([readFileSync(fixturePath(name))], name, { type }));
    const response = await app.request(`${TEST_ORIGIN}/api/v1/imports/leads?preset=hubspot`, {
      method: "POST",
      headers: { origin: TEST_ORIGIN, cookie: owner.cookie },
      body: form,
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await getLead(db().db, owner.orgId, "61001")).toMatchObject({
      company: "Müller — Söhne GmbH",
      campaign: "frühling",
      owner: "Ana Ruiz",
      createdAt: new Date("2026-03-02T08:14:00Z"),
    });
    expect(await getLead(db().db, owner.orgId, "61002")).toMatchObject({
      company: "Café Crème SARL",
      owner: null,
      mqlAt: null,
    });
  });

  it("imports them from the command line, detected or declared", async () => {
    const out: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => out.push(line),
      readFile: async () => "",
      readBytes: async (path: string) => readFileSync(path),
      openDatabase: async () => db(),
    };
    const file = fixturePath("hubspot-contacts-de-windows1252.csv").pathname;
    const base = ["import", "leads", file, "--direct", "--org", owner.orgId, "--preset", "hubspot"];
    expect(await runTandem([...base, "--encoding", "windows-1252"], io), out.join("\n")).toBe(0);
    expect(await runTandem([...base, "--encoding", "utf-8"], io)).toBe(1);
    expect(out.at(-1)).toContain("not valid utf-8");
    expect(await runTandem([...base, "--encoding", "latin9"], io)).toBe(2);
  });
});
