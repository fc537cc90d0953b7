import { redactFields, scrub } from "./redact";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * One JSON object per line on stdout: easy to grep, easy to ship to any log store. Every
 * message and field passes through the redaction of ./redact, so a careless call site
 * cannot log a secret or a customer record.
 */
export function createLogger(level: LogLevel, write: (line: string) => void = console.log): Logger {
  const log =
    (at: Exclude<LogLevel, "silent">) => (message: string, fields?: Record<string, unknown>) => {
      if (rank[at] < rank[level]) return;
      const safe = fields ? (redactFields(fields) as Record<string, unknown>) : {};
      write(
        JSON.stringify({
          time: new Date().toISOString(),
          level: at,
          message: scrub(message),
          ...safe,
        }),
      );
    };
  return { debug: log("debug"), info: log("info"), warn: log("warn"), error: log("error") };
}
