import { useEffect, useState } from "react";

/** True after the pointer has been still for `afterMs`: the cursor should not sit on the wall. */
export function useIdleCursor(afterMs = 3000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    let timer = setTimeout(() => setIdle(true), afterMs);
    const wake = () => {
      setIdle(false);
      clearTimeout(timer);
      timer = setTimeout(() => setIdle(true), afterMs);
    };
    window.addEventListener("pointermove", wake);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("pointermove", wake);
    };
  }, [afterMs]);
  return idle;
}
