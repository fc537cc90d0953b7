import type { Database } from "@tandem/db";
import { createApp } from "../../app";
import { createAuth } from "../../lib/auth";
import { createLiveHub, type LiveHubOptions } from "../../lib/live/hub";
import { TEST_ORIGIN } from "../../testing/test-app";
import { testPasswordHashing } from "../../testing/test-password";

/** The secret of createTestApp's auth too: sessions made on one instance work on another. */
const TEST_SECRET = "test-secret-test-secret-test-secret-0123";

/**
 * The real app with a live hub the test holds, to count computations and shut it down. Two
 * of these on one PostgreSQL database are two API processes behind a load balancer.
 */
export function createLiveTestApp(database: Database, hubOptions: Partial<LiveHubOptions> = {}) {
  const live = createLiveHub({ database, ...hubOptions });
  const auth = createAuth({
    database,
    secret: TEST_SECRET,
    baseURL: TEST_ORIGIN,
    signInPerMinute: 10_000,
    passwordHashing: testPasswordHashing,
  });
  // As behind one proxy, so a test can name the client's address in X-Forwarded-For.
  return { app: createApp({ database, auth, live, addresses: { trustProxy: 1 } }), live };
}
