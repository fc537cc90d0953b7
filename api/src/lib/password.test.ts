import { hashPassword, verifyPassword } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import { passwordHashing } from "./password";

describe("password hashing", () => {
  const production = passwordHashing();

  it("verifies better-auth's own hashes (the demo seed's) and writes ones better-auth verifies", async () => {
    const library = await hashPassword("correct-horse-battery");
    expect(await production.verify({ hash: library, password: "correct-horse-battery" })).toBe(
      true,
    );
    expect(await production.verify({ hash: library, password: "wrong-horse" })).toBe(false);
    const ours = await production.hash("correct-horse-battery");
    expect(ours).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}$/);
    expect(await verifyPassword({ hash: ours, password: "correct-horse-battery" })).toBe(true);
  });

  it("keeps a lower cost in the hash, so any instance verifies it", async () => {
    const cheap = await passwordHashing(1024).hash("correct-horse-battery");
    expect(cheap).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}:1024$/);
    expect(await production.verify({ hash: cheap, password: "correct-horse-battery" })).toBe(true);
    expect(await production.verify({ hash: cheap, password: "correct-horse-batterz" })).toBe(false);
  });

  it("answers false for a malformed hash instead of throwing", async () => {
    for (const hash of ["", "abc", "00:11:3", "00:11:x", ":"]) {
      expect(await production.verify({ hash, password: "correct-horse-battery" })).toBe(false);
    }
  });
});
