import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { create, list, remove, test } from "./chat-channels.handlers";
import {
  createChatChannelRoute,
  deleteChatChannelRoute,
  listChatChannelsRoute,
  testChatChannelRoute,
} from "./chat-channels.routes";

const router = createRouter();
const owners = atLeast("owner", "manage chat channels");
router.use("/chat-channels", requireUser, requireMember, owners);
router.use("/chat-channels/*", requireUser, requireMember, owners);

export const chatChannelsRoutes = router
  .openapi(listChatChannelsRoute, list)
  .openapi(createChatChannelRoute, create)
  .openapi(testChatChannelRoute, test)
  .openapi(deleteChatChannelRoute, remove);
