import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  apiKey,
  daysToNextMonday,
  localTime,
  notifyOrg,
  schedulerFor,
} from "../../testing/notify-fixture";
import { call, createOwner, createTestApp, readAs, readProblem } from "../../testing/test-app";
import { startWebhookReceiver, type WebhookReceiver } from "../../testing/webhook-receiver";
import { ingestOk } from "../ingest/ingest.helpers";
import { chatChannelSchema } from "./chat-channels.routes";

const listSchema = z.object({ channels: z.array(chatChannelSchema) });

let hooks: WebhookReceiver;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
});
afterAll(() => hooks.close());

let path = 0;
const hookPath = (name: string) => `/services/${name}-${++path}-SECRETPART`;

describeEachEngine("chat channels", (db) => {
  it("keeps the webhook URL sealed and masked, owners only, each organization its own", async () => {
    const { app } = createTestApp(db());
    const org = await notifyOrg(app);
    const url = `${hooks.url}${hookPath("slack")}`;
    const created = await readAs(
      await call(app, "POST", "/api/v1/chat-channels", {
        caller: org.owner,
        body: { kind: "slack", name: "#revenue", url, alerts: false },
      }),
      chatChannelSchema,
    );
    expect(created.urlMask).toBe(`${hooks.url}/…PART`);
    expect(JSON.stringify(created)).not.toContain("SECRET");
    expect(created).toMatchObject({ reminders: true, digest: true, alerts: false });
    const listed = await readAs(
      await call(app, "GET", "/api/v1/chat-channels", { caller: org.owner }),
      listSchema,
    );
    expect(JSON.stringify(listed)).not.toContain("SECRET");
    const audit = await call(app, "GET", "/api/v1/audit", { caller: org.owner });
    expect(await audit.text()).not.toContain("SECRET");

    const bad = await call(app, "POST", "/api/v1/chat-channels", {
      caller: org.owner,
      body: { kind: "discord", name: "", url: "http://hooks.example.com/x" },
    });
    expect(bad.status).toBe(422);
    const problem = await readProblem(bad);
    expect((problem.errors ?? []).map((e) => e.path).sort()).toEqual(["kind", "name", "url"]);
    expect(problem.errors?.find((e) => e.path === "url")?.message).toContain("https://");

    for (const caller of [org.exec, org.salesLead, org.member]) {
      expect((await call(app, "GET", "/api/v1/chat-channels", { caller })).status).toBe(403);
    }
    const stranger = await createOwner(app, { name: "Elsewhere" });
    const theirs = await readAs(
      await call(app, "GET", "/api/v1/chat-channels", { caller: stranger }),
      listSchema,
    );
    expect(theirs.channels).toEqual([]);
    expect(
      (await call(app, "POST", `/api/v1/chat-channels/${created.id}/test`, { caller: stranger }))
        .status,
    ).toBe(404);
    expect(
      (await call(app, "DELETE", `/api/v1/chat-channels/${created.id}`, { caller: stranger }))
        .status,
    ).toBe(404);
    // Preferences are each person's own, in each organization.
    await call(app, "PATCH", "/api/v1/notification-preferences", {
      caller: stranger,
      body: { digest: false },
    });
    const mine = await call(app, "GET", "/api/v1/notification-preferences", { caller: org.owner });
    expect(await mine.json()).toEqual({ reminders: true, digest: true, alerts: true });
    const badPrefs = await call(app, "PATCH", "/api/v1/notification-preferences", {
      caller: org.owner,
      body: { digest: "no", weekly: true },
    });
    expect(badPrefs.status).toBe(422);

    const tested = await call(app, "POST", `/api/v1/chat-channels/${created.id}/test`, {
      caller: org.owner,
    });
    expect(await tested.json()).toEqual({ ok: true, error: null });
    expect(hooks.at(new URL(url).pathname)).toHaveLength(1);
    expect(
      (await call(app, "DELETE", `/api/v1/chat-channels/${created.id}`, { caller: org.owner }))
        .status,
    ).toBe(204);
    expect(
      (await call(app, "DELETE", `/api/v1/chat-channels/${created.id}`, { caller: org.owner }))
        .status,
    ).toBe(404);
  });

  it("posts the digest as Slack blocks and a Teams card, retrying with backoff and showing failures", async () => {
    const { app, mailer } = createTestApp(db());
    const org = await notifyOrg(app, "Chatty Co");
    const slackPath = hookPath("slack");
    const teamsPath = hookPath("teams");
    for (const [kind, p] of [
      ["slack", slackPath],
      ["teams", teamsPath],
    ] as const) {
      const response = await call(app, "POST", "/api/v1/chat-channels", {
        caller: org.owner,
        body: { kind, name: kind, url: `${hooks.url}${p}` },
      });
      expect(response.status).toBe(201);
    }
    hooks.failNext(teamsPath, 2, 503);
    const monday = daysToNextMonday();
    const clock = { now: localTime(monday, 8, 1) };
    const scheduler = schedulerFor(db(), mailer, clock);
    await scheduler.tick();

    const slack = hooks
      .at(slackPath)
      .filter((r) => JSON.stringify(r.body).includes("the week in one number"));
    expect(slack).toHaveLength(1);
    const slackBody = z
      .object({ text: z.string(), blocks: z.array(z.object({ type: z.string() })) })
      .parse(slack[0]?.body);
    expect(slackBody.blocks[0]?.type).toBe("header");
    expect(slackBody.blocks.some((b) => b.type === "actions")).toBe(true);
    expect(hooks.at(teamsPath)).toEqual([]);

    const failing = await readAs(
      await call(app, "GET", "/api/v1/chat-channels", { caller: org.owner }),
      listSchema,
    );
    const teams = failing.channels.find((c) => c.kind === "teams");
    expect(teams?.lastError).toContain("503");
    expect(teams?.recent[0]).toMatchObject({ kind: "digest", status: "pending", attempts: 1 });

    // Not before its backoff (a minute after the first failure), then again after two.
    await scheduler.tick();
    expect(teams && hooks.at(teamsPath)).toEqual([]);
    clock.now = new Date(clock.now.getTime() + 61_000);
    await scheduler.tick();
    clock.now = new Date(clock.now.getTime() + 121_000);
    await scheduler.tick();
    const posted = hooks.at(teamsPath);
    expect(posted).toHaveLength(1);
    const card = z
      .object({
        type: z.literal("message"),
        attachments: z.array(
          z.object({
            contentType: z.literal("application/vnd.microsoft.card.adaptive"),
            content: z.object({
              type: z.literal("AdaptiveCard"),
              body: z.array(z.object({ type: z.string() })),
              actions: z.array(z.object({ type: z.string(), url: z.string() })),
            }),
          }),
        ),
      })
      .parse(posted[0]?.body);
    expect(card.attachments[0]?.content.body.some((b) => b.type === "FactSet")).toBe(true);
    expect(card.attachments[0]?.content.actions[0]?.url).toBe("http://localhost/");
    const after = await readAs(
      await call(app, "GET", "/api/v1/chat-channels", { caller: org.owner }),
      listSchema,
    );
    expect(after.channels.find((c) => c.kind === "teams")?.recent[0]).toMatchObject({
      status: "sent",
      attempts: 3,
    });
  });

  it("alerts the channels and execs on a status change, a big win and a key result hit, once", async () => {
    const { app, mailer } = createTestApp(db());
    const org = await notifyOrg(app, "Alert Co");
    const alertsPath = hookPath("alerts");
    await call(app, "POST", "/api/v1/chat-channels", {
      caller: org.owner,
      body: {
        kind: "slack",
        name: "#wins",
        url: `${hooks.url}${alertsPath}`,
        reminders: false,
        digest: false,
      },
    });
    const token = await apiKey(app, org.owner);
    const closed = new Date().toISOString();
    await ingestOk(app, token, "deals", {
      records: [
        { externalId: "small-1", amount: 1000, status: "won", createdAt: closed, closedAt: closed },
      ],
    });
    // Before 9:00 on a weekday that is not Monday morning: no reminder or digest in the way.
    const clock = { now: new Date() };
    const scheduler = schedulerFor(db(), mailer, clock);
    await scheduler.tick();
    const titles = () =>
      hooks.at(alertsPath).map((r) => z.object({ text: z.string() }).parse(r.body).text);
    // The first look records what is true, announcing nothing.
    expect(titles()).toEqual([]);

    await ingestOk(app, token, "deals", {
      records: [
        {
          externalId: "big-1",
          amount: 900_000,
          status: "won",
          createdAt: closed,
          closedAt: closed,
          owner: "Ana",
        },
      ],
    });
    const check = await call(app, "POST", `/api/v1/key-results/${org.keyResultId}/check-ins`, {
      caller: org.salesLead,
      body: { value: 50, confidence: 9, note: "All calls done" },
      headers: { "if-match": '"1"' },
    });
    expect(check.status).toBe(201);
    await scheduler.tick();
    await scheduler.tick();
    const sent = titles();
    expect(sent, JSON.stringify(sent)).toHaveLength(3);
    expect(sent.some((t) => /is now on track \(was off track\)/.test(t))).toBe(true);
    expect(sent.some((t) => t.startsWith("Big win: €900,000 by Ana"))).toBe(true);
    expect(sent.some((t) => t === "Key result hit: Discovery calls")).toBe(true);
  });
});
