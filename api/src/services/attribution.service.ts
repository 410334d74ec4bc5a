import { randomInt } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  Campaign,
  OfferCode,
  Post,
  Source,
  TrackingLink,
  findConversionTargets,
  insertOfferCode,
  recordInserted,
  upsertConversionCounts,
  upsertSurveyAnswers,
  type IOfferCode,
  type ITrackingLink,
  type SurveyAnswerRow,
} from '@persona-ops/domain/store';
import { currencyProblem, DomainError } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import { auditedBulkWrite } from './audited-bulk-write.ts';
import { assertFilterIdsOwned } from './owned.ts';
import { paginate, type PageRequest } from './pagination.ts';

type FieldError = { field: string; message: string };

type Owners = { campaignId: string; sourceId: string; postId?: string | undefined };
export type TrackingLinkInput = Owners & { landingUrl: string; utmSource?: string | undefined; utmMedium?: string | undefined; utmContent?: string | undefined };
export type OfferCodeInput = Owners & { code?: string | undefined };
type Count = number | null | undefined;
export type IncomingConversion = {
  linkId?: string | undefined;
  code?: string | undefined;
  day: string;
  clicks?: Count;
  sessions?: Count;
  registrations?: Count;
  targetActions?: Count;
  sales?: Count;
  revenueMinor?: Count;
  currency: string;
};

export function toTrackingLinkDto(link: ITrackingLink) {
  return {
    id: link.id,
    campaignId: link.campaign.id,
    sourceId: link.source.id,
    postId: link.post?.id ?? null,
    landingUrl: link.landingUrl,
    utmSource: link.utmSource,
    utmMedium: link.utmMedium,
    utmCampaign: link.utmCampaign,
    utmContent: link.utmContent,
    url: link.url,
    createdAt: link.createdAt.toISOString(),
  };
}

export function toOfferCodeDto(code: IOfferCode) {
  return {
    id: code.id,
    campaignId: code.campaign.id,
    sourceId: code.source.id,
    postId: code.post?.id ?? null,
    code: code.code,
    createdAt: code.createdAt.toISOString(),
  };
}

/** "Léa Nova — Spring!" -> "lea-nova-spring": lower case ASCII letters, digits and dashes. */
export function slug(text: string, maxLength = 100): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;

/**
 * The landing page with the four UTM parameters appended, each percent-encoded. The page's own
 * query parameters stay exactly as written (only earlier utm_source/medium/campaign/content are
 * replaced) and a #fragment stays at the end.
 */
export function taggedUrl(landingUrl: string, utm: Record<(typeof UTM_KEYS)[number], string>): string {
  const url = new URL(landingUrl);
  const kept = url.search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => {
      if (pair === '') return false;
      const key = pair.split('=')[0] ?? '';
      let decoded = key;
      try {
        decoded = decodeURIComponent(key.replaceAll('+', ' '));
      } catch {
        // A malformed escape is kept as written.
      }
      return !(UTM_KEYS as readonly string[]).includes(decoded);
    });
  const added = UTM_KEYS.map((key) => `${key}=${encodeURIComponent(utm[key])}`);
  const hash = url.hash;
  url.hash = '';
  url.search = '';
  return `${url.toString()}?${[...kept, ...added].join('&')}${hash}`;
}

// The campaign, source and post named by a link or code: each must be this workspace's (404),
// and the post must be one of the campaign's, by that source (422).
async function resolveOwners(em: EntityManager, workspaceId: string, body: Owners) {
  const [campaign, source, post] = await Promise.all([
    em.findOne(Campaign, { id: body.campaignId, workspace: workspaceId }),
    em.findOne(Source, { id: body.sourceId, workspace: workspaceId }),
    body.postId ? em.findOne(Post, { id: body.postId, workspace: workspaceId }) : Promise.resolve(null),
  ]);
  const missing: FieldError[] = [
    ...(campaign ? [] : [{ field: 'body.campaignId', message: `no campaign ${body.campaignId} in this workspace` }]),
    ...(source ? [] : [{ field: 'body.sourceId', message: `no source ${body.sourceId} in this workspace` }]),
    ...(body.postId && !post ? [{ field: 'body.postId', message: `no post ${body.postId} in this workspace` }] : []),
  ];
  if (!campaign || !source || missing.length > 0) {
    throw new ApiError(404, 'not_found', `${missing.map((e) => e.message).join('; ')}. Check the ids, or list them to find the right ones.`, missing);
  }
  if (post) {
    const wrong: FieldError[] = [
      ...(post.campaign.id === campaign.id ? [] : [{ field: 'body.postId', message: `belongs to another campaign, not ${campaign.name}` }]),
      ...(post.source.id === source.id ? [] : [{ field: 'body.postId', message: `was made by another source, not ${source.name}` }]),
    ];
    if (wrong.length > 0) {
      throw new DomainError('rule_violation', `The post ${post.id} ${wrong.map((e) => e.message).join(' and ')}: name a post of this campaign and source, or leave postId out.`, { errors: wrong });
    }
  }
  return { campaign, source, post };
}

export async function createTrackingLink(em: EntityManager, workspaceId: string, body: TrackingLinkInput) {
  const { campaign, source, post } = await resolveOwners(em, workspaceId, body);
  const firstPlatform = Object.keys(source.handles)[0];
  const utmSource = body.utmSource ?? post?.channel ?? firstPlatform;
  if (utmSource === undefined) {
    throw new DomainError('rule_violation', `Cannot tell where the link will be published: no post was named and ${source.name} has no handle. Send utmSource (e.g. "instagram").`, { errors: [
      { field: 'body.utmSource', message: 'is needed when there is no post and the source has no handle' },
    ] });
  }
  const utm = {
    utm_source: utmSource,
    utm_medium: body.utmMedium ?? (post?.placement === 'paid' ? 'paid_social' : 'social'),
    utm_campaign: slug(campaign.name) || campaign.id,
    utm_content: body.utmContent ?? post?.id ?? (slug(source.name) || source.id),
  };
  const url = taggedUrl(body.landingUrl, utm);
  if (url.length > 4096) {
    throw new ApiError(400, 'invalid_input', 'The tagged link would be longer than 4,096 characters; shorten the landing URL or the UTM values.', [{ field: 'body.landingUrl', message: 'is too long once tagged' }]);
  }
  const link = em.create(TrackingLink, {
    workspace: workspaceId,
    campaign,
    source,
    post: post ?? null,
    landingUrl: body.landingUrl,
    utmSource: utm.utm_source,
    utmMedium: utm.utm_medium,
    utmCampaign: utm.utm_campaign,
    utmContent: utm.utm_content,
    url,
  });
  await em.flush();
  return link;
}

export type AttributionFilter = { campaignId?: string | undefined; sourceId?: string | undefined; postId?: string | undefined };

async function assertAttributionFilterOwned(em: EntityManager, workspaceId: string, filter: AttributionFilter) {
  await assertFilterIdsOwned(em, workspaceId, { campaignId: filter.campaignId, sourceId: filter.sourceId });
  if (filter.postId && !(await em.count(Post, { id: filter.postId, workspace: workspaceId }))) {
    throw new ApiError(404, 'not_found', `No post with id ${filter.postId} exists in this workspace.`);
  }
}

const byFilter = (workspaceId: string, filter: AttributionFilter) => ({
  workspace: workspaceId,
  ...(filter.campaignId ? { campaign: filter.campaignId } : {}),
  ...(filter.sourceId ? { source: filter.sourceId } : {}),
  ...(filter.postId ? { post: filter.postId } : {}),
});

export async function listTrackingLinks(em: EntityManager, workspaceId: string, filter: AttributionFilter, page: PageRequest) {
  await assertAttributionFilterOwned(em, workspaceId, filter);
  return paginate(em, TrackingLink, byFilter(workspaceId, filter), page);
}

// Readable codes: no 0/O, 1/I/L look-alikes.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function generatedCode(sourceName: string): string {
  const letters = slug(sourceName).replaceAll('-', '').replace(/[^a-z]/g, '').slice(0, 3).toUpperCase();
  const prefix = letters.length >= 2 ? letters : 'PO';
  const suffix = Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${prefix}-${suffix}`;
}

export async function createOfferCode(em: EntityManager, workspaceId: string, body: OfferCodeInput, now: Date) {
  const { campaign, source, post } = await resolveOwners(em, workspaceId, body);
  const row = { workspaceId, campaignId: campaign.id, sourceId: source.id, postId: post?.id ?? null };
  let id: string | null = null;
  if (body.code !== undefined) {
    id = await insertOfferCode(em, { ...row, code: body.code }, now);
    if (id === null) {
      throw new ApiError(409, 'conflict', `The offer code ${body.code} is already used in this workspace; choose another or leave code out to get a generated one.`, [
        { field: 'body.code', message: 'is already used in this workspace' },
      ]);
    }
  } else {
    // 31^4 ≈ 920,000 codes per prefix: a clash is rare, and retried with a fresh code.
    for (let attempt = 0; attempt < 8 && id === null; attempt++) {
      id = await insertOfferCode(em, { ...row, code: generatedCode(source.name) }, now);
    }
    if (id === null) throw new Error('could not generate a free offer code in 8 attempts');
  }
  const code = await em.findOneOrFail(OfferCode, { id, workspace: workspaceId });
  // Inserted by raw SQL (to retry a clashing generated code), so out of the audit subscriber's sight.
  await recordInserted(em, code);
  return code;
}

export async function listOfferCodes(em: EntityManager, workspaceId: string, filter: AttributionFilter, page: PageRequest) {
  await assertAttributionFilterOwned(em, workspaceId, filter);
  return paginate(em, OfferCode, byFilter(workspaceId, filter), page);
}

/**
 * Conversion counts per link or code and day: every link and code must be this workspace's (404),
 * in its campaign's currency (422), each (link | code, day) once per batch (400). All or nothing;
 * a row sent again replaces the stored one.
 */
export async function ingestConversions(em: EntityManager, workspaceId: string, rows: IncomingConversion[], now: Date) {
  const at = (index: number, field: string) => `body.counts.${index}.${field}`;
  const seen = new Map<string, number>();
  const duplicates: FieldError[] = [];
  rows.forEach((row, index) => {
    const key = row.linkId !== undefined ? `link:${row.linkId}:${row.day}` : `code:${row.code ?? ''}:${row.day}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ field: at(index, 'day'), message: `repeats row ${first} (same ${row.linkId !== undefined ? 'link' : 'code'} and day); send each once` });
  });
  if (duplicates.length > 0) {
    throw new ApiError(400, 'invalid_input', `${duplicates.length} row(s) repeat a (link or code, day) of the same batch; nothing was stored.`, duplicates.slice(0, 100));
  }

  const linkIds = [...new Set(rows.flatMap((row) => (row.linkId !== undefined ? [row.linkId] : [])))];
  const codes = [...new Set(rows.flatMap((row) => (row.code !== undefined ? [row.code] : [])))];
  const targets = await findConversionTargets(em, workspaceId, linkIds, codes);
  const links = new Map(targets.links.map((link) => [link.id, link]));
  const offerCodes = new Map(targets.codes.map((code) => [code.code, code]));

  const unknown: FieldError[] = [];
  const wrongCurrency: FieldError[] = [];
  const resolved = rows.map((row, index) => {
    const target = row.linkId !== undefined ? links.get(row.linkId) : offerCodes.get(row.code ?? '');
    if (target === undefined) {
      unknown.push(row.linkId !== undefined
        ? { field: at(index, 'linkId'), message: `no tracking link ${row.linkId} in this workspace` }
        : { field: at(index, 'code'), message: `no offer code ${row.code ?? ''} in this workspace` });
    } else {
      const problem = currencyProblem(row.currency, target.currency);
      if (problem) wrongCurrency.push({ field: at(index, 'currency'), message: problem });
    }
    return {
      linkId: row.linkId !== undefined ? (target?.id ?? null) : null,
      codeId: row.code !== undefined ? (target?.id ?? null) : null,
      day: row.day,
      clicks: row.clicks ?? null,
      sessions: row.sessions ?? null,
      registrations: row.registrations ?? null,
      targetActions: row.targetActions ?? null,
      sales: row.sales ?? null,
      revenueMinor: row.revenueMinor ?? null,
      currency: row.currency,
    };
  });
  if (unknown.length > 0) {
    throw new ApiError(404, 'not_found', `${unknown.length} row(s) name a tracking link or offer code that does not exist in this workspace; nothing was stored. Fix them and send the batch again.`, unknown.slice(0, 100));
  }
  if (wrongCurrency.length > 0) {
    throw new DomainError('currency_mismatch', `${wrongCurrency.length} row(s) are not in their campaign's currency; nothing was stored. Convert them, or send them in the campaign's currency.`, { errors: wrongCurrency.slice(0, 100) });
  }
  return auditedBulkWrite(em, { workspaceId, entityType: 'conversion_count', rows: resolved.length }, (tx) => upsertConversionCounts(tx, workspaceId, resolved, now));
}

/** Survey answers per source and day: every source must be this workspace's (404); all or nothing. */
export async function ingestSurveyAnswers(em: EntityManager, workspaceId: string, rows: SurveyAnswerRow[], now: Date) {
  const seen = new Map<string, number>();
  const duplicates: FieldError[] = [];
  rows.forEach((row, index) => {
    const key = `${row.sourceId}:${row.day}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, index);
    else duplicates.push({ field: `body.answers.${index}.day`, message: `repeats row ${first} (same source and day); send each once` });
  });
  if (duplicates.length > 0) {
    throw new ApiError(400, 'invalid_input', `${duplicates.length} row(s) repeat a (source, day) of the same batch; nothing was stored.`, duplicates.slice(0, 100));
  }
  const sourceIds = [...new Set(rows.map((row) => row.sourceId))];
  const owned = new Set((await em.find(Source, { workspace: workspaceId, id: { $in: sourceIds } }, { fields: ['id'] })).map((source) => source.id));
  const unknown = rows.flatMap((row, index) => (owned.has(row.sourceId) ? [] : [{ field: `body.answers.${index}.sourceId`, message: `no source ${row.sourceId} in this workspace` }]));
  if (unknown.length > 0) {
    throw new ApiError(404, 'not_found', `${unknown.length} row(s) name a source that does not exist in this workspace; nothing was stored. Fix them and send the batch again.`, unknown.slice(0, 100));
  }
  return auditedBulkWrite(em, { workspaceId, entityType: 'survey_answer_count', rows: rows.length }, (tx) => upsertSurveyAnswers(tx, workspaceId, rows, now));
}
