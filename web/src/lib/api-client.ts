/** An error answered by the API as problem+json, with words fit to show a person. */
export class ApiProblem extends Error {
  readonly status: number;
  readonly code: string;
  readonly title: string;
  /** Field errors; CSV imports also say the line (1 = the header) and the column. */
  readonly errors: {
    path: string;
    message: string;
    index?: number;
    line?: number;
    column?: string;
    /** A choice the request must make (CSV decimal mark, date order): the values it takes. */
    options?: string[];
    /** For such a choice: the cell that reads two ways. */
    value?: string;
  }[];

  constructor(
    status: number,
    code: string,
    detail: string,
    errors: ApiProblem["errors"] = [],
    title = "",
  ) {
    super(detail);
    this.name = "ApiProblem";
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.title = title;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The parts of a fetch Response (or a typed client response) a problem is read from. */
export interface ProblemSource {
  status: number;
  statusText: string;
  json(): Promise<unknown>;
}

const fallbackDetail: Record<number, string> = {
  401: "Your session has ended. Sign in again.",
  403: "Your role does not allow this.",
  404: "This was not found in your organization.",
  412: "Someone else changed this since you loaded it. Reload to see their change.",
  413: "The request is too large.",
  428: "The request did not say which version it changes. Reload and try again.",
  429: "Too many requests. Wait a moment and try again.",
  502: "The Tandem server is not answering. Try again in a moment.",
  503: "The Tandem server is not answering. Try again in a moment.",
};

function detailFor(status: number, statusText: string): string {
  return (
    fallbackDetail[status] ??
    (statusText ? `${statusText} (${status})` : `Request failed (${status})`)
  );
}

/** Turns any failed response into an ApiProblem, with words even when the body has none. */
export async function problemFrom(response: ProblemSource): Promise<ApiProblem> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isRecord(body)) {
    const detail =
      typeof body.detail === "string" && body.detail
        ? body.detail
        : typeof body.message === "string" && body.message
          ? body.message
          : detailFor(response.status, response.statusText);
    const code = typeof body.code === "string" ? body.code : String(response.status);
    const errors = Array.isArray(body.errors)
      ? body.errors.filter(isRecord).map((e) => ({
          path: String(e.path ?? ""),
          message: String(e.message ?? ""),
          ...(typeof e.index === "number" ? { index: e.index } : {}),
          ...(typeof e.line === "number" ? { line: e.line } : {}),
          ...(typeof e.column === "string" ? { column: e.column } : {}),
          ...(Array.isArray(e.options) ? { options: e.options.map(String) } : {}),
          ...(typeof e.value === "string" ? { value: e.value } : {}),
        }))
      : [];
    const title = typeof body.title === "string" ? body.title : "";
    return new ApiProblem(response.status, code, detail, errors, title);
  }
  return new ApiProblem(
    response.status,
    String(response.status),
    detailFor(response.status, response.statusText),
  );
}

export function networkProblem(): ApiProblem {
  return new ApiProblem(
    0,
    "network",
    "Cannot reach the Tandem server. Check your connection and try again.",
  );
}

/**
 * JSON request to our own API with the session cookie, for the auth routes that the typed
 * client does not cover; callers narrow the result.
 */
export async function requestJson(path: string, init: RequestInit = {}): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: "same-origin",
      ...init,
      headers: {
        accept: "application/json",
        ...(typeof init.body === "string" ? { "content-type": "application/json" } : {}),
        ...init.headers,
      },
    });
  } catch {
    throw networkProblem();
  }
  if (!response.ok) throw await problemFrom(response);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiProblem) return error.message;
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function isProblem(error: unknown, code: string): error is ApiProblem {
  return error instanceof ApiProblem && error.code === code;
}
