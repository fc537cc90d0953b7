import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { type AddressConfig, clientAddress, parseTrustProxy, requestOrigin } from "./addresses";

describe("parseTrustProxy", () => {
  it("reads nothing, a hop count or a list", () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("0")).toBe(false);
    expect(parseTrustProxy("2")).toBe(2);
    expect(parseTrustProxy("10.0.0.0/8, loopback")).toEqual(["10.0.0.0/8", "loopback"]);
  });

  it("refuses an address it cannot read", () => {
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow();
    expect(() => parseTrustProxy("proxy.example")).toThrow();
  });
});

const seenSchema = z.object({ address: z.string(), origin: z.string() });

/** A real socket: the addresses come from it, not from what the test claims. */
async function listen(config: AddressConfig) {
  const app = new Hono();
  app.get("/", (c) =>
    c.json({ address: clientAddress(c, config), origin: requestOrigin(c, config) }),
  );
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((done) => server.once("listening", () => done()));
  const bound = server.address();
  const port = typeof bound === "object" && bound ? bound.port : 0;
  servers.push(server);
  return async (headers: Record<string, string> = {}) => {
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return { port, ...seenSchema.parse(await response.json()) };
  };
}
const servers: ReturnType<typeof serve>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

const forwarded = {
  "x-forwarded-for": "203.0.113.7, 198.51.100.2",
  "x-forwarded-proto": "https",
  "x-forwarded-host": "tandem.example.com",
};

describe("client address and request origin", () => {
  it("use the socket and Host when no proxy is trusted, whatever the headers say", async () => {
    const get = await listen({ trustProxy: false });
    const seen = await get(forwarded);
    expect(seen.address).toBe("127.0.0.1");
    expect(seen.origin).toBe(`http://127.0.0.1:${seen.port}`);
  });

  it("walk back one hop with TANDEM_TRUST_PROXY=1", async () => {
    const get = await listen({ trustProxy: 1 });
    const seen = await get(forwarded);
    expect(seen.address).toBe("198.51.100.2");
    expect(seen.origin).toBe("https://tandem.example.com");
  });

  it("walk back through every listed proxy, and stop at the first unlisted one", async () => {
    const get = await listen({ trustProxy: ["loopback", "198.51.100.0/24"] });
    expect((await get(forwarded)).address).toBe("203.0.113.7");
    const other = await listen({ trustProxy: ["10.0.0.0/8"] });
    const seen = await other(forwarded);
    expect(seen.address).toBe("127.0.0.1");
    expect(seen.origin).toBe(`http://127.0.0.1:${seen.port}`);
  });

  it("ignore a forwarded host that is not a host", async () => {
    const get = await listen({ trustProxy: 1 });
    const seen = await get({ "x-forwarded-host": "evil.example/path" });
    expect(seen.origin).toBe(`http://127.0.0.1:${seen.port}`);
  });
});
