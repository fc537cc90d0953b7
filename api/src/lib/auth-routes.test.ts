import {
  countOwners,
  findMembership,
  listMembers,
  listPendingInvitations,
} from "@tandem/db/queries/members";
import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import { addMember, call, createOwner, createTestApp, readProblem } from "../testing/test-app";

describeEachEngine("the auth library's own routes", (db) => {
  it("refuse its organization, member and invitation routes, which change nothing", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app, { timezone: "Europe/Berlin", currency: "EUR" });
    const exec = await addMember(app, owner, "exec");
    const before = await listMembers(db().db, owner.orgId);
    const ownerMemberId = before.find((m) => m.userId === owner.userId)?.id;
    const organizationId = owner.orgId;
    const attempts: Array<[string, string, unknown]> = [
      ["POST", "/organization/update", { organizationId, data: { timezone: "Mars/Olympus" } }],
      ["POST", "/organization/update", { organizationId, data: { currency: "JPY" } }],
      [
        "POST",
        "/organization/update-member-role",
        { organizationId, memberId: ownerMemberId, role: "member" },
      ],
      ["POST", "/organization/remove-member", { organizationId, memberIdOrEmail: owner.email }],
      [
        "POST",
        "/organization/invite-member",
        { organizationId, email: "x@example.test", role: "owner" },
      ],
      ["POST", "/organization/leave", { organizationId }],
      ["POST", "/organization/delete", { organizationId }],
      [
        "POST",
        "/organization/create",
        { name: "Side", slug: "side-door", currency: "ZZ", timezone: "Mars/Olympus" },
      ],
      ["GET", `/organization/get-full-organization?organizationId=${organizationId}`, undefined],
      ["GET", "/organization/list-members", undefined],
      ["POST", "/update-user", { name: "Renamed" }],
      ["POST", "/change-email", { newEmail: "taken@example.test" }],
      ["POST", "/delete-user", {}],
    ];
    for (const caller of [owner, exec]) {
      for (const [method, path, body] of attempts) {
        const response = await call(app, method, `/api/auth${path}`, { caller, body });
        expect(response.status, `${method} ${path}`).toBe(404);
        expect(response.headers.get("content-type")).toContain("application/problem+json");
        expect((await readProblem(response)).code).toBe("not_found");
      }
    }
    const membership = await findMembership(db().db, owner.orgId, owner.userId);
    expect(membership?.role).toBe("owner");
    expect(membership?.organization).toMatchObject({ timezone: "Europe/Berlin", currency: "EUR" });
    expect(await countOwners(db().db, owner.orgId)).toBe(1);
    expect(await listMembers(db().db, owner.orgId)).toEqual(before);
    expect(await listPendingInvitations(db().db, owner.orgId)).toEqual([]);
  });

  it("still serve signing in and out, the session and the organization list", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const session = await call(app, "GET", "/api/auth/get-session", { caller: owner });
    expect(session.status).toBe(200);
    const list = await call(app, "GET", "/api/auth/organization/list", { caller: owner });
    expect(list.status).toBe(200);
    expect(JSON.stringify(await list.json())).toContain(owner.orgId);
    expect(
      (await call(app, "POST", "/api/auth/sign-out", { caller: owner, body: {} })).status,
    ).toBe(200);
  });
});
