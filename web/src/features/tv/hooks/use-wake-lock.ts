import { useEffect } from "react";

/**
 * Keeps the screen from sleeping where the browser allows it. The lock is dropped whenever
 * the page is hidden, so it is requested again each time it becomes visible.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!("wakeLock" in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let active = true;
    const request = async () => {
      if (document.visibilityState !== "visible" || (sentinel && !sentinel.released)) return;
      try {
        const lock = await navigator.wakeLock.request("screen");
        if (active) sentinel = lock;
        else void lock.release();
      } catch {
        // Denied (battery saver, no user activation): the screen's own settings decide.
      }
    };
    void request();
    document.addEventListener("visibilitychange", request);
    return () => {
      active = false;
      document.removeEventListener("visibilitychange", request);
      void sentinel?.release().catch(() => {});
    };
  }, []);
}
