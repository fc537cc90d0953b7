import { createRoute } from "@hono/zod-openapi";
import { idParamSchema, jsonResponse, problemResponses } from "../../lib/schemas";
import { leadQualityQuerySchema, leadQualitySchema } from "./lead-quality.schemas";

export const getLeadQualityRoute = createRoute({
  method: "get",
  path: "/goals/{id}/lead-quality",
  tags: ["Goals"],
  summary: "The period's leads by source or campaign: conversion, sales verdicts, speed-to-lead",
  request: { params: idParamSchema, query: leadQualityQuerySchema },
  responses: {
    200: jsonResponse(leadQualitySchema, "Lead quality of the leads created in the period"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});
