import { describeEachEngine, moveCheckInsTo } from "@tandem/db/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Mailer } from "../lib/mail/mailer";
import {
  daysToNextMonday,
  localTime,
  notifyOrg,
  schedulerFor,
  secondInstance,
} from "../testing/notify-fixture";
import { type SmtpReceiver, startSmtpReceiver } from "../testing/smtp-receiver";
import { addMember, call, createTestApp, createTestMailer } from "../testing/test-app";
import { LEASE_MS } from "./deliver";

let smtp: SmtpReceiver;
beforeAll(async () => {
  smtp = await startSmtpReceiver();
});
afterAll(() => smtp.close());

const people = (org: Awaited<ReturnType<typeof notifyOrg>>) => [
  org.owner,
  org.exec,
  org.salesLead,
  org.marketingLead,
  org.member,
];

/** The check-in reminders and escalations one person received (digests may arrive too). */
const reminders = (email: string) =>
  smtp.to(email).filter((m) => /^(Check-in due|\d+ check-ins due|No check-in on)/.test(m.subject));

/** Subjects, so a failure shows what arrived. */
const subjects = (email: string) =>
  reminders(email).map((m) => `${m.subject} @ ${m.parsed.date?.toISOString()}`);

describeEachEngine("scheduler", (db, kind) => {
  // Two weeks of ticks in one story: 6 s on a quiet machine, past the 30 s default at a load of
  // 10 (a bound against hanging, as everywhere, not a speed check).
  it("reminds a team lead once a day with a link to the check-in form, then tells the exec; muted leads get nothing", async () => {
    const mailer = createTestMailer(smtp.url);
    const { app } = createTestApp(db(), { mailer });
    const org = await notifyOrg(app);
    // A second sales lead who muted reminders.
    const muted = await addMember(app, org.owner, "lead", org.sales);
    const patched = await call(app, "PATCH", "/api/v1/notification-preferences", {
      caller: muted,
      body: { reminders: false },
    });
    expect(await patched.json()).toEqual({ reminders: false, digest: true, alerts: true });

    // Mondays two to three weeks out: the cadence (7 days) has passed by the weekend before.
    const monday = daysToNextMonday() + 14;
    const clock = { now: localTime(monday - 2, 10) };
    const scheduler = schedulerFor(db(), mailer, clock);
    // Overdue on Saturday and Sunday, and nobody is reminded at the weekend.
    await scheduler.tick();
    clock.now = localTime(monday - 1, 10);
    await scheduler.tick();
    expect(subjects(org.salesLead.email)).toEqual([]);

    clock.now = localTime(monday, 8, 30);
    // Before 9:00 on the organization's clock nothing goes out; the cadence (7 days) has passed.
    await scheduler.tick();
    expect(subjects(org.salesLead.email)).toEqual([]);

    clock.now = localTime(monday, 9, 5);
    await scheduler.tick();
    await scheduler.tick();
    await expect.poll(() => reminders(org.salesLead.email).length).toBe(1);
    const [reminder] = reminders(org.salesLead.email);
    expect(reminder?.subject).toBe("Check-in due: Discovery calls");
    expect(reminder?.text).toContain(`http://localhost/check-ins?kr=${org.keyResultId}`);
    expect(reminder?.html).toContain(`href="http://localhost/check-ins?kr=${org.keyResultId}"`);
    // Not their team's key result, and a muted lead.
    expect(subjects(org.marketingLead.email)).toEqual([]);
    expect(subjects(muted.email)).toEqual([]);

    clock.now = localTime(monday + 1, 10);
    await scheduler.tick();
    await expect.poll(() => reminders(org.salesLead.email).length).toBe(2);
    expect(subjects(org.exec.email)).toEqual([]);

    // Two reminders unanswered: the next day the sales exec hears of it, once.
    clock.now = localTime(monday + 2, 10);
    await scheduler.tick();
    await scheduler.tick();
    await expect.poll(() => reminders(org.exec.email).length).toBe(1);
    expect(reminders(org.exec.email)[0]?.subject).toContain("Discovery calls after 2 reminders");
    expect(reminders(org.salesLead.email)).toHaveLength(3);

    // A check-in ends the silence. The API dates it by the real clock; it is moved to the
    // scheduler's Wednesday at noon, where it happened in this story.
    const checkIn = await call(app, "POST", `/api/v1/key-results/${org.keyResultId}/check-ins`, {
      caller: org.salesLead,
      body: { value: 10, confidence: 6, note: "Calls booked" },
      headers: { "if-match": '"1"' },
    });
    expect(checkIn.status).toBe(201);
    await moveCheckInsTo(db().db, org.owner.orgId, org.keyResultId, localTime(monday + 2, 12));
    clock.now = localTime(monday + 3, 10);
    await scheduler.tick();
    expect(reminders(org.salesLead.email)).toHaveLength(3);
    // Its cadence passes again: reminders start over, and the exec is not told at once.
    clock.now = localTime(monday + 10, 10);
    await scheduler.tick();
    await expect.poll(() => reminders(org.salesLead.email).length).toBe(4);
    clock.now = localTime(monday + 11, 10);
    await scheduler.tick();
    await expect.poll(() => reminders(org.salesLead.email).length).toBe(5);
    expect(reminders(org.exec.email)).toHaveLength(1);
    expect(subjects(muted.email)).toEqual([]);
  }, 90_000);

  it(`sends the Monday digest once when two instances tick at the same moment (${kind})`, async () => {
    const mailer = createTestMailer(smtp.url);
    const { app } = createTestApp(db(), { mailer });
    const org = await notifyOrg(app, "Digest Co");
    await call(app, "PATCH", "/api/v1/notification-preferences", {
      caller: org.member,
      body: { digest: false },
    });
    const monday = daysToNextMonday();
    const clock = { now: localTime(monday, 7, 59) };
    const other = secondInstance(db());
    const first = schedulerFor(db(), mailer, clock);
    const second = schedulerFor(other.database, createTestMailer(smtp.url), clock);
    await Promise.all([first.tick(), second.tick()]);
    expect(smtp.to(org.owner.email).filter((m) => m.subject.includes("The number"))).toEqual([]);

    clock.now = localTime(monday, 8, 0);
    const results = await Promise.all([first.tick(), second.tick(), first.tick(), second.tick()]);
    expect(results.reduce((sum, r) => sum + r.planned, 0)).toBeGreaterThanOrEqual(4);
    const digests = (email: string) =>
      smtp.to(email).filter((m) => m.subject.startsWith("The number:"));
    for (const person of [org.owner, org.exec, org.salesLead, org.marketingLead]) {
      await expect.poll(() => digests(person.email).length).toBe(1);
    }
    // Opted out.
    expect(digests(org.member.email)).toEqual([]);
    const [digest] = digests(org.owner.email);
    expect(digest?.text).toContain("Revenue");
    expect(digest?.text).toContain("Forecast");
    expect(digest?.text).toContain("Overdue key results");
    expect(digest?.html).toContain("the week in one number");

    // Later in the week, and after a restart of both: nothing again.
    clock.now = localTime(monday + 2, 12);
    await Promise.all([schedulerFor(db(), mailer, clock).tick(), second.tick()]);
    for (const person of people(org)) expect(digests(person.email).length).toBeLessThanOrEqual(1);
    await other.close();
  });

  it("after a restart mid-send, sends the rest of the digest and nothing twice", async () => {
    const smtpMailer = createTestMailer(smtp.url);
    const { app } = createTestApp(db(), { mailer: smtpMailer });
    const org = await notifyOrg(app, "Restart Co");
    const monday = daysToNextMonday();
    const clock = { now: localTime(monday, 9) };

    // The first instance hands two digests to the mail server, then hangs on the third:
    // killed there, it never records it. Other mail passes (on a Monday in Berlin the next
    // Monday is a week away, and the key result's check-in reminders go out first).
    let handed = 0;
    const dying: Mailer = {
      ...smtpMailer,
      async send(message) {
        if (!message.subject.startsWith("The number:")) return smtpMailer.send(message);
        handed++;
        if (handed > 2) return new Promise<void>(() => {});
        await smtpMailer.send(message);
      },
    };
    const other = secondInstance(db());
    void schedulerFor(other.database, dying, clock).tick();
    await expect.poll(() => handed).toBe(3);
    const digests = (email: string) =>
      smtp.to(email).filter((m) => m.subject.startsWith("The number:"));
    // The first two may still be on their way to the mail server when the third is handed over.
    const sentBefore = () => people(org).filter((p) => digests(p.email).length === 1).length;
    await expect.poll(sentBefore).toBe(2);

    // A new instance starts; within the dead one's lease it leaves the claimed message alone.
    const restarted = schedulerFor(db(), smtpMailer, clock);
    await restarted.tick();
    clock.now = new Date(clock.now.getTime() + LEASE_MS + 60_000);
    await restarted.tick();
    for (const person of people(org)) {
      await expect.poll(() => digests(person.email).length).toBe(1);
    }
    await restarted.tick();
    for (const person of people(org)) expect(digests(person.email)).toHaveLength(1);
    await other.close();
  });
});
