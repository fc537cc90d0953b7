import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import type { PasswordHashing } from "../lib/auth";

/**
 * The password hashing of API tests only: scrypt as better-auth does it (`<salt hex>:<key hex>`,
 * r=16, p=1, 64-byte key, NFKC) at N=2^10 instead of its 2^14, a sixteenth of the CPU per
 * sign-up and sign-in (the API tests sign up hundreds of people). Production uses better-auth's
 * own functions (decision 052). A hash made here carries its cost as a third part; a hash
 * better-auth made (the demo seed's) still verifies here, at its cost.
 */
const TEST_PASSWORD_COST = 1024;

/** better-auth's N, the cost of a hash with no third part. */
const LIBRARY_COST = 16_384;
const R = 16;
const KEY_BYTES = 64;

function derive(password: string, salt: string, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize("NFKC"),
      salt,
      KEY_BYTES,
      { N: cost, r: R, p: 1, maxmem: 128 * cost * R * 2 },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

export const testPasswordHashing: PasswordHashing = {
  async hash(password) {
    const salt = randomBytes(16).toString("hex");
    const key = (await derive(password, salt, TEST_PASSWORD_COST)).toString("hex");
    return `${salt}:${key}:${TEST_PASSWORD_COST}`;
  },
  async verify({ hash, password }) {
    const [salt, key, stored] = hash.split(":");
    const cost = stored === undefined ? LIBRARY_COST : Number(stored);
    if (!salt || !key || !isPowerOfTwo(cost)) return false;
    const expected = Buffer.from(key, "hex");
    const actual = await derive(password, salt, cost);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  },
};
