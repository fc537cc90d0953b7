import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** The closed set of error codes clients can branch on. */
export const errorCodes = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  validation_failed: 422,
  precondition_required: 428,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof errorCodes;

const isErrorCode = (name: string): name is ErrorCode => Object.hasOwn(errorCodes, name);

/** The codes as a list, for the OpenAPI document's Problem schema. */
export const errorCodeNames: ErrorCode[] = Object.keys(errorCodes).filter(isErrorCode);

const titles: Record<ErrorCode, string> = {
  bad_request: "Bad request",
  unauthorized: "Sign-in required",
  forbidden: "Not allowed",
  not_found: "Not found",
  method_not_allowed: "Method not allowed",
  conflict: "Conflict",
  precondition_failed: "Changed by someone else",
  payload_too_large: "Request too large",
  validation_failed: "Invalid input",
  precondition_required: "If-Match required",
  rate_limited: "Too many requests",
  internal_error: "Something went wrong",
  unavailable: "Service unavailable",
};

export interface FieldError {
  /** Position of the record in a batch. */
  index?: number;
  /** Dotted path of the field, e.g. "plan.leadToMql". */
  path: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
}

/** Thrown by handlers and queries; the app's onError turns it into problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(detail);
    this.name = "ApiError";
    this.code = code;
    this.errors = options.errors;
    this.headers = options.headers;
  }

  get status(): ContentfulStatusCode {
    return errorCodes[this.code];
  }
}

export function problemBody(
  code: ErrorCode,
  detail: string,
  requestId: string,
  errors?: FieldError[],
): Problem {
  return {
    type: `https://tandem.dev/problems/${code.replaceAll("_", "-")}`,
    title: titles[code],
    status: errorCodes[code],
    detail,
    code,
    requestId,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(c: Context, error: ApiError): Response {
  const body = problemBody(error.code, error.message, requestIdOf(c), error.errors);
  // Through the context, so headers set by middleware (request id, security) are kept.
  return c.newResponse(JSON.stringify(body), error.status, {
    "content-type": "application/problem+json",
    ...error.headers,
  });
}

export function requestIdOf(c: Context): string {
  const id: unknown = c.get("requestId");
  return typeof id === "string" ? id : "";
}
