import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemFor, problemResponses } from "../../lib/schemas";

export const signInPolicySchema = z
  .strictObject({
    requireTwoFactor: z.boolean().openapi({
      description:
        "Every member needs a second factor; one without is sent to set it up before anything else",
    }),
  })
  .openapi("SignInPolicy");

const tags = ["Organization"];

export const getSignInPolicyRoute = createRoute({
  method: "get",
  path: "/sign-in-policy",
  tags,
  summary: "How the organization's people must sign in (owner)",
  responses: {
    200: jsonResponse(signInPolicySchema, "The policy"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const putSignInPolicyRoute = createRoute({
  method: "put",
  path: "/sign-in-policy",
  tags,
  summary: "Require two-factor sign-in of every member (owner, who must have it already)",
  request: { body: jsonBody(signInPolicySchema) },
  responses: {
    200: jsonResponse(signInPolicySchema, "The policy now"),
    401: problemResponses[401],
    403: problemResponses[403],
    409: problemFor("The owner has no second factor yet"),
    422: problemResponses[422],
  },
});
