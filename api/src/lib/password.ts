import { randomBytes, scrypt, timingSafeEqual } from "node:crypto";

/**
 * Password hashes as better-auth writes them (`<salt hex>:<scrypt key hex>`, scrypt N=2^14,
 * r=16, p=1, 64-byte key), so hashes made by the library (the demo seed) and by this code verify
 * either way. The work factor is a parameter only because tests lower it, as Django's test
 * settings do: each hash at the real cost takes 100-600 ms of a core, and the API tests sign up
 * hundreds of people (decision 045). A hash at another cost carries it as a third part.
 */
export interface PasswordHashing {
  hash(password: string): Promise<string>;
  verify(input: { hash: string; password: string }): Promise<boolean>;
}

/** better-auth's own parameters: what production uses. */
export const PRODUCTION_COST = 16_384;

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

export function passwordHashing(cost: number = PRODUCTION_COST): PasswordHashing {
  return {
    async hash(password) {
      const salt = randomBytes(16).toString("hex");
      const key = (await derive(password, salt, cost)).toString("hex");
      return cost === PRODUCTION_COST ? `${salt}:${key}` : `${salt}:${key}:${cost}`;
    },
    async verify({ hash, password }) {
      const [salt, key, stored] = hash.split(":");
      const storedCost = stored === undefined ? PRODUCTION_COST : Number(stored);
      if (!salt || !key || !isPowerOfTwo(storedCost)) return false;
      const expected = Buffer.from(key, "hex");
      const actual = await derive(password, salt, storedCost);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
