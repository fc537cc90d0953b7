import type { z } from "zod";
import { ApiError, type FieldError } from "./errors";

/** zod issues as field errors; a leading numeric segment under "records" becomes the index. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => {
    const path = issue.path.map(String);
    if (path[0] === "records" && /^\d+$/.test(path[1] ?? "")) {
      return { index: Number(path[1]), path: path.slice(2).join("."), message: issue.message };
    }
    const unknownKeys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const base = path.join(".");
    if (unknownKeys.length > 0) {
      return {
        path: unknownKeys.map((k) => (base ? `${base}.${k}` : k)).join(", "),
        message: issue.message,
      };
    }
    return { path: base, message: issue.message };
  });
}

export function validationError(issues: readonly z.core.$ZodIssue[], where: string): ApiError {
  const errors = fieldErrors(issues);
  const first = errors[0];
  const detail = first
    ? `The ${where} has ${errors.length} invalid field${errors.length === 1 ? "" : "s"}; first: ${first.path || "(root)"}: ${first.message}`
    : `The ${where} is invalid`;
  return new ApiError("validation_failed", detail, { errors });
}

const targets: Record<string, string> = {
  json: "request body",
  query: "query string",
  param: "path",
  header: "headers",
  form: "form",
  cookie: "cookies",
};

/** The zod-openapi validation hook: every invalid input becomes one problem+json shape. */
export function validationHook(
  result: { target: string } & ({ success: true } | { success: false; error: z.ZodError }),
): void {
  if (!result.success) {
    throw validationError(result.error.issues, targets[result.target] ?? result.target);
  }
}
