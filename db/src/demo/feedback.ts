import { feedbackReasons } from "../schema/funnel";
import type { FeedbackReason, SourceProfile } from "./company";
import type { FeedbackVerdict } from "./fact-chunk";
import type { LeadJourney } from "./journey";
import type { Rng } from "./prng";

export interface Verdict {
  verdict: FeedbackVerdict;
  reason: FeedbackReason | null;
  note: string;
  createdAt: number;
}

/** Sales gives its verdict on about a third of the MQLs it has called. */
const FEEDBACK_SHARE = 0.35;
/** Of the MQLs that did not become SQLs, the share sales still accepts (being worked). */
const STILL_WORKING = 0.25;

const notes: Readonly<Record<FeedbackReason, readonly string[]>> = {
  not_icp: [
    "Five-person agency, far below our segment.",
    "Student project.",
    "B2C shop, no sales team.",
  ],
  no_budget: ["Budget frozen until next fiscal year.", "Liked it, cannot afford it this year."],
  bad_timing: [
    "Mid-migration to a new CRM, come back in Q3.",
    "Renewed with a competitor last month.",
  ],
  duplicate: ["Already in an open opportunity.", "Same person as an existing lead."],
  no_response: ["Six attempts, no reply.", "Wrong phone number, emails bounce."],
  other: ["Wanted a job, not the product.", "Asked for a feature we do not plan."],
};
const acceptedNotes = [
  "Great fit, demo booked.",
  "Clear pain, budget confirmed.",
  "Warm intro, fast follow-up.",
];

/** Sales' verdict on a lead, or null when sales has not given one (yet). */
export function verdictFor(
  profile: SourceProfile,
  journey: LeadJourney,
  cutoff: number,
  rng: Rng,
): Verdict | null {
  const { firstContactAt, sqlAt } = journey;
  if (journey.mqlAt === null || firstContactAt === null || !rng.chance(FEEDBACK_SHARE)) return null;
  if (sqlAt !== null) {
    return {
      verdict: "accepted",
      reason: null,
      note: pickNote(acceptedNotes, rng),
      createdAt: sqlAt,
    };
  }
  const createdAt = firstContactAt + Math.round(rng.logNormal(48, 0.8) * 3600);
  if (createdAt >= cutoff) return null;
  if (rng.chance(STILL_WORKING)) {
    return { verdict: "accepted", reason: null, note: "", createdAt };
  }
  const weights = feedbackReasons.map((r) => profile.rejectionReasons[r]);
  const reason = feedbackReasons[rng.weightedIndex(weights)] ?? "other";
  return { verdict: "rejected", reason, note: pickNote(notes[reason], rng), createdAt };
}

/** Half of the verdicts come with a note. */
function pickNote(options: readonly string[], rng: Rng): string {
  if (!rng.chance(0.5)) return "";
  return options[rng.int(0, options.length - 1)] ?? "";
}
