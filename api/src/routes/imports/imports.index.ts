import { createRouter } from "../../lib/router";
import { atLeast, requireMember, requireUser } from "../../lib/tenant";
import { importCsv } from "./imports.handlers";
import { importCsvRoute } from "./imports.routes";

const router = createRouter();
router.use("/imports/*", requireUser, requireMember, atLeast("exec", "import CSV files"));

export const importsRoutes = router.openapi(importCsvRoute, importCsv);
