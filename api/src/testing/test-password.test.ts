import { hashPassword } from "better-auth/crypto";
import { describe, expect, it } from "vitest";
import { testPasswordHashing } from "./test-password";

describe("the tests' password hashing", () => {
  it("verifies better-auth's own hashes (the demo seed's), at their cost", async () => {
    const library = await hashPassword("correct-horse-battery");
    expect(
      await testPasswordHashing.verify({ hash: library, password: "correct-horse-battery" }),
    ).toBe(true);
    expect(await testPasswordHashing.verify({ hash: library, password: "wrong-horse" })).toBe(
      false,
    );
  });

  it("keeps its lower cost in the hash", async () => {
    const cheap = await testPasswordHashing.hash("correct-horse-battery");
    expect(cheap).toMatch(/^[0-9a-f]{32}:[0-9a-f]{128}:1024$/);
    expect(
      await testPasswordHashing.verify({ hash: cheap, password: "correct-horse-battery" }),
    ).toBe(true);
    expect(
      await testPasswordHashing.verify({ hash: cheap, password: "correct-horse-batterz" }),
    ).toBe(false);
  });

  it("answers false for a malformed hash instead of throwing", async () => {
    for (const hash of ["", "abc", "00:11:3", "00:11:x", ":"]) {
      expect(await testPasswordHashing.verify({ hash, password: "correct-horse-battery" })).toBe(
        false,
      );
    }
  });
});
