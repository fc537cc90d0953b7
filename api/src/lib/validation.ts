import type { z } from "zod";
import { fieldSentence } from "../words/field-words";
import { ApiError, type FieldError } from "./errors";
import { issueMessage } from "./issue-words";
import { findUnstorableText } from "./text";

/** A field error at a path; a leading numeric segment under "records" becomes the index. */
function fieldError(segments: readonly PropertyKey[], message: string): FieldError {
  const path = segments.map(String);
  if (path[0] === "records" && /^\d+$/.test(path[1] ?? "")) {
    return { index: Number(path[1]), path: path.slice(2).join("."), message };
  }
  return { path: path.join("."), message };
}

/**
 * zod issues as field errors, one per field: a field that breaks two rules (-1 is negative and
 * not above 0) is told the first, so a form never prints two refusals under one input.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  const seen = new Set<string>();
  return issues.map(toFieldError).filter((error) => {
    const key = `${error.index ?? ""}:${error.path}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function toFieldError(issue: z.core.$ZodIssue): FieldError {
  const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
  const error = fieldError(issue.path, issueMessage(issue, issue.path.map(String).join(".")));
  if (unknownKeys.length === 0) return error;
  const base = error.path;
  return { ...error, path: unknownKeys.map((k) => (base ? `${base}.${k}` : k)).join(", ") };
}

function invalidInput(errors: FieldError[], where: string): ApiError {
  const first = errors[0];
  // The detail is the first error in words; each field's own message stays in `errors`.
  const detail = first
    ? errors.length === 1
      ? fieldSentence(first)
      : `${fieldSentence(first)} (and ${errors.length - 1} more)`
    : `The ${where} is invalid`;
  return new ApiError("validation_failed", detail, { errors });
}

export function validationError(issues: readonly z.core.$ZodIssue[], where: string): ApiError {
  return invalidInput(fieldErrors(issues), where);
}

const targets: Record<string, string> = {
  json: "request body",
  query: "query string",
  param: "path",
  header: "headers",
  form: "form",
  cookie: "cookies",
};

/**
 * The zod-openapi validation hook: every invalid input becomes one problem+json shape. Valid
 * input is also searched for text the database cannot store (NUL, lone surrogates), once here
 * for every path parameter, query string and JSON body, so no route needs its own check.
 */
export function validationHook(
  result: { target: string } & (
    | { success: true; data: unknown }
    | { success: false; error: z.ZodError }
  ),
): void {
  const where = targets[result.target] ?? result.target;
  if (!result.success) throw validationError(result.error.issues, where);
  const unstorable = findUnstorableText(result.data);
  if (unstorable) throw invalidInput([fieldError(unstorable.path, unstorable.message)], where);
}
