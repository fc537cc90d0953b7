import { z } from "@hono/zod-openapi";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  addMember,
  call,
  createOwner,
  createTeam,
  createTestApp,
  readAs,
  readProblem,
  signUp,
} from "../../testing/test-app";
import { meSchema } from "../me/me.routes";
import { teamSchema } from "../teams/teams.routes";
import { invitationSchema, memberSchema } from "./members.routes";

const peopleSchema = z.object({
  members: z.array(memberSchema),
  invitations: z.array(invitationSchema),
});

describeEachEngine("teams and members", (db) => {
  it("creates teams (owner only), unique by name", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const team = await readAs(
      await call(app, "POST", "/api/v1/teams", {
        caller: owner,
        body: { name: "Marketing", function: "marketing" },
      }),
      teamSchema,
    );
    expect(team.function).toBe("marketing");
    const again = await call(app, "POST", "/api/v1/teams", {
      caller: owner,
      body: { name: "Marketing", function: "sales" },
    });
    expect(again.status).toBe(409);
    const bad = await call(app, "POST", "/api/v1/teams", {
      caller: owner,
      body: { name: "", function: "legal" },
    });
    expect(((await readProblem(bad)).errors ?? []).map((e) => e.path).sort()).toEqual([
      "function",
      "name",
    ]);
    const exec = await addMember(app, owner, "exec");
    expect(
      (
        await call(app, "POST", "/api/v1/teams", {
          caller: exec,
          body: { name: "X", function: "other" },
        })
      ).status,
    ).toBe(403);
    const list = await readAs(
      await call(app, "GET", "/api/v1/teams", { caller: exec }),
      z.object({ teams: z.array(teamSchema) }),
    );
    expect(list.teams.map((t) => t.name)).toEqual(["Marketing"]);
    const stranger = await createOwner(app);
    const theirs = await readAs(
      await call(app, "GET", "/api/v1/teams", { caller: stranger }),
      z.object({ teams: z.array(teamSchema) }),
    );
    expect(theirs.teams).toEqual([]);
  });

  it("invites people with an account too: nobody joins, or is named, before accepting", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const existing = await signUp(app);
    const asked = await call(app, "POST", "/api/v1/members", {
      caller: owner,
      body: { email: existing.email, role: "exec" },
    });
    expect(asked.status).toBe(201);
    const text = await asked.text();
    expect(JSON.parse(text).kind).toBe("invitation");
    // The answer for an account looks like the one for a stranger: no name, no user id.
    expect(JSON.parse(text).invitation).not.toHaveProperty("name");
    expect(text).not.toContain(existing.userId);
    const before = await readAs(
      await call(app, "GET", "/api/v1/members", { caller: owner }),
      peopleSchema,
    );
    expect(before.members.map((m) => m.userId)).toEqual([owner.userId]);
    expect(before.invitations.map((i) => i.email)).toEqual([existing.email]);
  });

  it("invites new people, who accept after signing up", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const sales = await createTeam(app, owner, "Sales", "sales");
    const lead = await addMember(app, owner, "lead", sales);
    const me = await readAs(await call(app, "GET", "/api/v1/me", { caller: lead }), meSchema);
    expect(me).toMatchObject({
      role: "lead",
      team: { id: sales, name: "Sales", function: "sales" },
    });

    const invited = await call(app, "POST", "/api/v1/members", {
      caller: owner,
      body: { email: "New.Person@Example.test", role: "viewer" },
    });
    expect(invited.status).toBe(201);
    const invitation = z
      .object({ kind: z.literal("invitation"), invitation: invitationSchema, mail: z.string() })
      .parse(await invited.json());
    expect(invitation.invitation.email).toBe("new.person@example.test");

    const someoneElse = await signUp(app);
    const stolen = await call(app, "POST", "/api/v1/invitations/accept", {
      caller: someoneElse,
      body: { organizationId: owner.orgId, invitationId: invitation.invitation.id },
    });
    expect(stolen.status).toBe(404);

    const newcomer = await signUp(app, "new.person@example.test");
    const accepted = await call(app, "POST", "/api/v1/invitations/accept", {
      caller: newcomer,
      body: { organizationId: owner.orgId, invitationId: invitation.invitation.id },
    });
    expect(accepted.status).toBe(200);
    const newcomerMe = await readAs(
      await call(app, "GET", "/api/v1/me", { caller: newcomer }),
      meSchema,
    );
    expect(newcomerMe).toMatchObject({ role: "viewer", organization: { id: owner.orgId } });
    const people = await readAs(
      await call(app, "GET", "/api/v1/members", { caller: owner }),
      peopleSchema,
    );
    expect(people.members).toHaveLength(3);
    expect(people.invitations).toEqual([]);
    const twice = await call(app, "POST", "/api/v1/members", {
      caller: owner,
      body: { email: lead.email, role: "member" },
    });
    expect(twice.status).toBe(409);
  });

  it("changes roles, keeps at least one owner, and only owners manage people", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const exec = await addMember(app, owner, "exec");
    const people = await readAs(
      await call(app, "GET", "/api/v1/members", { caller: owner }),
      peopleSchema,
    );
    const ownerMember = people.members.find((m) => m.userId === owner.userId);
    const execMember = people.members.find((m) => m.userId === exec.userId);
    if (!ownerMember || !execMember) throw new Error("members missing");
    const demoteLast = await call(app, "PATCH", `/api/v1/members/${ownerMember.id}`, {
      caller: owner,
      body: { role: "exec" },
    });
    expect(demoteLast.status).toBe(409);
    expect(
      (await call(app, "DELETE", `/api/v1/members/${ownerMember.id}`, { caller: owner })).status,
    ).toBe(409);
    expect(
      (
        await call(app, "POST", "/api/v1/members", {
          caller: exec,
          body: { email: "x@y.test", role: "owner" },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(app, "PATCH", `/api/v1/members/${execMember.id}`, {
          caller: exec,
          body: { role: "owner" },
        })
      ).status,
    ).toBe(403);
    const promoted = await readAs(
      await call(app, "PATCH", `/api/v1/members/${execMember.id}`, {
        caller: owner,
        body: { role: "lead" },
      }),
      memberSchema,
    );
    expect(promoted.role).toBe("lead");
    const badRole = await call(app, "PATCH", `/api/v1/members/${execMember.id}`, {
      caller: owner,
      body: { role: "king" },
    });
    expect(badRole.status).toBe(422);
    const stranger = await createOwner(app);
    expect(
      (
        await call(app, "PATCH", `/api/v1/members/${execMember.id}`, {
          caller: stranger,
          body: { role: "viewer" },
        })
      ).status,
    ).toBe(404);
    expect(
      (await call(app, "DELETE", `/api/v1/members/${execMember.id}`, { caller: stranger })).status,
    ).toBe(404);
    expect(
      (await call(app, "DELETE", `/api/v1/members/${execMember.id}`, { caller: owner })).status,
    ).toBe(204);
    expect((await call(app, "GET", "/api/v1/me", { caller: exec })).status).toBe(403);
  });

  it("keeps an audit log that only owners read, page by page", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    for (const name of ["A", "B", "C"]) await createTeam(app, owner, name, "other");
    const page = z.object({
      entries: z.array(
        z.object({ action: z.string(), entityId: z.string(), actor: z.object({ id: z.string() }) }),
      ),
      nextCursor: z.string().nullable(),
    });
    const first = await readAs(
      await call(app, "GET", "/api/v1/audit?limit=2", { caller: owner }),
      page,
    );
    expect(first.entries.map((e) => e.action)).toEqual(["team.create", "team.create"]);
    expect(first.entries[0]?.actor.id).toBe(owner.userId);
    const second = await readAs(
      await call(app, "GET", `/api/v1/audit?limit=2&cursor=${first.nextCursor}`, { caller: owner }),
      page,
    );
    expect(second.entries).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const exec = await addMember(app, owner, "exec");
    expect((await call(app, "GET", "/api/v1/audit", { caller: exec })).status).toBe(403);
    const stranger = await createOwner(app);
    const theirs = await readAs(
      await call(app, "GET", "/api/v1/audit", { caller: stranger }),
      page,
    );
    expect(theirs.entries).toEqual([]);
    expect((await call(app, "GET", "/api/v1/audit?limit=9999", { caller: owner })).status).toBe(
      422,
    );
  });

  it("publishes a readable API reference", async () => {
    const { app } = createTestApp(db());
    const page = await call(app, "GET", "/api/docs");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Tandem API reference");
    const bundle = await call(app, "GET", "/api/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
    const doc = await call(app, "GET", "/api/v1/openapi.json");
    const text = await doc.text();
    for (const path of [
      "/api/v1/goals/{id}/summary",
      "/api/v1/key-results/{id}/check-ins",
      "/api/v1/members",
      "/api/v1/audit",
    ]) {
      expect(text).toContain(path);
    }
  });
});
