import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@tandem/db/queries/members";
import {
  idParamSchema,
  jsonBody,
  jsonResponse,
  problemFor,
  problemResponses,
} from "../../lib/schemas";

export const memberSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(roles),
    teamId: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Member");

export const invitationSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    email: z.string(),
    role: z.enum(roles),
    teamId: z.string().nullable(),
    expiresAt: z.string(),
    acceptUrl: z
      .string()
      .openapi({ description: "Share with the invitee: they sign up, then accept" }),
  })
  .openapi("Invitation");

export const inviteBody = z
  .strictObject({
    email: z.string().trim().toLowerCase().email().max(254),
    role: z.enum(roles),
    teamId: z.string().min(1).max(64).nullable().optional(),
  })
  .openapi("InviteMember");

export const updateMemberBody = z
  .strictObject({
    role: z.enum(roles).optional(),
    teamId: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((b) => b.role !== undefined || b.teamId !== undefined, {
    message: "give the role or the teamId to change",
    path: ["role"],
  })
  .openapi("UpdateMember");

const tags = ["People"];

export const listMembersRoute = createRoute({
  method: "get",
  path: "/members",
  tags,
  summary: "Members and pending invitations",
  responses: {
    200: jsonResponse(
      z.object({ members: z.array(memberSchema), invitations: z.array(invitationSchema) }),
      "People",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const inviteMemberRoute = createRoute({
  method: "post",
  path: "/members",
  tags,
  summary:
    "Invite a person with a role (owner): they join when they accept the link with that email",
  request: { body: jsonBody(inviteBody) },
  responses: {
    201: jsonResponse(
      z.object({
        kind: z.literal("invitation"),
        invitation: invitationSchema,
        mail: z.enum(["sent", "outbox", "failed"]).openapi({
          description:
            "The invitation email: handed to the mail server, written to the outbox (no SMTP configured: see Settings), or not sent (share acceptUrl yourself)",
        }),
      }),
      "Invited",
    ),
    401: problemResponses[401],
    403: problemResponses[403],
    409: problemFor("Already a member"),
    422: problemResponses[422],
  },
});

export const updateMemberRoute = createRoute({
  method: "patch",
  path: "/members/{id}",
  tags,
  summary: "Change a member's role or team (owner)",
  request: { params: idParamSchema, body: jsonBody(updateMemberBody) },
  responses: {
    200: jsonResponse(memberSchema, "The member"),
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    409: problemFor("The last owner cannot be demoted"),
    422: problemResponses[422],
  },
});

export const removeMemberRoute = createRoute({
  method: "delete",
  path: "/members/{id}",
  tags,
  summary: "Remove a member (owner)",
  request: { params: idParamSchema },
  responses: {
    204: { description: "Removed" },
    401: problemResponses[401],
    403: problemResponses[403],
    404: problemResponses[404],
    409: problemFor("The last owner cannot be removed"),
  },
});

export const acceptInvitationRoute = createRoute({
  method: "post",
  path: "/invitations/accept",
  tags,
  summary:
    "Accept an invitation addressed to the signed-in user's email; its organization becomes active",
  request: {
    body: jsonBody(
      z.strictObject({
        organizationId: z.string().min(1).max(64),
        invitationId: z.string().min(1).max(64),
      }),
    ),
  },
  responses: {
    200: jsonResponse(memberSchema, "The new membership"),
    401: problemResponses[401],
    404: problemResponses[404],
    422: problemResponses[422],
  },
});
