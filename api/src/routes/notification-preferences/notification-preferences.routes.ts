import { createRoute, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemResponses } from "../../lib/schemas";

export const preferencesSchema = z
  .object({
    reminders: z.boolean().openapi({ description: "Check-in reminders and escalations" }),
    digest: z.boolean().openapi({ description: "The Monday digest" }),
    alerts: z.boolean().openapi({
      description: "Goal status changes, big wins, key results hit (execs and owners)",
    }),
  })
  .openapi("NotificationPreferences");

export const updatePreferencesBody = preferencesSchema
  .partial()
  .strict()
  .openapi("UpdateNotificationPreferences");

const tags = ["Notifications"];

export const getPreferencesRoute = createRoute({
  method: "get",
  path: "/notification-preferences",
  tags,
  summary: "What the caller receives by email in the active organization (everything by default)",
  responses: {
    200: jsonResponse(preferencesSchema, "The caller's preferences"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const updatePreferencesRoute = createRoute({
  method: "patch",
  path: "/notification-preferences",
  tags,
  summary: "Mute or unmute reminders, the digest or alerts for oneself",
  request: { body: jsonBody(updatePreferencesBody) },
  responses: {
    200: jsonResponse(preferencesSchema, "The preferences now"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});
