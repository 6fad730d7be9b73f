import { and, eq, gt, sql } from "drizzle-orm";
import type { PgDb } from "../db/pg/client";
import { campaignAlerts } from "../db/pg/schema";
import { newId } from "../lib/ids";
import type { Logger } from "../lib/logger";

/** The hourly trigger in wrangler.toml that runs reconcileCampaigns. */
export const RECONCILE_CRON = "0 * * * *";

export interface Drift {
  campaignId: string;
  /** What disagrees, e.g. `valid clicks: rollups 41, events 40`. */
  mismatches: string[];
}

interface Totals {
  campaign_id: string;
  rollup_valid: string;
  rollup_views: string;
  event_valid: string;
  event_views: string;
  billed: string;
  ledger: string;
  ledger_billing: string;
  ledger_disputes: string;
  disputes: string;
  budget_lines: string;
  spend: string;
  spend_days: string;
}

/**
 * The hourly check that the three records of every launched campaign agree: the per-minute
 * rollups with the events they were made from (valid clicks, views), the amounts billing wrote on
 * the events with the ledger's charges and refunds, the disputes' credits with the ledger's, the ledger's entries with the budget account's lines, and
 * the spend counters (total and per day) with the ledger. Any drift raises one alert per campaign
 * per day on its page and an error in the logs; nothing is corrected automatically.
 */
export async function reconcileCampaigns(pg: PgDb, log: Logger, now: number): Promise<Drift[]> {
  const rows = (
    await pg.execute(sql`
      select c.id as campaign_id,
        coalesce((select sum(valid_clicks) from link_minutes m where m.campaign_id = c.id), 0)::text as rollup_valid,
        coalesce((select sum(views) from link_minutes m where m.campaign_id = c.id), 0)::text as rollup_views,
        (select count(*) from events e where e.campaign_id = c.id and e.type = 'click' and not e.fraud and not e.duplicate and e.link_id is not null)::text as event_valid,
        (select count(*) from events e where e.campaign_id = c.id and e.type = 'view' and e.link_id is not null)::text as event_views,
        coalesce((select sum(billed_minor) from events e where e.campaign_id = c.id), 0)::text as billed,
        coalesce((select sum(cost_minor) from ledger_entries l where l.campaign_id = c.id), 0)::text as ledger,
        coalesce((select sum(cost_minor) from ledger_entries l where l.campaign_id = c.id and l.kind <> 'dispute_credit'), 0)::text as ledger_billing,
        coalesce((select -sum(cost_minor) from ledger_entries l where l.campaign_id = c.id and l.kind = 'dispute_credit'), 0)::text as ledger_disputes,
        coalesce((select sum(credited_minor) from traffic_disputes d where d.campaign_id = c.id), 0)::text as disputes,
        coalesce((select -sum(li.amount_minor) from ledger_lines li join ledger_accounts a on a.id = li.account_id join ledger_entries le on le.id = li.entry_id
                  where a.kind = 'campaign_budget' and a.owner_id = c.id and le.kind in ('charge', 'reversal', 'dispute_credit')), 0)::text as budget_lines,
        coalesce((select spent_minor from campaign_spend s where s.campaign_id = c.id), 0)::text as spend,
        coalesce((select sum(spent_minor) from campaign_spend_days d where d.campaign_id = c.id), 0)::text as spend_days
      from campaigns c where c.status <> 'draft'`)
  ).rows as unknown as Totals[];

  const drifts: Drift[] = [];
  for (const r of rows) {
    const mismatches: string[] = [];
    const check = (what: string, a: [string, string], b: [string, string]) => {
      if (a[1] !== b[1]) mismatches.push(`${what}: ${a[0]} ${a[1]}, ${b[0]} ${b[1]}`);
    };
    check("valid clicks", ["rollups", r.rollup_valid], ["events", r.event_valid]);
    check("views", ["rollups", r.rollup_views], ["events", r.event_views]);
    check("charges", ["events", r.billed], ["ledger", r.ledger_billing]);
    check("dispute credits", ["disputes", r.disputes], ["ledger", r.ledger_disputes]);
    check("budget account", ["ledger entries", r.ledger], ["ledger lines", r.budget_lines]);
    check("spend", ["counter", r.spend], ["ledger", r.ledger]);
    check("daily spend", ["per-day counters", r.spend_days], ["ledger", r.ledger]);
    if (mismatches.length) drifts.push({ campaignId: r.campaign_id, mismatches });
  }

  for (const d of drifts) {
    log.error("campaign records disagree", { campaignId: d.campaignId, mismatches: d.mismatches });
    const [recent] = await pg
      .select({ id: campaignAlerts.id })
      .from(campaignAlerts)
      .where(and(eq(campaignAlerts.campaignId, d.campaignId), eq(campaignAlerts.kind, "reconciliation_drift"), gt(campaignAlerts.createdAt, new Date(now - 86_400_000))))
      .limit(1);
    if (recent) continue;
    await pg.insert(campaignAlerts).values({
      id: newId("alert"),
      campaignId: d.campaignId,
      kind: "reconciliation_drift",
      message: `Our records for this campaign disagree (${d.mismatches.join("; ")}). Billing keeps running; we are looking into it, and any correction will show in the ledger.`,
      createdAt: new Date(now),
    });
  }
  if (!drifts.length) log.info("campaign records agree", { campaigns: rows.length });
  return drifts;
}
