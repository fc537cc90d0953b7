/**
 * The one place that turns a field path into words people read, for the API's problem
 * `detail`, the web app's forms and CSV previews alike. Pure: the web app imports it.
 */

/** How a field's numbers read: a plan rate is a share (0.25 reads "25%"). */
export type FieldFormat = "number" | "percent";

interface FieldWords {
  label: string;
  format?: FieldFormat;
}

const fields: Record<string, FieldWords> = {
  name: { label: "Name" },
  email: { label: "Email" },
  password: { label: "Password" },
  role: { label: "Role" },
  teamId: { label: "Team" },
  function: { label: "Function" },
  currency: { label: "Currency" },
  timezone: { label: "Time zone" },
  startsOn: { label: "Start date" },
  endsOn: { label: "End date" },
  target: { label: "Target" },
  start: { label: "Start" },
  pacing: { label: "Pacing" },
  "thresholds.onTrack": { label: "On-track threshold" },
  "thresholds.atRisk": { label: "At-risk threshold" },
  "plan.leads": { label: "Planned leads" },
  "plan.leadToMql": { label: "Lead → MQL rate", format: "percent" },
  "plan.mqlToSql": { label: "MQL → SQL rate", format: "percent" },
  "plan.sqlToWon": { label: "SQL → won rate", format: "percent" },
  "plan.avgDealSize": { label: "Average deal size" },
  title: { label: "Title" },
  kind: { label: "Kind" },
  unit: { label: "Unit" },
  metric: { label: "Funnel metric" },
  cadenceDays: { label: "Check-in cadence" },
  value: { label: "Value" },
  confidence: { label: "Confidence" },
  note: { label: "Note" },
  confirm: { label: "Value" },
  verdict: { label: "Verdict" },
  reason: { label: "Reason" },
  externalId: { label: "External id" },
  externalIds: { label: "External ids" },
  leadExternalId: { label: "Lead's external id" },
  createdAt: { label: "Created at" },
  closedAt: { label: "Closed at" },
  occurredAt: { label: "Occurred at" },
  mqlAt: { label: "MQL at" },
  sqlAt: { label: "SQL at" },
  firstContactAt: { label: "First contact at" },
  source: { label: "Source" },
  channel: { label: "Channel" },
  campaign: { label: "Campaign" },
  amount: { label: "Amount" },
  status: { label: "Status" },
  stage: { label: "Stage" },
  owner: { label: "Owner" },
  company: { label: "Company" },
  url: { label: "CRM link" },
  asOf: { label: "As of" },
  goalId: { label: "Goal" },
  commit: { label: "Commit" },
  bestCase: { label: "Best case" },
  cursor: { label: "Cursor" },
  limit: { label: "Limit" },
  actor: { label: "Person" },
  action: { label: "Kind of change" },
  from: { label: "From" },
  to: { label: "To" },
};

/** "firstContactAt" -> "First contact at": a readable fallback for a field not listed. */
function fromCamelCase(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The words for a path: the full path when listed ("plan.leadToMql"), else its last part. */
function wordsFor(path: string): FieldWords {
  const clean = path.replace(/\.\d+(?=\.|$)/g, "");
  const listed = fields[clean];
  if (listed) return listed;
  const last = clean.split(".").at(-1) ?? clean;
  return fields[last] ?? { label: last ? fromCamelCase(last) : "The request" };
}

export function fieldLabel(path: string): string {
  return wordsFor(path).label;
}

export function fieldFormat(path: string): FieldFormat {
  return wordsFor(path).format ?? "number";
}

const plain = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
const share = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 4 });

/** A bound as the field shows it: 1 is "100%" on a rate, "1,000,000,000,000" elsewhere. */
export function formatBound(path: string, value: number | bigint): string {
  const n = Number(value);
  return fieldFormat(path) === "percent" ? share.format(n) : plain.format(n);
}

/** One field error as a sentence: "Lead → MQL rate must be at most 100%." */
export function fieldSentence(error: { path: string; message: string }): string {
  const message = error.message.replace(/[.\s]+$/, "");
  if (!error.path) return `${message.charAt(0).toUpperCase()}${message.slice(1)}.`;
  return `${fieldLabel(error.path)} ${message}.`;
}
