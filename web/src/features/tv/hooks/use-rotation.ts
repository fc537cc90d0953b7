import { useEffect, useState } from "react";

/**
 * Cycles through `count` panels every `everyMs`. A pinned panel (from the URL) stays put;
 * the arrow keys step by hand, and every step restarts the timer, so a panel chosen by hand
 * gets its full time.
 */
export function useRotation(count: number, everyMs: number, pinned: number | null): number {
  const [index, setIndex] = useState(pinned ?? 0);

  useEffect(() => {
    if (pinned !== null) return;
    const next = (index + 1) % count;
    const timer = setTimeout(() => setIndex(next), everyMs);
    return () => clearTimeout(timer);
  }, [index, count, everyMs, pinned]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
      const step = event.key === "ArrowRight" ? 1 : count - 1;
      setIndex((i) => (i + step) % count);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [count]);

  return index;
}
