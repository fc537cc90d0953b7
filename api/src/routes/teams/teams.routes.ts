import { createRoute, z } from "@hono/zod-openapi";
import { teamFunctions } from "@tandem/db/schema";
import { jsonBody, jsonResponse, problemFor, problemResponses } from "../../lib/schemas";

export const teamSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    function: z.enum(teamFunctions),
    createdAt: z.string(),
  })
  .openapi("Team");

export const createTeamBody = z
  .strictObject({ name: z.string().trim().min(1).max(80), function: z.enum(teamFunctions) })
  .openapi("CreateTeam");

export const listTeamsRoute = createRoute({
  method: "get",
  path: "/teams",
  tags: ["People"],
  summary: "The organization's teams",
  responses: {
    200: jsonResponse(z.object({ teams: z.array(teamSchema) }), "Teams"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const createTeamRoute = createRoute({
  method: "post",
  path: "/teams",
  tags: ["People"],
  summary: "Add a team (owner)",
  request: { body: jsonBody(createTeamBody) },
  responses: {
    201: jsonResponse(teamSchema, "The new team"),
    401: problemResponses[401],
    403: problemResponses[403],
    409: problemFor("A team of that name exists"),
    422: problemResponses[422],
  },
});
