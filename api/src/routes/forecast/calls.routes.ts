import { createRoute, z } from "@hono/zod-openapi";
import { callSchema, callsSchema, createCallBody } from "../../forecast/calls-schema";
import {
  idParamSchema,
  jsonBody,
  jsonResponse,
  problemFor,
  problemResponses,
} from "../../lib/schemas";

const tags = ["Goals"];
export const listCallsRoute = createRoute({
  method: "get",
  path: "/goals/{id}/calls",
  tags,
  summary: "The teams' calls for the period: each team's latest, the joint call, and the history",
  request: { params: idParamSchema },
  responses: {
    200: jsonResponse(callsSchema, "The calls"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
  },
});

export const createCallRoute = createRoute({
  method: "post",
  path: "/goals/{id}/calls",
  tags,
  summary: "A team's weekly call for its part of the forecast: commit and best case, with a note",
  description:
    "Team leads call for their own team, execs and owners for any sales or marketing team. Send If-Match with the team's `version` from the list: a call made while someone else's landed gets 412, never silently replacing it.",
  request: {
    params: idParamSchema,
    headers: z.object({ "if-match": z.string().optional() }),
    body: jsonBody(createCallBody),
  },
  responses: {
    201: jsonResponse(callSchema, "The call, now the team's latest"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    409: problemFor("The goal's period is over: its calls are closed"),
    412: problemFor("The team called since the given version"),
    422: problemResponses[422],
    428: problemResponses[428],
  },
});
