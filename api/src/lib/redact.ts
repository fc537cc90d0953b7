/**
 * What may reach a log line. Logs go to places with wider access than the database (a log
 * store, a support ticket), so no secret (password, cookie, API key, display token) and no
 * customer record (emails, names, a query's parameters) is written. Fields are redacted by
 * name, strings by shape, and errors keep their kind and where they happened, not their data.
 */

const SECRET_KEY = /authorization|cookie|password|secret|token|api[-_]?key|email|params/i;
const REDACTED = "[redacted]";

// Shapes of secrets and personal data that can hide inside any message or value.
const SCRUBS: Array<[RegExp, string]> = [
  [/\b(?:tdm|dsp)_[A-Za-z0-9_-]+/g, "[token]"],
  [/\bBearer\s+\S+/gi, "Bearer [token]"],
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b/g, "[email]"],
];

export function scrub(text: string): string {
  return SCRUBS.reduce((s, [pattern, by]) => s.replace(pattern, by), text);
}

export function redactFields(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrub(value);
  if (value instanceof Error) return describeError(value);
  if (depth > 5 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [
      key,
      SECRET_KEY.test(key) ? REDACTED : redactFields(v, depth + 1),
    ]),
  );
}

// A database message quotes the offending value ('invalid input syntax for type uuid: "…"');
// the statement, the SQLSTATE and the constraint name say enough to find the bug. The query
// builder's "Failed query: <sql>\nparams: <values>" keeps its statement (placeholders only).
function withoutValues(message: string): string {
  const [head = "", ...rest] = message.split("\nparams:");
  if (rest.length > 0 || head.startsWith("Failed query:")) return scrub(head).slice(0, 2000);
  return scrub(head)
    .replace(/"[^"]*"/g, '"…"')
    .replace(/'[^']*'/g, "'…'")
    .replace(/\(([^()]*)\)=\(([^()]*)\)/g, "($1)=(…)")
    .slice(0, 2000);
}

function stackFrames(stack: string | undefined): string | undefined {
  return stack
    ?.split("\n")
    .filter((line) => line.trimStart().startsWith("at "))
    .join("\n");
}

export interface LoggedError {
  name: string;
  message: string;
  code?: string;
  constraint?: string;
  stack?: string;
  cause?: LoggedError;
}

/** An error as it may be logged: its kind, message without values, codes and stack frames. */
export function describeError(error: unknown, depth = 0): LoggedError {
  if (!(error instanceof Error)) return { name: typeof error, message: "[not an Error]" };
  const code = Reflect.get(error, "code");
  const constraint = Reflect.get(error, "constraint") ?? Reflect.get(error, "constraint_name");
  const cause = error.cause;
  return {
    name: error.name,
    message: withoutValues(error.message),
    ...(typeof code === "string" && { code }),
    ...(typeof constraint === "string" && { constraint }),
    ...(stackFrames(error.stack) && { stack: stackFrames(error.stack) }),
    ...(cause !== undefined && depth < 3 && { cause: describeError(cause, depth + 1) }),
  };
}
