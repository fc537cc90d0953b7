import { and, desc, eq, gte, lt, notExists, or, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { leadFeedback, leads } from "../schema/index";

export type LeadQualityGrouping = "source" | "campaign";

/**
 * The leads created in [from, to) (the cohort), with their outcomes as known before `cut`:
 * milestones, won deals, contacts and sales verdicts that happened later are not counted, so
 * a past `cut` shows the screen as it was then.
 */
export interface LeadCohortWindow {
  from: Date;
  to: Date;
  cut: Date;
}

export interface LeadQualityCounts {
  /** Null on the total row; the campaign is null too when grouped by source. */
  source: string | null;
  campaign: string | null;
  isTotal: boolean;
  leads: number;
  mqls: number;
  sqls: number;
  /** Won deals of the cohort's leads and their amount in minor units. */
  wins: number;
  revenue: number;
  /** Leads by their latest verdict. */
  accepted: number;
  rejected: number;
  /** MQL or SQL leads without any verdict yet. */
  awaiting: number;
  /** Rejections by reason (latest verdict); `unspecified` when the verdict gave no reason. */
  reasons: {
    not_icp: number;
    no_budget: number;
    bad_timing: number;
    duplicate: number;
    no_response: number;
    other: number;
    unspecified: number;
  };
  /** MQLs with a first sales contact, and those contacted within 24 hours of the MQL. */
  contacted: number;
  contactedWithin24h: number;
  medianSpeedToLeadHours: number | null;
}

const at = (moment: Date) => sql`${moment.toISOString()}::timestamptz`;

/**
 * One set-based pass over the cohort (through the (org_id, created_at) index): the rows per
 * group and the total row come from the same grouping sets, so medians are true medians of
 * each set and never averages of medians. The cohort is inlined (not materialized) where it is
 * used: a materialized CTE has no statistics, the planner then expects millions of joined rows
 * and PostgreSQL spends most of a second compiling the query with JIT.
 */
function leadQualitySql(orgId: string, window: LeadCohortWindow, groupBy: LeadQualityGrouping) {
  const cut = at(window.cut);
  const keys = groupBy === "campaign" ? sql`c.source, c.campaign` : sql`c.source`;
  const campaign = groupBy === "campaign" ? sql`c.campaign` : sql`null::text`;
  const mql = sql`c.mql_at < ${cut}`;
  const contacted = sql`${mql} and c.first_contact_at < ${cut}`;
  const rejectedFor = (reason: string) =>
    sql`count(*) filter (where v.verdict = 'rejected' and v.reason = ${reason})::int`;
  return sql`
    with cohort as not materialized (
      select l.external_id, l.source, l.campaign, l.mql_at, l.sql_at, l.first_contact_at
        from leads l
       where l.org_id = ${orgId} and l.created_at >= ${at(window.from)} and l.created_at < ${at(window.to)}
    ),
    won as (
      select d.lead_external_id, count(*) as wins, sum(d.amount) as revenue
        from deals d
       where d.org_id = ${orgId} and d.status = 'won' and d.closed_at < ${cut}
         and d.lead_external_id in (select external_id from cohort)
       group by d.lead_external_id
    ),
    verdicts as (
      select distinct on (f.lead_external_id) f.lead_external_id, f.verdict, f.reason
        from lead_feedback f
       where f.org_id = ${orgId} and f.created_at < ${cut}
         and f.lead_external_id in (select external_id from cohort)
       order by f.lead_external_id, f.created_at desc, f.id desc
    )
    select grouping(${keys})::int as grouping_level,
           c.source as source,
           ${campaign} as campaign,
           count(*)::int as leads,
           count(*) filter (where ${mql})::int as mqls,
           count(*) filter (where c.sql_at < ${cut})::int as sqls,
           coalesce(sum(w.wins), 0)::int as wins,
           coalesce(sum(w.revenue), 0)::text as revenue,
           count(*) filter (where v.verdict = 'accepted')::int as accepted,
           count(*) filter (where v.verdict = 'rejected')::int as rejected,
           count(*) filter (where (${mql} or c.sql_at < ${cut}) and v.verdict is null)::int as awaiting,
           ${rejectedFor("not_icp")} as not_icp,
           ${rejectedFor("no_budget")} as no_budget,
           ${rejectedFor("bad_timing")} as bad_timing,
           ${rejectedFor("duplicate")} as duplicate,
           ${rejectedFor("no_response")} as no_response,
           ${rejectedFor("other")} as other,
           count(*) filter (where v.verdict = 'rejected' and v.reason is null)::int as unspecified,
           count(*) filter (where ${contacted})::int as contacted,
           count(*) filter (where ${contacted} and c.first_contact_at <= c.mql_at + interval '24 hours')::int as within_24h,
           -- A lead contacted before it qualified waited no time: clamp at zero.
           percentile_cont(0.5) within group (
             order by greatest(extract(epoch from c.first_contact_at - c.mql_at), 0) / 3600.0
           ) filter (where ${contacted}) as median_hours
      from cohort c
      left join won w on w.lead_external_id = c.external_id
      left join verdicts v on v.lead_external_id = c.external_id
     group by grouping sets ((${keys}), ())`;
}

const count = (column: string) => sql<number>`${sql.identifier(column)}`.mapWith(Number);

/** Per group and in total (the row with `isTotal`), largest group first. */
export async function leadQualityCounts(
  db: DbOrTx,
  orgId: string,
  window: LeadCohortWindow,
  groupBy: LeadQualityGrouping,
): Promise<LeadQualityCounts[]> {
  // Selected through the query builder, whose result shape is the same on both drivers.
  const rows = await db
    .select({
      groupingLevel: count("grouping_level"),
      source: sql<string | null>`source`,
      campaign: sql<string | null>`campaign`,
      leads: count("leads"),
      mqls: count("mqls"),
      sqls: count("sqls"),
      wins: count("wins"),
      revenue: count("revenue"),
      accepted: count("accepted"),
      rejected: count("rejected"),
      awaiting: count("awaiting"),
      notIcp: count("not_icp"),
      noBudget: count("no_budget"),
      badTiming: count("bad_timing"),
      duplicate: count("duplicate"),
      noResponse: count("no_response"),
      other: count("other"),
      unspecified: count("unspecified"),
      contacted: count("contacted"),
      within24h: count("within_24h"),
      medianHours: sql<number | null>`median_hours`.mapWith(Number),
    })
    .from(sql`(${leadQualitySql(orgId, window, groupBy)}) as lead_quality`)
    .orderBy(sql`grouping_level`, sql`leads desc`, sql`source`, sql`campaign`);
  return rows.map((r) => {
    const isTotal = r.groupingLevel !== 0;
    return {
      source: isTotal ? null : r.source,
      campaign: isTotal ? null : r.campaign,
      isTotal,
      leads: r.leads,
      mqls: r.mqls,
      sqls: r.sqls,
      wins: r.wins,
      revenue: r.revenue,
      accepted: r.accepted,
      rejected: r.rejected,
      awaiting: r.awaiting,
      reasons: {
        not_icp: r.notIcp,
        no_budget: r.noBudget,
        bad_timing: r.badTiming,
        duplicate: r.duplicate,
        no_response: r.noResponse,
        other: r.other,
        unspecified: r.unspecified,
      },
      contacted: r.contacted,
      contactedWithin24h: r.within24h,
      medianSpeedToLeadHours: r.medianHours,
    };
  });
}

export interface LeadAwaitingVerdict {
  externalId: string;
  source: string;
  campaign: string;
  createdAt: Date;
  mqlAt: Date | null;
  sqlAt: Date | null;
  /** When it reached its stage as of the cut: the SQL moment if before the cut, else the MQL one. */
  qualifiedAt: Date;
  name: string | null;
  email: string | null;
  company: string | null;
  owner: string | null;
  url: string | null;
}

/**
 * The MQL or SQL leads of the cohort that sales has not judged yet, for the accept/reject
 * list, newest hand-over first: the order of the time each row shows (the moment it became
 * an SQL, or an MQL), not of when the CRM created it.
 */
export function leadsAwaitingVerdict(
  db: DbOrTx,
  orgId: string,
  window: LeadCohortWindow,
  limit: number,
): Promise<LeadAwaitingVerdict[]> {
  const cut = window.cut.toISOString();
  const qualifiedAt = sql<Date>`coalesce(case when ${leads.sqlAt} < ${cut}::timestamptz then ${leads.sqlAt} end, ${leads.mqlAt}, ${leads.sqlAt})`;
  return db
    .select({
      externalId: leads.externalId,
      source: leads.source,
      campaign: leads.campaign,
      createdAt: leads.createdAt,
      mqlAt: leads.mqlAt,
      sqlAt: leads.sqlAt,
      qualifiedAt: qualifiedAt.mapWith(leads.mqlAt),
      name: leads.name,
      email: leads.email,
      company: leads.company,
      owner: leads.owner,
      url: leads.url,
    })
    .from(leads)
    .where(
      and(
        eq(leads.orgId, orgId),
        gte(leads.createdAt, window.from),
        lt(leads.createdAt, window.to),
        or(lt(leads.mqlAt, window.cut), lt(leads.sqlAt, window.cut)),
        notExists(
          db
            .select({ one: sql`1` })
            .from(leadFeedback)
            .where(
              and(
                eq(leadFeedback.orgId, leads.orgId),
                eq(leadFeedback.leadExternalId, leads.externalId),
                lt(leadFeedback.createdAt, window.cut),
              ),
            ),
        ),
      ),
    )
    .orderBy(desc(qualifiedAt), desc(leads.externalId))
    .limit(limit);
}
