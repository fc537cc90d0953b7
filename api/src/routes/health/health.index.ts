import { createRouter } from "../../lib/router";
import { health } from "./health.handlers";
import { getHealth } from "./health.routes";

export const healthRouter = createRouter().openapi(getHealth, health);
