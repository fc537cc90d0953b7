import type { dealStatuses, feedbackVerdicts } from "../schema/funnel";
import type { FeedbackReason } from "./company";
import type { ForecastCategory } from "./deal-forecast";

export type DealStatus = (typeof dealStatuses)[number];
export type FeedbackVerdict = (typeof feedbackVerdicts)[number];

// Columns rather than row objects: a chunk goes to the database as one array per column, and
// millions of small objects would cost the garbage collector more than the inserts.
// Instants are whole epoch seconds.

export interface LeadColumns {
  externalId: string[];
  createdAt: number[];
  source: string[];
  campaign: string[];
  mqlAt: (number | null)[];
  sqlAt: (number | null)[];
  firstContactAt: (number | null)[];
}

export interface DealColumns {
  externalId: string[];
  leadExternalId: string[];
  /** Minor units (cents). */
  amount: number[];
  status: DealStatus[];
  createdAt: number[];
  closedAt: (number | null)[];
  owner: string[];
  forecastCategory: ForecastCategory[];
  expectedCloseAt: (number | null)[];
}

/** Each deal's forecast category changes while open (deal-categories.ts). */
export interface CategoryColumns {
  dealExternalId: string[];
  at: number[];
  category: ForecastCategory[];
}

export interface TouchpointColumns {
  externalId: string[];
  leadExternalId: string[];
  channel: string[];
  campaign: string[];
  occurredAt: number[];
}

export interface FeedbackColumns {
  id: string[];
  leadExternalId: string[];
  verdict: FeedbackVerdict[];
  reason: (FeedbackReason | null)[];
  note: string[];
  authorId: string[];
  createdAt: number[];
}

export interface FactChunk {
  leads: LeadColumns;
  deals: DealColumns;
  categories: CategoryColumns;
  touchpoints: TouchpointColumns;
  feedback: FeedbackColumns;
}

export function emptyChunk(): FactChunk {
  return {
    leads: {
      externalId: [],
      createdAt: [],
      source: [],
      campaign: [],
      mqlAt: [],
      sqlAt: [],
      firstContactAt: [],
    },
    deals: {
      externalId: [],
      leadExternalId: [],
      amount: [],
      status: [],
      createdAt: [],
      closedAt: [],
      owner: [],
      forecastCategory: [],
      expectedCloseAt: [],
    },
    categories: { dealExternalId: [], at: [], category: [] },
    touchpoints: { externalId: [], leadExternalId: [], channel: [], campaign: [], occurredAt: [] },
    feedback: {
      id: [],
      leadExternalId: [],
      verdict: [],
      reason: [],
      note: [],
      authorId: [],
      createdAt: [],
    },
  };
}
