import type { BacktestFigures } from "./forecast-backtest";
import type { RevenueFigures } from "./revenue.bench";
// The figures each part of `pnpm bench` hands to the report: plain data, no I/O.

/** Latency and throughput of one target under load. */
export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  requestsPerSecond: number;
  /** Answers with 2xx that were timed. */
  samples: number;
  /** Non-2xx answers, timeouts and socket errors. */
  errors: number;
}

export interface DatasetFigures {
  label: string;
  leads: number;
  deals: number;
  touchpoints: number;
  database: string;
  /** Seconds spent generating it in this run; null when an earlier run's data set was reused. */
  generatedSeconds: number | null;
  /** Generation time measured when it was made (this run or an earlier one). */
  madeInSeconds: number;
  madeOn: string;
  /** The organization's "today" the facts were generated up to. */
  today: string;
  sizeBytes: number;
}

export interface SummaryFigures {
  dataset: DatasetFigures;
  asOf: string;
  connections: number;
  durationSeconds: number;
  /** Rollup rows the summary reads for the period: what its cost depends on. */
  rollupRowsInPeriod: number;
  health: LoadFigures;
  summary: LoadFigures;
  /** The summary with one connection: its service time, without queueing behind others. */
  summarySerial: LoadFigures;
  naive: LoadFigures;
  /** Median ms of each query of the summary, alone (see summary-breakdown.ts). */
  breakdown: Record<string, number>;
  /** The naive scan's funnel equals the summary's funnel.actual. */
  naiveAgrees: boolean;
}

export interface ForecastFigures {
  dataset: DatasetFigures;
  asOf: string;
  health: LoadFigures;
  forecast: LoadFigures;
  backtest: BacktestFigures;
}

export interface IngestFigures {
  records: number;
  batchSize: number;
  apiRecordsPerSecond: number;
  /** The same batches again: every record unchanged, nothing written. */
  resendRecordsPerSecond: number;
  copyRecordsPerSecond: number;
  note: string;
}

export interface LiveFigures {
  streams: number;
  changes: number;
  /** (stream, change) pairs that arrived, and those that never did. */
  deliveries: number;
  missed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Server resident memory in MiB with every stream open, and before any was. */
  serverRssMb: number;
  serverRssIdleMb: number;
  note: string;
  /**
   * The same load across two instances behind PgBouncer (transaction mode, LISTEN direct):
   * check-ins on one, streams on the other, whose health and summary are also timed.
   * Absent when PgBouncer is not installed.
   */
  pair?: LivePairFigures;
}

export interface LivePairFigures {
  streams: number;
  changes: number;
  deliveries: number;
  missed: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  health: LoadFigures;
  summary: LoadFigures;
  note: string;
}

/** One request of a dashboard load, in ms from the start of navigation. */
export interface WebRequestTiming {
  path: string;
  startMs: number;
  endMs: number;
}

/** What the page's own clock says of one load, in ms since navigation started. */
export interface PageMilestones {
  /** index.html received. */
  documentMs: number;
  /** The last script received before the headline was painted. */
  scriptsInMs: number;
  /** GET /api/v1/first-screen answered. */
  firstScreenMs: number;
  domContentLoadedMs: number;
  /** The first paint with content ("Loading Tandem…"). */
  firstContentfulPaintMs: number;
}

/** Loads of the dashboard served from one data set. */
export interface WebLoads {
  dataset: string;
  /**
   * Milliseconds from navigation until the headline number is painted, each load, on the
   * page's clock (checked every frame).
   */
  usableMs: number[];
  medianUsableMs: number;
  /** When the bench's Playwright wait saw it, each load: what reports before 053 measured. */
  seenMs: number[];
  medianSeenMs: number;
  /** The requests of the load with the median usable time: what that time is made of. */
  timeline: WebRequestTiming[];
  /** The same load's milestones on the page's clock. */
  milestones: PageMilestones;
}

export interface WebFigures {
  /** gzip bytes of the entry script and its modulepreloads. */
  initialJsGzipBytes: number;
  initialJsFiles: string[];
  /** gzip bytes of every script the browser fetched to show the dashboard at `/`. */
  dashboardJsGzipBytes: number;
  /** One entry per data set served; the last is the one held against the budget. */
  loads: WebLoads[];
  build: string;
}

/** A part that could not run says why instead of failing the whole benchmark. */
export type PartOutcome<T> = { ok: true; figures: T } | { ok: false; reason: string };

export interface MachineFacts {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  os: string;
  /** 1-minute load average when the run started and ended: other work skews the figures. */
  loadAverage: { start: number; end: number };
}

export interface BenchRun {
  mode: "quick" | "full";
  startedAt: string;
  seconds: number;
  machine: MachineFacts;
  datasets: DatasetFigures[];
  revenue: PartOutcome<RevenueFigures>;
  summary: PartOutcome<SummaryFigures[]>;
  forecast: PartOutcome<ForecastFigures[]>;
  ingest: PartOutcome<IngestFigures>;
  live: PartOutcome<LiveFigures>;
  web: PartOutcome<WebFigures>;
  /** `--citus`: summary and ingest again on a Citus cluster; absent when not asked for. */
  citus?: CitusFigures;
  /** Sizes asked for that are not in this run's figures, with why. */
  pending: string[];
}

/** The same summary and ingest measurements on a Citus coordinator with its workers. */
export interface CitusFigures {
  /** What the cluster is, in words: Citus version and nodes. */
  cluster: string;
  summary: PartOutcome<SummaryFigures[]>;
  ingest: PartOutcome<IngestFigures>;
}
