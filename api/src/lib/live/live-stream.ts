import { heartbeatFrame } from "./sse-frames";

/** Where a stream's bytes go: the SSE response (hono's stream.write). */
export interface StreamWriter {
  write(chunk: Uint8Array): Promise<unknown>;
}

export interface StreamTarget {
  orgId: string;
  goalId: string;
  /** Set for a display token's stream: its revocation ends the stream. */
  displayId?: string;
  /** Set for a signed-in person's stream: ending the session or membership ends it. */
  sessionId?: string;
  userId?: string;
}

/** A slow reader must not hold a closing stream open forever. */
const FINAL_WRITE_TIMEOUT_MS = 1000;

/**
 * One open stream. Writes never pile up: while a write is in flight only the newest frame
 * waits, because each summary replaces the one before. A stalled client costs at most two
 * frames (shared with every other stream of the goal), whatever the change rate.
 */
export class LiveStream {
  /** The content hash of the summary this client last received (or resumed with). */
  lastHash: string | undefined;
  readonly done: Promise<void>;
  private finish: () => void = () => {};
  private writing = false;
  private queued: Uint8Array | null = null;
  private ended = false;

  constructor(
    readonly target: StreamTarget,
    private readonly writer: StreamWriter,
    resumeHash: string | undefined,
  ) {
    this.lastHash = resumeHash;
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
  }

  get closed(): boolean {
    return this.ended;
  }

  send(frame: Uint8Array, hash: string): void {
    if (this.ended) return;
    this.lastHash = hash;
    if (this.writing) {
      this.queued = frame;
      return;
    }
    this.flush(frame);
  }

  heartbeat(): void {
    if (!this.ended && !this.writing) this.flush(heartbeatFrame);
  }

  /** Ends the stream, after one last frame that says why when given. */
  end(finalFrame?: Uint8Array): void {
    if (this.ended) return;
    this.ended = true;
    this.queued = null;
    if (!finalFrame) {
      this.finish();
      return;
    }
    const timeout = new Promise<void>((resolve) =>
      setTimeout(resolve, FINAL_WRITE_TIMEOUT_MS).unref(),
    );
    void Promise.race([this.writer.write(finalFrame), timeout]).finally(() => this.finish());
  }

  private flush(frame: Uint8Array): void {
    this.writing = true;
    void this.writer.write(frame).finally(() => {
      this.writing = false;
      const next = this.queued;
      this.queued = null;
      if (next && !this.ended) this.flush(next);
    });
  }
}
