import type { feedbackReasons } from "../schema/funnel";
import type { TeamFunction } from "../schema/teams";

export type FeedbackReason = (typeof feedbackReasons)[number];

/** The demo tenant. Its id is fixed so the first start and `pnpm seed:demo` find it again. */
export const demoOrganization = {
  id: "org_acme",
  name: "Acme Cloud",
  slug: "acme-cloud",
  currency: "USD",
  timezone: "America/New_York",
  fiscalStartMonth: 1,
} as const;

export interface DemoTeam {
  id: string;
  name: string;
  function: TeamFunction;
}

export const demoTeamIds = {
  marketing: "team_marketing",
  sales: "team_sales",
  customerSuccess: "team_customer_success",
} as const;

export const demoTeams: readonly DemoTeam[] = [
  { id: demoTeamIds.marketing, name: "Marketing", function: "marketing" },
  { id: demoTeamIds.sales, name: "Sales", function: "sales" },
  { id: demoTeamIds.customerSuccess, name: "Customer Success", function: "customer_success" },
];

/**
 * How each source behaves. The contrasts are the point of the demo: paid search brings the
 * most leads and converts worst, referrals are few and close best, events are slow to follow
 * up. Hours are medians of log-normal delays.
 */
export interface SourceProfile {
  source: string;
  /** Share of lead volume on an ordinary day, before webinar and event spikes. */
  share: number;
  leadToMql: number;
  mqlToSql: number;
  sqlToWon: number;
  /** From lead creation to MQL. */
  mqlHours: number;
  /** From lead creation to the first sales contact: speed-to-lead. */
  responseHours: number;
  dealSizeFactor: number;
  /** The channel of the touch that created the lead. */
  creationChannel: string;
  /** Why sales rejects this source's leads, as weights. */
  rejectionReasons: Readonly<Record<FeedbackReason, number>>;
}

export const sourceProfiles: readonly SourceProfile[] = [
  {
    source: "paid_search",
    share: 0.34,
    leadToMql: 0.22,
    mqlToSql: 0.28,
    sqlToWon: 0.18,
    mqlHours: 6,
    responseHours: 10,
    dealSizeFactor: 0.9,
    creationChannel: "paid_search",
    rejectionReasons: reasons(40, 15, 10, 10, 20, 5),
  },
  {
    source: "content",
    share: 0.22,
    leadToMql: 0.2,
    mqlToSql: 0.25,
    sqlToWon: 0.2,
    mqlHours: 72,
    responseHours: 26,
    dealSizeFactor: 0.85,
    creationChannel: "content",
    rejectionReasons: reasons(25, 15, 30, 5, 20, 5),
  },
  {
    source: "webinar",
    share: 0.17,
    leadToMql: 0.35,
    mqlToSql: 0.3,
    sqlToWon: 0.22,
    mqlHours: 24,
    responseHours: 16,
    dealSizeFactor: 1,
    creationChannel: "webinar",
    rejectionReasons: reasons(15, 20, 30, 5, 25, 5),
  },
  {
    source: "outbound",
    share: 0.12,
    leadToMql: 0.3,
    mqlToSql: 0.4,
    sqlToWon: 0.2,
    mqlHours: 24,
    responseHours: 1,
    dealSizeFactor: 1.15,
    creationChannel: "outbound",
    rejectionReasons: reasons(20, 25, 20, 5, 25, 5),
  },
  {
    source: "events",
    share: 0.1,
    leadToMql: 0.4,
    mqlToSql: 0.35,
    sqlToWon: 0.25,
    mqlHours: 48,
    responseHours: 40,
    dealSizeFactor: 1.2,
    creationChannel: "events",
    rejectionReasons: reasons(20, 10, 15, 15, 35, 5),
  },
  {
    source: "referral",
    share: 0.05,
    leadToMql: 0.7,
    mqlToSql: 0.6,
    sqlToWon: 0.45,
    mqlHours: 0.5,
    responseHours: 1.5,
    dealSizeFactor: 1.35,
    creationChannel: "referral",
    rejectionReasons: reasons(10, 30, 40, 5, 10, 5),
  },
];

function reasons(
  notIcp: number,
  noBudget: number,
  badTiming: number,
  duplicate: number,
  noResponse: number,
  other: number,
): Record<FeedbackReason, number> {
  return {
    not_icp: notIcp,
    no_budget: noBudget,
    bad_timing: badTiming,
    duplicate,
    no_response: noResponse,
    other,
  };
}

/** Deal sizes in whole dollars: a log-normal around the median, clamped to the price list. */
export const dealSize = { medianUsd: 21_000, sigma: 0.45, minUsd: 8_000, maxUsd: 60_000 } as const;

/** The people who own deals. */
export const salesReps: readonly string[] = [
  "Alex Morgan",
  "Sam Patel",
  "Taylor Brooks",
  "Riley Nguyen",
  "Casey Romero",
  "Jamie O'Connor",
  "Morgan Lee",
  "Avery Kim",
];
