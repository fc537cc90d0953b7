import type { z } from "zod";
import { formatBound } from "../words/field-words";

const typeWords: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  object: "an object",
  array: "a list",
  date: "a date",
  bigint: "a whole number",
};

function bound(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall, path: string): string {
  const high = issue.code === "too_big";
  const limit = issue.code === "too_big" ? issue.maximum : issue.minimum;
  const n = Number(limit);
  if (issue.origin === "string") {
    if (!high && n === 1) return "must not be empty";
    return `must be at ${high ? "most" : "least"} ${n} character${n === 1 ? "" : "s"} long`;
  }
  if (issue.origin === "array" || issue.origin === "set") {
    if (!high && n === 1) return "must list at least one";
    return `must list at ${high ? "most" : "least"} ${n.toLocaleString("en-US")}`;
  }
  if (issue.exact) return `must be exactly ${formatBound(path, limit)}`;
  if (issue.inclusive === false) {
    return `must be ${high ? "below" : "above"} ${formatBound(path, limit)}`;
  }
  return `must be at ${high ? "most" : "least"} ${formatBound(path, limit)}`;
}

/**
 * A zod issue in words: zod's own messages ("Too big: expected number to be <=1000000000000")
 * become "must be at most 1,000,000,000,000". A message a schema wrote itself is kept: ours are
 * predicates that follow the field's label ("must be above 0", "is required"), so they start
 * in lower case, and zod's start with a capital.
 */
export function issueMessage(issue: z.core.$ZodIssue, path: string): string {
  if (/^[a-z]/.test(issue.message)) return issue.message;
  switch (issue.code) {
    case "too_big":
      return bound(issue, path);
    case "too_small":
      return bound(issue, path);
    case "invalid_type":
      if (issue.input === undefined) return "is required";
      return `must be ${typeWords[issue.expected] ?? issue.expected}`;
    case "invalid_format":
      if (issue.format === "email") return "must be an email address";
      if (issue.format === "url") return "must be a web address (https://…)";
      if (issue.format === "regex") return "is not in the expected form";
      return `must be a valid ${issue.format}`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => String(v)).join(", ")}`;
    case "not_multiple_of":
      return issue.divisor === 1
        ? "must be a whole number"
        : `must be a multiple of ${issue.divisor}`;
    case "unrecognized_keys":
      return "is not a field we know";
    case "invalid_union":
      return "is not in any of the accepted forms";
    default:
      return issue.message;
  }
}
