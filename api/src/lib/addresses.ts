import { IncomingMessage } from "node:http";
import type { Context } from "hono";
import proxyaddr from "proxy-addr";

/**
 * Which proxies in front of Tandem are believed: none (false), the nearest N hops, or the
 * listed addresses / CIDR ranges (proxy-addr also knows "loopback", "linklocal",
 * "uniquelocal"). Only a believed proxy's X-Forwarded-* headers are read.
 */
export type TrustProxy = false | number | string[];

export interface AddressConfig {
  /** TANDEM_PUBLIC_URL: when set, the one origin trusted and used in links. */
  publicUrl?: string;
  trustProxy: TrustProxy;
  /** HOST the server is bound to ("0.0.0.0": every interface); for listing its addresses. */
  listenHost?: string;
}

/** TANDEM_TRUST_PROXY as written: unset/"false"/"0", a hop count, or a comma list. */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? "";
  if (text === "" || text === "false" || text === "0") return false;
  if (/^\d+$/.test(text)) return Number(text);
  const list = text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  // Throws on an address it cannot read, so a typo stops the server instead of trusting no one.
  proxyaddr.compile(list);
  return list;
}

function trustFunction(trust: TrustProxy): (address: string, hop: number) => boolean {
  if (trust === false) return () => false;
  if (typeof trust === "number") return (_address, hop) => hop < trust;
  return proxyaddr.compile(trust);
}

/** The Node request behind a Hono context; absent for in-process requests (`app.request`). */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env: unknown = c.env;
  if (
    env &&
    typeof env === "object" &&
    "incoming" in env &&
    env.incoming instanceof IncomingMessage
  )
    return env.incoming;
  return undefined;
}

/** An in-process request (tests' `app.request`) comes from this very process: loopback. */
const IN_PROCESS_ADDRESS = "127.0.0.1";

/** The address of the peer on the socket, whatever headers say. */
function socketAddress(c: Context): string {
  return incomingOf(c)?.socket.remoteAddress ?? IN_PROCESS_ADDRESS;
}

/** "::ffff:10.0.0.5" and "10.0.0.5" are one client. */
function normalizeAddress(address: string): string {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * The client's address: X-Forwarded-For is walked back from the socket only through
 * believed proxies (as proxy-addr and Express do), so a client cannot pick its own address by
 * sending the header.
 */
export function clientAddress(c: Context, config: AddressConfig): string {
  const peer = normalizeAddress(socketAddress(c));
  if (config.trustProxy === false) return peer;
  const trust = trustFunction(config.trustProxy);
  const forwarded = (c.req.header("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .reverse();
  // Nearest first: the socket, then each address the proxies before it appended.
  const chain = [peer, ...forwarded.map(normalizeAddress)];
  for (let hop = 0; hop < chain.length - 1; hop++) {
    const address = chain[hop];
    if (address === undefined || !trust(address, hop)) return address ?? peer;
  }
  return chain.at(-1) ?? peer;
}

const firstValue = (header: string | undefined) => header?.split(",")[0]?.trim() || undefined;

/**
 * The origin the client used to reach us: the scheme and Host of the request, or the
 * X-Forwarded-Proto/Host of a believed proxy (the nearest hop, which is who set them).
 */
export function requestOrigin(c: Context, config: AddressConfig): string {
  const own = new URL(c.req.url);
  const peer = normalizeAddress(socketAddress(c));
  if (config.trustProxy === false || !trustFunction(config.trustProxy)(peer, 0)) return own.origin;
  const proto = firstValue(c.req.header("x-forwarded-proto"))?.toLowerCase();
  const host = firstValue(c.req.header("x-forwarded-host"));
  const scheme = proto === "http" || proto === "https" ? proto : own.protocol.slice(0, -1);
  try {
    const forwarded = new URL(`${scheme}://${host ?? own.host}`);
    // A host header with a path, user or query in it is not a host.
    if (forwarded.pathname !== "/" || forwarded.username || forwarded.search) return own.origin;
    return forwarded.origin;
  } catch {
    return own.origin;
  }
}

/**
 * The one origin browsers may send cookie requests from, and the origin of every link the
 * server makes: the public URL when configured, else the address this request came in by.
 */
export function publicOrigin(c: Context, config: AddressConfig): string {
  return config.publicUrl ? new URL(config.publicUrl).origin : requestOrigin(c, config);
}

/** The port this connection came in on (the listening port, not the proxy's). */
export function serverPort(c: Context): number {
  const local = incomingOf(c)?.socket.localPort;
  if (local) return local;
  const url = new URL(c.req.url);
  return Number(url.port || (url.protocol === "https:" ? 443 : 80));
}
