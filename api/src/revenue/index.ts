export {
  type AttributionOptions,
  type AttributionResult,
  attributeDeal,
  attributeDeals,
  attributeDealsAllModels,
  type ChannelCredit,
  type ChannelShare,
  type DealAttribution,
  NO_TOUCH_CHANNEL,
  type WonDeal,
} from "./attribution";
export {
  ATTRIBUTION_MODELS,
  type AttributionModel,
  DEFAULT_HALF_LIFE_DAYS,
  findMilestones,
  isAttributionModel,
  type Milestones,
  MS_PER_DAY,
  orderTouches,
  type Touchpoint,
  touchWeights,
} from "./attribution-models";
export {
  addCalendarDays,
  boundAsOf,
  daysBetween,
  daysElapsed,
  daysInPeriod,
  defaultGoal,
  type IsoDate,
  isIsoDate,
  type Period,
  periodDates,
  throughPeriodEnd,
  weekStart,
} from "./calendar";
export {
  FORECAST_HISTORY_PERIODS,
  type Forecast,
  type ForecastInput,
  forecastPeriod,
  forecastWithHistory,
  type HistoryCells,
  historyStart,
  LEAD_LOOKBACK_DAYS,
  type LearnedHistory,
  learnHistory,
  MIN_WON_DEALS,
  type PipelineCategory,
  RANGE_Z,
} from "./forecast";
export {
  ACCURATE_RANGE,
  type Accuracy,
  accuracyOf,
  finalParts,
  weeklyDays,
} from "./forecast-accuracy";
export {
  CATEGORY_TABLES_FROM_SHARE,
  type CategoryLagCell,
  categoryHazards,
  categoryTablesFrom,
  FORECAST_CATEGORIES,
  type ForecastCategory,
  type OpenDealsByCategory,
} from "./forecast-categories";
export {
  type DealLagCell,
  type DealOutcome,
  type LagProfile,
  type LeadCohort,
  type LeadLagCell,
  lastCompleteLagWeek,
  MAX_LAG_WEEK,
} from "./forecast-lag";
export {
  assertFunnelCounts,
  FACTOR_NAMES,
  type FactorName,
  type FactorTerm,
  type FunnelCounts,
  type FunnelRates,
  factorTerms,
  funnelFactors,
  observedRates,
  type RateFactorName,
  ratio,
  ratioOr,
} from "./funnel";
export {
  type ConversionContributions,
  type DecomposedGap,
  decomposeGap,
  type GapDecomposition,
  type UndecomposableGap,
} from "./gap-decomposition";
export {
  DEFAULT_KEY_RESULT_THRESHOLDS,
  type KeyResultDirection,
  type KeyResultProgressInput,
  type KeyResultStatus,
  type KeyResultStatusInput,
  type KeyResultStatusThresholds,
  keyResultProgress,
  keyResultStatus,
} from "./key-result";
export { type LagAwareFunnel, type LagAwareFunnelInput, lagAwareFunnel } from "./lag-aware-funnel";
export {
  allocateLargestRemainder,
  assertMinorUnits,
  isMinorUnits,
  type MinorUnits,
  roundMinor,
  roundToSum,
  sumMinor,
} from "./money";
export { NO_DATA_REASON, type PaceGap, type PaceGapInput, paceGap } from "./pace-gap";
export {
  DEFAULT_STATUS_THRESHOLDS,
  type PaceStatus,
  paceStatus,
  type StatusThresholds,
  statusFromRatio,
} from "./pace-status";
export { type PaceInput, type PaceSummary, summarizePace } from "./pace-summary";
export {
  type CumulativeRevenue,
  expectedShare,
  expectedShares,
  expectedToDate,
  historicalShare,
  linearShare,
  MAX_HISTORY_PERIODS,
  type Pacing,
  pipelineCoverage,
  planToDate,
  projectRevenue,
  shareAfterDays,
} from "./pacing";
export {
  type ForwardFunnelInput,
  type FunnelPlan,
  type FunnelVolumes,
  forwardFunnel,
  type PlannedFunnel,
  planCoverage,
  plannedFunnel,
  type ReverseFunnel,
  type ReverseFunnelInput,
  reverseFunnel,
} from "./reverse-funnel";
export { shapleyProduct } from "./shapley";
