import { useEffect, useState } from "react";

/** A wall screen rides out a server restart; after this long without one, it says so. */
export const OFFLINE_AFTER_MS = 60_000;

/** True once the connection has been lost (since `lostAt`) for more than a minute. */
export function useOffline(lostAt: number | null): boolean {
  const [offline, setOffline] = useState(false);
  useEffect(() => {
    setOffline(false);
    if (lostAt === null) return;
    const timer = setTimeout(
      () => setOffline(true),
      Math.max(0, lostAt + OFFLINE_AFTER_MS - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [lostAt]);
  return offline;
}
