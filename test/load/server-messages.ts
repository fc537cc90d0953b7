/** What the bench server tells the process that forked it. */
export type ServerMessage = { type: "listening"; port: number } | { type: "rss"; bytes: number };

export function isServerMessage(value: unknown): value is ServerMessage {
  if (typeof value !== "object" || value === null || !("type" in value)) return false;
  if (value.type === "listening") return "port" in value && typeof value.port === "number";
  if (value.type === "rss") return "bytes" in value && typeof value.bytes === "number";
  return false;
}
