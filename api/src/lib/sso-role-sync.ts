import type { Database } from "@tandem/db";
import { writeAudit } from "@tandem/db/queries/audit";
import {
  countOwners,
  findMembership,
  lockOrganizationMembers,
  type Role,
  updateMember,
} from "@tandem/db/queries/members";
import { publishAccessEnded } from "./live/publish";
import type { OidcOptions } from "./sso";

/**
 * At a later sign-in, the member's role follows what the provider's claim now gives (the
 * provider is where groups are managed), audited when it changes. Not when the claim map is
 * empty (every role is then the owner's to set in Settings), not for someone who is no
 * longer a member (removal is not undone by signing in), and never demoting the last owner.
 */
export async function keepRoleInStep(
  database: Database,
  options: OidcOptions,
  userId: string,
  role: Role,
): Promise<void> {
  if (Object.keys(options.roleMap).length === 0) return;
  const orgId = options.organizationId;
  const changed = await database.db.transaction(async (tx) => {
    await lockOrganizationMembers(tx, orgId);
    const membership = await findMembership(tx, orgId, userId);
    if (!membership || membership.role === role) return false;
    if (membership.role === "owner" && (await countOwners(tx, orgId)) <= 1) return false;
    await updateMember(tx, orgId, membership.memberId, { role });
    await writeAudit(
      tx,
      orgId,
      { kind: "user", id: userId },
      {
        action: "member.role_from_sso",
        entity: "member",
        entityId: membership.memberId,
        before: { role: membership.role },
        after: { role },
      },
    );
    return true;
  });
  // Every instance forgets the membership it kept, so the new role counts on the next request.
  if (changed) await publishAccessEnded(database, { kind: "member_changed", orgId, userId });
}
