import type { EntityManager } from '@mikro-orm/postgresql';
import { query, textArray, uuidArray } from './sql.ts';

// Attribution inputs (offer codes, conversion counts, survey answers): the writes. Bulk rows
// travel as ONE jsonb parameter. What the commercial report reads of them is the read model's
// (read-model/conversions.reads.ts).

export type Upserted = { inserted: number; updated: number; unchanged: number };

/** Inserts an offer code unless the workspace already has it; null when the code is taken. */
export async function insertOfferCode(
  em: EntityManager,
  row: { workspaceId: string; campaignId: string; sourceId: string; postId: string | null; code: string },
  now: Date,
): Promise<string | null> {
  const [inserted] = await query<{ id: string }>(
    em,
    `insert into offer_code (id, created_at, updated_at, workspace_id, campaign_id, source_id, post_id, code)
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
     on conflict (workspace_id, code) do nothing
     returning id`,
    [now, now, row.workspaceId, row.campaignId, row.sourceId, row.postId, row.code],
  );
  return inserted?.id ?? null;
}

export type ConversionTarget = { id: string; code: string | null; currency: string };

/** The workspace's links among `linkIds` and codes among `codes`, each with its campaign's currency. */
export async function findConversionTargets(em: EntityManager, workspaceId: string, linkIds: string[], codes: string[]) {
  const [links, offerCodes] = await Promise.all([
    linkIds.length === 0
      ? []
      : query<ConversionTarget>(
          em,
          `select l.id, null as code, c.currency from tracking_link l join campaign c on c.id = l.campaign_id
           where l.workspace_id = ? and l.id = any(?::uuid[])`,
          [workspaceId, uuidArray(linkIds)],
        ),
    codes.length === 0
      ? []
      : query<ConversionTarget>(
          em,
          `select o.id, o.code, c.currency from offer_code o join campaign c on c.id = o.campaign_id
           where o.workspace_id = ? and o.code = any(?::text[])`,
          [workspaceId, textArray(codes)],
        ),
  ]);
  return { links, codes: offerCodes };
}

export type ConversionRow = {
  linkId: string | null;
  codeId: string | null;
  day: string;
  clicks: number | null;
  sessions: number | null;
  registrations: number | null;
  targetActions: number | null;
  sales: number | null;
  revenueMinor: number | null;
  currency: string;
};

const COUNT_COLUMNS = ['clicks', 'sessions', 'registrations', 'target_actions', 'sales', 'revenue_minor', 'currency'] as const;

// One upsert per key: link rows conflict on (link_id, day), code rows on (code_id, day). A re-sent
// row replaces the stored one; a row identical to the stored one is not written (unchanged).
// xmax = 0 tells an inserted row from an updated one.
async function upsertConversions(em: EntityManager, workspaceId: string, rows: ConversionRow[], key: 'link_id' | 'code_id', now: Date): Promise<Upserted> {
  if (rows.length === 0) return { inserted: 0, updated: 0, unchanged: 0 };
  const written = await query<{ inserted: boolean }>(
    em,
    `insert into conversion_count as cc (id, created_at, updated_at, workspace_id, link_id, code_id, day, ${COUNT_COLUMNS.join(', ')})
     select gen_random_uuid(), ?, ?, ?, r.link_id, r.code_id, r.day, ${COUNT_COLUMNS.map((c) => `r.${c}`).join(', ')}
     from jsonb_to_recordset(?::jsonb) as r(link_id uuid, code_id uuid, day date, clicks bigint, sessions bigint, registrations bigint,
       target_actions bigint, sales bigint, revenue_minor bigint, currency text)
     on conflict (${key}, day) do update set ${COUNT_COLUMNS.map((c) => `${c} = excluded.${c}`).join(', ')}, updated_at = excluded.updated_at
     where (${COUNT_COLUMNS.map((c) => `cc.${c}`).join(', ')}) is distinct from (${COUNT_COLUMNS.map((c) => `excluded.${c}`).join(', ')})
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(rows.map((r) => ({
      link_id: r.linkId,
      code_id: r.codeId,
      day: r.day,
      clicks: r.clicks,
      sessions: r.sessions,
      registrations: r.registrations,
      target_actions: r.targetActions,
      sales: r.sales,
      revenue_minor: r.revenueMinor,
      currency: r.currency,
    })))],
  );
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: rows.length - written.length };
}

/** Stores counts per (link | code, day), all in one transaction; the caller has checked ownership. */
export async function upsertConversionCounts(em: EntityManager, workspaceId: string, rows: ConversionRow[], now: Date): Promise<Upserted> {
  return em.transactional(async (tx) => {
    const byLink = await upsertConversions(tx, workspaceId, rows.filter((r) => r.linkId !== null), 'link_id', now);
    const byCode = await upsertConversions(tx, workspaceId, rows.filter((r) => r.codeId !== null), 'code_id', now);
    return { inserted: byLink.inserted + byCode.inserted, updated: byLink.updated + byCode.updated, unchanged: byLink.unchanged + byCode.unchanged };
  });
}

export type SurveyAnswerRow = { sourceId: string; day: string; answers: number };

/** Stores survey answers per (source, day); a re-sent day replaces the stored count. */
export async function upsertSurveyAnswers(em: EntityManager, workspaceId: string, rows: SurveyAnswerRow[], now: Date): Promise<Upserted> {
  const written = await query<{ inserted: boolean }>(
    em,
    `insert into survey_answer_count as s (id, created_at, updated_at, workspace_id, source_id, day, answers)
     select gen_random_uuid(), ?, ?, ?, r.source_id, r.day, r.answers
     from jsonb_to_recordset(?::jsonb) as r(source_id uuid, day date, answers int)
     on conflict (source_id, day) do update set answers = excluded.answers, updated_at = excluded.updated_at
     where s.answers is distinct from excluded.answers
     returning (xmax = 0) as inserted`,
    [now, now, workspaceId, JSON.stringify(rows.map((r) => ({ source_id: r.sourceId, day: r.day, answers: r.answers })))],
  );
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted, unchanged: rows.length - written.length };
}
