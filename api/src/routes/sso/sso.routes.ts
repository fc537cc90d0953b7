import { createRoute, z } from "@hono/zod-openapi";
import { roles } from "@tandem/db/queries/members";
import { jsonBody, jsonResponse, problemFor, problemResponses } from "../../lib/schemas";

const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "is not an email domain (example.com, without @)",
  );

const roleMappingSchema = z.strictObject({
  claim: z.string().trim().min(1, "is empty").max(200, "is longer than 200 characters"),
  role: z.enum(roles),
});

/** What an owner sets; the client secret only when it is new or changes. */
export const ssoSettingsInput = z
  .strictObject({
    enabled: z.boolean().openapi({ description: "Off: nobody signs in through the provider" }),
    displayName: z
      .string()
      .trim()
      .min(1, "is empty: the sign-in button says “Sign in with <name>”")
      .max(60, "is longer than 60 characters"),
    discoveryUrl: z.string().trim().min(1, "is empty").max(500).openapi({
      description: "The issuer (https://id.example.com) or its discovery document; read when saved",
    }),
    clientId: z.string().trim().min(1, "is empty").max(200),
    clientSecret: z.string().min(1, "is empty").max(1000).optional().openapi({
      description: "Required the first time; left out, the secret kept stays. Never returned",
    }),
    domains: z
      .array(domainSchema)
      .min(1, "needs at least one email domain")
      .max(20, "has more than 20 domains"),
    defaultRole: z.enum(roles).exclude(["owner"]).openapi({
      description: "The role of someone none of whose groups is in the map (never owner)",
    }),
    scopes: z
      .array(z.string().regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, "is not a scope (no spaces)"))
      .max(20)
      .openapi({ description: "Asked of the provider; openid, email and profile at least" }),
    roleClaim: z.string().trim().min(1, "is empty").max(100),
    roleMap: z.array(roleMappingSchema).max(50, "has more than 50 mappings").openapi({
      description:
        "Claim value (a group) to role; the highest wins. Empty: roles are set in Settings, not by the provider",
    }),
    passwordSignIn: z.boolean().openapi({
      description: "Off: members of the domains sign in with single sign-on only",
    }),
  })
  .openapi("SsoSettingsInput");

export const ssoSettingsSchema = z
  .object({
    source: z.enum(["none", "settings", "environment"]).openapi({
      description:
        "environment: set by TANDEM_OIDC_* (read-only here); settings: by an owner; none: not set",
    }),
    version: z.number().int(),
    enabled: z.boolean(),
    displayName: z.string(),
    discoveryUrl: z.string(),
    clientId: z.string(),
    clientSecretSet: z.boolean().openapi({ description: "The secret itself is never returned" }),
    domains: z.array(z.string()),
    defaultRole: z.enum(roles),
    scopes: z.array(z.string()),
    roleClaim: z.string(),
    roleMap: z.array(z.object({ claim: z.string(), role: z.enum(roles) })),
    passwordSignIn: z.boolean(),
    redirectUri: z.string().openapi({ description: "To register at the provider for this client" }),
  })
  .openapi("SsoSettings");

export const discoveryTestInput = z
  .strictObject({ discoveryUrl: ssoSettingsInput.shape.discoveryUrl })
  .openapi("SsoDiscoveryTest");
export const discoveryTestSchema = z
  .object({ discoveryUrl: z.string(), issuer: z.string() })
  .openapi("SsoDiscoveryResult");

const tags = ["Organization"];

export const getSsoRoute = createRoute({
  method: "get",
  path: "/sso",
  tags,
  summary: "The organization's single sign-on provider (owner); ETag carries its version",
  responses: {
    200: jsonResponse(ssoSettingsSchema, "The provider, or defaults when none is set"),
    401: problemResponses[401],
    403: problemResponses[403],
  },
});

export const putSsoRoute = createRoute({
  method: "put",
  path: "/sso",
  tags,
  summary: "Set the organization's provider (owner); If-Match with its version is required",
  request: {
    headers: z.object({
      "if-match": z.string().optional().openapi({ description: "The version, from ETag" }),
    }),
    body: jsonBody(ssoSettingsInput),
  },
  responses: {
    200: jsonResponse(ssoSettingsSchema, "The provider now"),
    401: problemResponses[401],
    403: problemResponses[403],
    409: problemFor(
      "Set by the environment, a domain of another organization, or passwords turned off before anyone signed in through the provider",
    ),
    412: problemResponses[412],
    422: problemResponses[422],
    428: problemResponses[428],
  },
});

export const testSsoRoute = createRoute({
  method: "post",
  path: "/sso/test",
  tags,
  summary: "Read a provider's discovery document, as saving would (owner)",
  request: { body: jsonBody(discoveryTestInput) },
  responses: {
    200: jsonResponse(discoveryTestSchema, "An OpenID Connect provider answered"),
    401: problemResponses[401],
    403: problemResponses[403],
    422: problemResponses[422],
  },
});

export const signOnSchema = z
  .object({
    provider: z
      .object({ id: z.string(), name: z.string() })
      .nullable()
      .openapi({ description: "The provider people of this email's domain sign in with" }),
  })
  .openapi("SignOn");

export const signOnRoute = createRoute({
  method: "get",
  path: "/sign-on",
  tags: ["Health"],
  summary: "Which single sign-on the sign-in screen offers for an email address",
  request: { query: z.object({ email: z.string().max(320) }) },
  responses: { 200: jsonResponse(signOnSchema, "The provider, or null") },
});
