import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { countFacts, ingestSnapshot, storedRollups } from "@tandem/db/queries/ingest-inspect";
import { diffRollups } from "@tandem/db/queries/rollups";
import { organization } from "@tandem/db/schema";
import { describeEachEngine } from "@tandem/db/testing";
import { beforeAll, expect, it } from "vitest";
import { createKey } from "../routes/ingest/ingest.helpers";
import { createOwner, createTestApp } from "../testing/test-app";
import { directSender, directTarget } from "./direct-send";
import { importFile } from "./import-file";
import { type CliIo, runTandem } from "./run";

const fixture = (name: string) =>
  fileURLToPath(new URL(`../ingest/fixtures/${name}`, import.meta.url));

describeEachEngine("pnpm tandem import", (db) => {
  let orgId: string;
  beforeAll(async () => {
    orgId = `org_${randomBytes(6).toString("hex")}`;
    await db().db.insert(organization).values({
      id: orgId,
      name: "Direct Co",
      slug: orgId,
      currency: "USD",
      timezone: "America/Chicago",
    });
  });

  /** Runs the command in-process against the test database; the database stays open. */
  async function tandem(args: string[], extra: Partial<CliIo> = {}) {
    const out: string[] = [];
    const err: string[] = [];
    const database = db();
    const code = await runTandem(args, {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      readFile: (path) => readFile(path, "utf8"),
      readBytes: (path) => readFile(path),
      openDatabase: async () => ({ ...database, close: async () => {} }),
      ...extra,
    });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  it("imports straight into the database, dry run first", async () => {
    const dry = await tandem([
      "import",
      "leads",
      fixture("hubspot-contacts.csv"),
      "--direct",
      "--dry-run",
      "--preset",
      "hubspot",
    ]);
    expect(dry).toMatchObject({ code: 0, err: "" });
    expect(dry.out).toContain("would insert 8");
    expect(await countFacts(db().db, "leads", orgId)).toBe(0);

    const real = await tandem([
      "import",
      "leads",
      fixture("hubspot-contacts.csv"),
      "--direct",
      "--org",
      orgId,
      "--preset",
      "hubspot",
    ]);
    expect(real.code).toBe(0);
    expect(real.out).toContain("8 inserted");
    const deals = await tandem([
      "import",
      "deals",
      fixture("hubspot-deals.csv"),
      "--direct",
      "--preset",
      "hubspot",
    ]);
    expect(deals.out).toContain("5 inserted");
    expect(await diffRollups(db().db, orgId)).toEqual([]);
  });

  it("reports bad lines and usage mistakes with their own exit codes", async () => {
    const before = await ingestSnapshot(db().db, orgId);
    const bad = await tandem([
      "import",
      "deals",
      fixture("hubspot-deals.csv"),
      "--direct",
      "--preset",
      "hubspot",
      "--map",
      "Deal Name=createdAt",
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("nothing was written");
    expect(bad.err).toContain('line 2, createdAt (column "Deal Name")');
    expect(await ingestSnapshot(db().db, orgId)).toEqual(before);

    expect((await tandem(["import", "contacts", "x.csv", "--direct"])).code).toBe(2);
    expect((await tandem(["import", "leads", "x.csv"])).code).toBe(2);
    expect(
      (await tandem(["import", "leads", "x.csv", "--direct", "--preset", "pipedrive"])).code,
    ).toBe(2);
    const missing = await tandem(["import", "leads", "/no/such/file.csv", "--direct"]);
    expect(missing.code).toBe(1);
  });

  it("checks every part of a large file before writing any", async () => {
    const database = db();
    const target = await directTarget(database, orgId);
    const request = {
      kind: "leads" as const,
      preset: "salesforce" as const,
      map: [],
      dryRun: false,
      partRows: 2,
    };
    const text = await readFile(fixture("salesforce-leads.csv"), "utf8");
    const broken = `${text}"00Q5g00000AbC099EAA","X","Y","Z","z@example","Open","Web","","not a date","","","false",""\n`;
    const before = await ingestSnapshot(database.db, orgId);
    const refused = await importFile(
      { ...request, text: broken },
      directSender(database, target, request),
    );
    expect(refused).toEqual({
      ok: false,
      errors: [expect.objectContaining({ line: 8, path: "createdAt" })],
    });
    expect(await ingestSnapshot(database.db, orgId)).toEqual(before);

    const done = await importFile({ ...request, text }, directSender(database, target, request));
    expect(done).toMatchObject({ ok: true, parts: 3, counts: { records: 6, inserted: 6 } });
  });

  it("skips bad rows with --skip-invalid, naming each by its line in the file across parts", async () => {
    const skipOrg = `org_${randomBytes(6).toString("hex")}`;
    await db().db.insert(organization).values({
      id: skipOrg,
      name: "Skip Co",
      slug: skipOrg,
      currency: "USD",
      timezone: "UTC",
    });
    const text = [
      "externalId,createdAt,source,company",
      'k1,2026-03-01,web,"Two',
      'lines"',
      "k2,yesterday,web,",
      "k3,2026-03-02,,",
      "k1,2026-03-03,ads,",
      "k4,2026-03-03,ads,",
    ].join("\n");
    const database = db();
    const target = await directTarget(database, skipOrg);
    const request = { kind: "leads" as const, map: [], skipInvalid: true, partRows: 2 };
    const preview = await importFile(
      { ...request, text, dryRun: true },
      directSender(database, target, request),
    );
    expect(preview).toMatchObject({ ok: true, counts: { records: 2, inserted: 2 } });
    if (!preview.ok) return;
    expect(preview.skipped.map((s) => [s.line, s.path])).toEqual([
      [4, "createdAt"],
      [5, "source"],
      [6, "externalId"],
    ]);
    expect(await countFacts(db().db, "leads", skipOrg)).toBe(0);

    const path = join(await mkdtemp(join(tmpdir(), "tandem-")), "leads.csv");
    await writeFile(path, text);
    // Without the flag the file is refused whole.
    const refused = await tandem(["import", "leads", path, "--direct", "--org", skipOrg]);
    expect(refused.code).toBe(1);
    expect(await countFacts(db().db, "leads", skipOrg)).toBe(0);
    const skipped = await tandem([
      "import",
      "leads",
      path,
      "--direct",
      "--org",
      skipOrg,
      "--skip-invalid",
    ]);
    expect(skipped).toMatchObject({ code: 0, err: "" });
    expect(skipped.out).toContain("2 inserted");
    expect(skipped.out).toContain("3 bad rows were skipped");
    expect(skipped.out).toContain(
      'line 4, createdAt (column "createdAt"): "yesterday" is not a date',
    );
    expect(skipped.out).toContain('line 6, externalId (column "externalId"): repeats line 2');
    expect(await countFacts(db().db, "leads", skipOrg)).toBe(2);
  });

  it("links Salesforce opportunities imported before their leads to the leads' sources", async () => {
    const linkedOrg = `org_${randomBytes(6).toString("hex")}`;
    await db().db.insert(organization).values({
      id: linkedOrg,
      name: "Linked Co",
      slug: linkedOrg,
      currency: "USD",
      timezone: "America/New_York",
    });
    const direct = ["--direct", "--org", linkedOrg, "--preset", "salesforce"];
    const deals = await tandem([
      "import",
      "deals",
      fixture("salesforce-opportunities.csv"),
      ...direct,
    ]);
    expect(deals.out).toContain("4 inserted");
    const dry = await tandem([
      "import",
      "leads",
      fixture("salesforce-leads.csv"),
      ...direct,
      "--dry-run",
    ]);
    expect(dry.out).toContain("2 deals would be linked to their lead");
    const leads = await tandem(["import", "leads", fixture("salesforce-leads.csv"), ...direct]);
    expect(leads).toMatchObject({ code: 0, err: "" });
    expect(leads.out).toContain("2 deals now linked to their lead");
    const won = (await storedRollups(db().db, linkedOrg))
      .filter((r) => r.wins > 0)
      .map((r) => [r.source, r.wonAmount]);
    expect(won).toEqual([
      ["Trade Show", 480050],
      ["Web", 2400000],
    ]);
    expect(await diffRollups(db().db, linkedOrg)).toEqual([]);
  });

  it("sends the file to a running server with an API key", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app, { timezone: "Europe/Paris" });
    const key = await createKey(app, owner);
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise<void>((ready) => server.once("listening", () => ready()));
    const address = server.address();
    const port = typeof address === "object" && address ? (address satisfies AddressInfo).port : 0;
    try {
      const url = `http://127.0.0.1:${port}`;
      const sent = await tandem([
        "import",
        "leads",
        fixture("salesforce-leads.csv"),
        "--url",
        url,
        "--api-key",
        key.token,
        "--preset",
        "salesforce",
      ]);
      expect(sent).toMatchObject({ code: 0, err: "" });
      expect(sent.out).toContain("6 inserted");
      expect(await countFacts(db().db, "leads", owner.orgId)).toBe(6);
      const refused = await tandem([
        "import",
        "leads",
        fixture("salesforce-leads.csv"),
        "--url",
        url,
        "--api-key",
        `${key.token}x`,
      ]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain("401");
      const path = join(await mkdtemp(join(tmpdir(), "tandem-")), "bad.csv");
      await writeFile(path, "externalId,createdAt,source\nh1,2026-03-01,web\nh2,someday,web\n");
      const skipped = await tandem([
        "import",
        "leads",
        path,
        "--url",
        url,
        "--api-key",
        key.token,
        "--skip-invalid",
      ]);
      expect(skipped).toMatchObject({ code: 0, err: "" });
      expect(skipped.out).toContain("1 inserted");
      expect(skipped.out).toContain('line 3, createdAt (column "createdAt"): "someday"');
    } finally {
      await new Promise<void>((closed) => server.close(() => closed()));
    }
  });
});
