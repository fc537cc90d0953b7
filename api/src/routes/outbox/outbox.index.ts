import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { list } from "./outbox.handlers";
import { listOutboxRoute } from "./outbox.routes";

const router = createRouter();
// Owners only: the outbox holds invitation links, which let anyone with the email join.
router.use("/outbox", requireUser, requireMember, atLeast("owner", "read the outbox"));

export const outboxRoutes = router.openapi(listOutboxRoute, list);
