/** One parsed Server-Sent Event. */
export interface SseEvent {
  event: string;
  id: string | undefined;
  data: string;
}

export interface SseReader {
  /** The next event (skipping comments), or a rejection after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SseEvent>;
  /** Resolves with the next event, or null when none arrives in time. */
  maybeNext(timeoutMs: number): Promise<SseEvent | null>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  comments(): number;
  cancel(): Promise<void>;
}

function parseBlock(block: string): SseEvent | "comment" | null {
  let event = "message";
  let id: string | undefined;
  const data: string[] = [];
  let fields = 0;
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const name = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    fields++;
    if (name === "event") event = value;
    else if (name === "id") id = value;
    else if (name === "data") data.push(value);
  }
  if (fields === 0) return "comment";
  // A block of only `retry:` dispatches nothing, as in a browser.
  if (data.length === 0) return null;
  return { event, id, data: data.join("\n") };
}

/**
 * Reads an event stream from a fetch Response (or `app.request`'s), for tests and tools: the
 * same parsing rules as a browser's EventSource, minus reconnecting.
 */
export function readSse(response: Response): SseReader {
  const body = response.body;
  if (!body) throw new Error("the response has no body");
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const queue: SseEvent[] = [];
  const waiters: ((event: SseEvent | null) => void)[] = [];
  let comments = 0;
  let done = false;

  const ended = (async () => {
    let buffer = "";
    try {
      for (;;) {
        const chunk = await reader.read();
        if (chunk.done) break;
        buffer += decoder.decode(chunk.value, { stream: true });
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          const parsed = parseBlock(buffer.slice(0, boundary));
          buffer = buffer.slice(boundary + 2);
          if (parsed === "comment") comments++;
          else if (parsed) {
            const waiter = waiters.shift();
            if (waiter) waiter(parsed);
            else queue.push(parsed);
          }
          boundary = buffer.indexOf("\n\n");
        }
      }
    } catch {
      // Cancelled or the connection dropped: both end the stream.
    } finally {
      done = true;
      for (const waiter of waiters.splice(0)) waiter(null);
    }
  })();

  const maybeNext = (timeoutMs: number) =>
    new Promise<SseEvent | null>((resolve) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      if (done) return resolve(null);
      const timer = setTimeout(() => {
        const index = waiters.indexOf(waiter);
        if (index >= 0) waiters.splice(index, 1);
        resolve(null);
      }, timeoutMs);
      const waiter = (event: SseEvent | null) => {
        clearTimeout(timer);
        resolve(event);
      };
      waiters.push(waiter);
    });

  return {
    maybeNext,
    async next(timeoutMs = 2000) {
      const event = await maybeNext(timeoutMs);
      if (!event) throw new Error(done ? "the stream ended" : `no event within ${timeoutMs} ms`);
      return event;
    },
    ended,
    comments: () => comments,
    async cancel() {
      await reader.cancel().catch(() => {});
      await ended;
    },
  };
}
