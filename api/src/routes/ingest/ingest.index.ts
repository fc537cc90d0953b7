import { createKeyRouter, requireApiKey } from "../../lib/api-key-auth";
import {
  archiveDeals,
  archiveLeads,
  archiveTouchpoints,
  ingestDeals,
  ingestLeads,
  ingestTouchpoints,
} from "./ingest.handlers";
import {
  archiveDealsRoute,
  archiveLeadsRoute,
  archiveTouchpointsRoute,
  ingestDealsRoute,
  ingestLeadsRoute,
  ingestTouchpointsRoute,
} from "./ingest.routes";
import { batchComponents } from "./ingest.schemas";

const router = createKeyRouter();
router.use("/ingest/*", requireApiKey);
for (const [name, schema] of Object.entries(batchComponents))
  router.openAPIRegistry.register(name, schema);
router.openAPIRegistry.registerComponent("securitySchemes", "apiKey", {
  type: "http",
  scheme: "bearer",
  description: "An ingest API key: tdm_<organization id>_<secret>",
});

export const ingestRoutes = router
  .openapi(ingestLeadsRoute, ingestLeads)
  .openapi(ingestDealsRoute, ingestDeals)
  .openapi(ingestTouchpointsRoute, ingestTouchpoints)
  .openapi(archiveLeadsRoute, archiveLeads)
  .openapi(archiveDealsRoute, archiveDeals)
  .openapi(archiveTouchpointsRoute, archiveTouchpoints);
