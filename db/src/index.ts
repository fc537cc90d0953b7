export * from "./client";
export { migrationsFolder } from "./migrate";
export * as schema from "./schema/index";
export {
  analyzeAllTables,
  analyzeStaleTables,
  keepStatisticsFresh,
  type StatisticsKeeper,
} from "./statistics";
