import { createRouter } from "../../lib/router";
import { requireMember, requireUser } from "../../lib/tenant";
import { accept, invite, list, remove, update } from "./members.handlers";
import {
  acceptInvitationRoute,
  inviteMemberRoute,
  listMembersRoute,
  removeMemberRoute,
  updateMemberRoute,
} from "./members.routes";

const router = createRouter();
router.use("/members", requireUser, requireMember);
router.use("/members/*", requireUser, requireMember);
// The invitee is not a member yet: a session is enough.
router.use("/invitations/*", requireUser);

export const membersRoutes = router
  .openapi(listMembersRoute, list)
  .openapi(inviteMemberRoute, invite)
  .openapi(updateMemberRoute, update)
  .openapi(removeMemberRoute, remove)
  .openapi(acceptInvitationRoute, accept);
