import type { Database } from "@tandem/db";
import type { Membership } from "@tandem/db/queries/members";
import type { AddressConfig } from "./addresses";
import type { Auth } from "./auth";
import type { LiveHub } from "./live/hub";
import type { Logger } from "./logger";
import type { Mailer } from "./mail/mailer";
import type { SecretBox } from "./secret-box";
import type { OidcOptions } from "./sso";

export interface DemoSignIn {
  email: string;
  role: string;
  password: string;
}

export interface SessionInfo {
  /** The session's row id (never its token): streams and the sessions list refer to it. */
  sessionId: string;
  userId: string;
  email: string;
  name: string;
  activeOrganizationId: string | null;
  twoFactorEnabled: boolean;
}

/** The caller inside their active organization. */
export interface Tenant extends Membership {
  orgId: string;
  userId: string;
}

/** Who reads facts back (lib/reader-auth.ts): a member by session, or a system by API key. */
export interface Reader {
  orgId: string;
  currency: string;
  timezone: string;
}

/** What every handler can reach through `c.var`. */
export interface AppVariables {
  requestId: string;
  database: Database;
  logger: Logger;
  auth: Auth;
  /** The process's live hub: streams, and the summaries and memberships it keeps in memory. */
  live: LiveHub;
  session: SessionInfo;
  tenant: Tenant;
  reader: Reader;
  /** Sign-ins shown on the sign-in page; empty unless the database holds the demo company. */
  demoPeople: DemoSignIn[];
  /** TANDEM_PUBLIC_URL and TANDEM_TRUST_PROXY: read through lib/addresses.ts. */
  addresses: AddressConfig;
  mailer: Mailer;
  /** Seals and opens chat webhook URLs. */
  secretBox: SecretBox;
  /** The environment's OpenID provider (TANDEM_OIDC_*), which wins over Settings. */
  environmentSignOn: OidcOptions | undefined;
}

export interface AppEnv {
  Variables: AppVariables;
}
