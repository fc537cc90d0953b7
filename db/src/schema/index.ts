export * from "./access";
export * from "./audit";
export * from "./auth";
export * from "./forecast-rollups";
export * from "./funnel";
export * from "./goals";
export * from "./sign-in-limits";
export * from "./teams";
