import { describeEachEngine } from "@tandem/db/testing";
import { expect, it } from "vitest";
import {
  addMember,
  call,
  createOwner,
  createTestApp,
  readAs,
  readProblem,
} from "../../testing/test-app";
import { serverAddressesSchema } from "./server-addresses.routes";

describeEachEngine("server addresses", (db) => {
  it("lists where the server listens, for owners, with the address the owner came in by", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const seen = await readAs(
      await call(app, "GET", "/api/v1/server-addresses", { caller: owner }),
      serverAddressesSchema,
    );
    expect(seen.publicUrl).toBe(null);
    expect(seen.requestOrigin).toBe("http://localhost");
    expect(seen.addresses.length).toBeGreaterThan(0);
    for (const address of seen.addresses) expect(address.url).toMatch(/^http:\/\/.+:80$/);
    // Addresses other machines can reach come before this machine's own.
    const firstLoopback = seen.addresses.findIndex((a) => a.loopback);
    if (firstLoopback >= 0)
      expect(seen.addresses.slice(firstLoopback).every((a) => a.loopback)).toBe(true);
  });

  it("says the public URL when one is set", async () => {
    const { app } = createTestApp(db(), {
      addresses: { publicUrl: "http://localhost/tandem/", trustProxy: false },
    });
    const owner = await createOwner(app);
    const seen = await readAs(
      await call(app, "GET", "/api/v1/server-addresses", { caller: owner }),
      serverAddressesSchema,
    );
    expect(seen.publicUrl).toBe("http://localhost");
  });

  it("is for owners only and needs a sign-in", async () => {
    const { app } = createTestApp(db());
    const owner = await createOwner(app);
    const exec = await addMember(app, owner, "exec");
    const refused = await call(app, "GET", "/api/v1/server-addresses", { caller: exec });
    expect(refused.status).toBe(403);
    expect((await readProblem(refused)).code).toBe("forbidden");
    expect((await call(app, "GET", "/api/v1/server-addresses")).status).toBe(401);
  });
});
