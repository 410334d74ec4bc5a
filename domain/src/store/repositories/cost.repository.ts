import type { EntityManager } from '@mikro-orm/postgresql';
import type { CostLine, CostParty } from '../../core/campaign-cost.ts';
import { query, uuidArray } from './sql.ts';

/** Every cost line of the campaigns (whatever the period: a fee pays for the whole campaign). */
export async function costLinesOf(em: EntityManager, workspaceId: string, campaignIds: readonly string[]): Promise<CostLine[]> {
  if (campaignIds.length === 0) return [];
  return query<CostLine>(
    em,
    `select l.id, l.campaign_id as "campaignId", l.source_id as "sourceId", l.kind, l.basis, l.unit_amount_minor::float8 as "unitAmountMinor",
            l.deliverables, l.currency, to_char(l.incurred_on, 'YYYY-MM-DD') as "incurredOn", l.status, l.split, l.shares
     from cost_line l where l.workspace_id = ? and l.campaign_id = any(?::uuid[])
     order by l.incurred_on, l.id`,
    [workspaceId, uuidArray(campaignIds)],
  );
}

/** A campaign's sources with their deliverables (posts on it), for splits and for who still lacks a cost. */
export type CostPartyRow = CostParty & { deliverables: number };

/**
 * The sources that work on each campaign (a brief, post, tracking link or offer code names them),
 * with their posts on it, the paid spend of those posts and how many of their AI-character assets
 * the posts used (whose production cost is part of the cost).
 *
 * Posts are grouped per asset first and then per source, and name the pairs they involve from that
 * small result: a `count(distinct)` over every post, and a union that dedupes every post's pair,
 * both sort all the posts (0.56 s for the overview on 200,000 posts; 0.09 s this way).
 */
export async function costPartiesOf(em: EntityManager, workspaceId: string, campaignIds: readonly string[]): Promise<CostPartyRow[]> {
  if (campaignIds.length === 0) return [];
  const ids = uuidArray(campaignIds);
  return query<CostPartyRow>(
    em,
    `with posted_assets as (
       select p.campaign_id, p.source_id, p.asset_id, count(*) as posts,
              sum(p.spend_minor) filter (where p.placement = 'paid') as paid_spend_minor
       from post p where p.workspace_id = ? and p.campaign_id = any(?::uuid[])
       group by p.campaign_id, p.source_id, p.asset_id
     ),
     posted as (
       select campaign_id, source_id, sum(posts)::int as deliverables, coalesce(sum(paid_spend_minor), 0)::float8 as paid_spend_minor,
              count(asset_id)::int as assets
       from posted_assets group by campaign_id, source_id
     ),
     involved as (
       select campaign_id, source_id from posted
       union select campaign_id, source_id from brief where workspace_id = ? and campaign_id = any(?::uuid[])
       union select campaign_id, source_id from tracking_link where workspace_id = ? and campaign_id = any(?::uuid[])
       union select campaign_id, source_id from offer_code where workspace_id = ? and campaign_id = any(?::uuid[])
     )
     select i.campaign_id as "campaignId", c.name as "campaignName", i.source_id as "sourceId", s.name as "sourceName", s.kind as "sourceKind",
            coalesce(d.deliverables, 0) as deliverables, coalesce(d.paid_spend_minor, 0) as "paidSpendMinor",
            case when s.kind = 'ai_character' then coalesce(d.assets, 0) else 0 end as "assetsUsed"
     from involved i join campaign c on c.id = i.campaign_id join source s on s.id = i.source_id
     left join posted d on d.campaign_id = i.campaign_id and d.source_id = i.source_id
     order by c.starts_on, c.id, s.name, s.id`,
    [workspaceId, ids, workspaceId, ids, workspaceId, ids, workspaceId, ids],
  );
}

/** A paid post's spend, with what a report filters it by (source, kind, publication time). */
export type PaidSpendRow = { campaignId: string; sourceId: string; sourceKind: string; publishedAt: string; currency: string; spendMinor: number };

/** The paid posts of the campaigns: each spend converts at its own day's rate when currencies mix. */
export async function paidSpendOf(em: EntityManager, workspaceId: string, campaignIds: readonly string[]): Promise<PaidSpendRow[]> {
  if (campaignIds.length === 0) return [];
  const rows = await query<Omit<PaidSpendRow, 'publishedAt'> & { publishedAt: string | Date }>(
    em,
    `select p.campaign_id as "campaignId", p.source_id as "sourceId", s.kind as "sourceKind", p.published_at as "publishedAt", p.currency, p.spend_minor::float8 as "spendMinor"
     from post p join source s on s.id = p.source_id
     where p.workspace_id = ? and p.campaign_id = any(?::uuid[]) and p.placement = 'paid'
     order by p.published_at, p.id`,
    [workspaceId, uuidArray(campaignIds)],
  );
  return rows.map((row) => ({ ...row, publishedAt: new Date(row.publishedAt).toISOString() }));
}
