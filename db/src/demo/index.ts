export { buildCalendar, type DemoCalendar } from "./calendar";
export { demoOrganization, demoTeams, sourceProfiles } from "./company";
export type { FactChunk } from "./fact-chunk";
export { type FactOptions, type FactStream, type FunnelFlows, generateFacts } from "./facts";
export { DEMO_GOAL_ID } from "./goal-plan";
export { DEMO_PASSWORD, type DemoPerson, demoPeople } from "./people";
export {
  DEFAULT_DEMO_LEADS,
  DEFAULT_DEMO_SEED,
  DemoAlreadySeededError,
  isDatabaseEmpty,
  MAX_DEMO_LEADS,
  type SeedDemoOptions,
  type SeedDemoResult,
  seedDemo,
} from "./seed";
