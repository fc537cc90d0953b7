import { useQuery } from "@tanstack/react-query";
import { Card } from "../../../components/ui/card";
import { serverAddressesQuery } from "../api/server-addresses";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True when this browser reaches Tandem by a name only this machine understands. */
export function onLocalAddress(hostname = window.location.hostname): boolean {
  return LOCAL_HOSTS.has(hostname) || hostname.endsWith(".localhost");
}

/**
 * Links to TVs and invitations use the address the owner is on; on localhost that address
 * points every other machine at itself. Shown only then, and only without a public URL.
 */
export function AddressNotice() {
  const local = onLocalAddress();
  const addresses = useQuery({ ...serverAddressesQuery, enabled: local });
  if (!local || !addresses.data || addresses.data.publicUrl) return null;
  const reachable = addresses.data.addresses.filter((a) => !a.loopback);
  return (
    <Card id="addresses" title="Addresses for other machines">
      <p>
        You are on {window.location.host}, which on a TV or a colleague's laptop means that machine
        itself. TVs and colleagues need an address they can reach: open Tandem at one of these
        before you create display links or invitations, or set TANDEM_PUBLIC_URL.
      </p>
      {reachable.length > 0 ? (
        <ul>
          {reachable.map((a) => (
            <li key={a.url}>
              <a href={a.url}>{a.url}</a> <span className="muted small">({a.interface})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">
          The server is reachable only from this machine (
          {addresses.data.addresses.map((a) => a.url).join(", ") || "no address found"}): it is
          bound to one local address (HOST) or this machine has no network.
        </p>
      )}
    </Card>
  );
}
