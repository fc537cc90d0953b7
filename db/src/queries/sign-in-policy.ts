import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { organization } from "../schema/index";

export interface SignInPolicy {
  requireTwoFactor: boolean;
}

export async function findSignInPolicy(db: DbOrTx, orgId: string): Promise<SignInPolicy> {
  const rows = await db
    .select({ requireTwoFactor: organization.requireTwoFactor })
    .from(organization)
    .where(eq(organization.id, orgId));
  return rows[0] ?? { requireTwoFactor: false };
}

export async function updateSignInPolicy(
  db: DbOrTx,
  orgId: string,
  policy: SignInPolicy,
): Promise<SignInPolicy> {
  const rows = await db
    .update(organization)
    .set({ requireTwoFactor: policy.requireTwoFactor })
    .where(eq(organization.id, orgId))
    .returning({ requireTwoFactor: organization.requireTwoFactor });
  return rows[0] ?? policy;
}
