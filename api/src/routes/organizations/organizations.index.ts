import { createRouter } from "../../lib/router";
import { requireUser } from "../../lib/tenant";
import { create, setActive } from "./organizations.handlers";
import { createOrganization, setActiveOrganization } from "./organizations.routes";

export const organizationsRouter = createRouter();
organizationsRouter.use("/organizations", requireUser);
organizationsRouter.use("/organizations/*", requireUser);

export const organizationsRoutes = organizationsRouter
  .openapi(createOrganization, create)
  .openapi(setActiveOrganization, setActive);
