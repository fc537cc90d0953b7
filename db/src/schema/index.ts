export * from "./access";
export * from "./audit";
export * from "./auth";
export * from "./funnel";
export * from "./goals";
export * from "./teams";
