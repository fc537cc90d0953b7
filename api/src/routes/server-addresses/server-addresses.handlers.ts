import { networkInterfaces } from "node:os";
import type { RouteHandler } from "@hono/zod-openapi";
import { requestOrigin, serverPort } from "../../lib/addresses";
import type { AppEnv } from "../../lib/context";
import type { serverAddressesRoute } from "./server-addresses.routes";

const ANY_HOST = new Set(["", "0.0.0.0", "::"]);

/** One URL per address of this machine (or the one host it is bound to), LAN ones first. */
function listeningUrls(port: number, listenHost: string | undefined) {
  const host = (address: string, family: string) => (family === "IPv6" ? `[${address}]` : address);
  const all = Object.entries(networkInterfaces()).flatMap(([name, entries]) =>
    (entries ?? [])
      .filter((entry) => ANY_HOST.has(listenHost ?? "") || entry.address === listenHost)
      // Link-local IPv6 needs a zone id no browser address bar accepts.
      .filter((entry) => !(entry.family === "IPv6" && entry.address.startsWith("fe80:")))
      .map((entry) => ({
        url: `http://${host(entry.address, entry.family)}:${port}`,
        interface: name,
        loopback: entry.internal,
      })),
  );
  return all.sort((a, b) => Number(a.loopback) - Number(b.loopback));
}

export const list: RouteHandler<typeof serverAddressesRoute, AppEnv> = async (c) => {
  const { addresses } = c.var;
  return c.json(
    {
      publicUrl: addresses.publicUrl ? new URL(addresses.publicUrl).origin : null,
      requestOrigin: requestOrigin(c, addresses),
      addresses: listeningUrls(serverPort(c), addresses.listenHost),
    },
    200,
  );
};
