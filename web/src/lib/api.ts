import { hcWithType } from "@tandem/api/client";
import { type ClientResponse, parseResponse } from "hono/client";
import { networkProblem, problemFrom } from "./api-client";

/** The typed client of the Tandem API: request and response shapes come from the server's routes. */
export const api = hcWithType("/", { init: { credentials: "same-origin" } }).api;

/**
 * Awaits a typed-client call and gives its success body; every non-2xx answer becomes an
 * ApiProblem whose message is the API's own words, and a network failure one that says so.
 */
export async function call<T extends ClientResponse<unknown>>(request: Promise<T>) {
  let response: T;
  try {
    response = await request;
  } catch {
    throw networkProblem();
  }
  if (!response.ok) throw await problemFrom(response);
  return parseResponse(response);
}

/** The If-Match header for a versioned resource (goals, key results). */
export function ifMatch(version: number): { "if-match": string } {
  return { "if-match": `"${version}"` };
}
