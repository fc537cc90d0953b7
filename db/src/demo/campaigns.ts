import type { DemoDay } from "./calendar";
import type { Rng } from "./prng";
import { isEventDay } from "./volume";

interface Weighted {
  value: string;
  weight: number;
}

const evergreen: Readonly<Record<string, readonly Weighted[]>> = {
  paid_search: [
    { value: "brand-search", weight: 3 },
    { value: "competitor-keywords", weight: 3 },
    { value: "revenue-analytics-generic", weight: 4 },
  ],
  content: [
    { value: "revops-playbook-ebook", weight: 35 },
    { value: "blog", weight: 40 },
    { value: "state-of-revops-report", weight: 25 },
  ],
  referral: [
    { value: "partner-program", weight: 55 },
    { value: "customer-referral", weight: 45 },
  ],
  outbound: [
    { value: "sdr-enterprise", weight: 45 },
    { value: "sdr-mid-market", weight: 55 },
  ],
};

/** The campaign a lead of this source came from on this day. */
export function campaignFor(source: string, day: DemoDay, rng: Rng): string {
  if (source === "webinar") return `webinar-${day.iso.slice(0, 7)}`;
  if (source === "events") {
    // The trade show and its follow-up week carry its name; the rest are small meetups.
    if (isEventDay(day) || (day.dayOfQuarter > 44 && day.dayOfQuarter <= 51)) {
      return `trade-show-${day.year}-q${Math.ceil(day.month / 3)}`;
    }
    return "regional-meetups";
  }
  const options = evergreen[source];
  return options ? rng.weighted(options) : "";
}

/** Campaigns of the touches that follow the first one, by channel. */
export const touchCampaigns: Readonly<Record<string, string>> = {
  paid_search: "retargeting",
  webinar: "webinar-on-demand",
  email: "nurture-sequence",
  content: "blog",
  events: "regional-meetups",
  referral: "partner-program",
  direct: "",
  outbound: "sdr-sequence",
};
