import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { list } from "./server-addresses.handlers";
import { serverAddressesRoute } from "./server-addresses.routes";

const router = createRouter();
// Owners set up TVs and invite people; the machine's addresses are theirs to see.
router.use(
  "/server-addresses",
  requireUser,
  requireMember,
  atLeast("owner", "see the server's addresses"),
);

export const serverAddressesRoutes = router.openapi(serverAddressesRoute, list);
