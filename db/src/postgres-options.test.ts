import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { postgresOptions } from "./postgres-options";

const serverUrl = process.env.TEST_DATABASE_URL;

// porsager/postgres#1192: with a 1 ms statement_timeout set at the handshake, the driver's own
// pg_type query on a new connection is cancelled, and by default its rejection escapes
// unhandled. Our options must leave only the caller's own query to fail, and catchably.
describe.skipIf(!serverUrl)("postgres.js clients", () => {
  it("leave no unhandled rejection when a new connection's first statement is cancelled", async () => {
    const escaped: unknown[] = [];
    const onUnhandled = (reason: unknown) => escaped.push(reason);
    process.on("unhandledRejection", onUnhandled);
    const sql = postgres(serverUrl as string, {
      ...postgresOptions,
      max: 1,
      connection: { statement_timeout: 1 },
    });
    try {
      const outcome = await sql`select pg_sleep(0.05)`.then(
        () => "ran",
        (error: { code?: string }) => error.code,
      );
      expect(outcome).toBe("57014");
      // An unhandled rejection is reported after the microtasks of the turn that made it.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(escaped).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      await sql.end();
    }
  });
});
