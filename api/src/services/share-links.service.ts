import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Campaign, ShareLink, User, recordAudit, type IShareLink } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';
import { DEFAULT_LAG_DAYS } from '@persona-ops/domain/core';
import type { Principal } from '../http/principal.ts';
import { campaignReport } from './campaign-report.service.ts';
import { findOwned } from './owned.ts';

const DAY_MS = 86_400_000;
/** A share link opens the report for this many days unless told otherwise, and never for more than the maximum. */
export const DEFAULT_SHARE_LINK_DAYS = 7;
export const MAX_SHARE_LINK_DAYS = 90;

export function hashShareToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function shareLinkStatus(link: Pick<IShareLink, 'expiresAt' | 'revokedAt'>, now: Date): 'active' | 'expired' | 'revoked' {
  if (link.revokedAt) return 'revoked';
  return link.expiresAt.getTime() > now.getTime() ? 'active' : 'expired';
}

export function toShareLinkDto(link: IShareLink, now: Date) {
  const creator = link.createdBy;
  return {
    id: link.id,
    campaignId: link.campaign.id,
    createdBy: creator ? { id: creator.id, name: creator.name } : null,
    status: shareLinkStatus(link, now),
    expiresAt: link.expiresAt.toISOString(),
    revokedAt: link.revokedAt?.toISOString() ?? null,
    lastViewedAt: link.lastViewedAt?.toISOString() ?? null,
    createdAt: link.createdAt.toISOString(),
  };
}

/**
 * Where people open a share link: the dashboard's read-only page, at PUBLIC_URL (the configured public
 * origin), else a path relative to the dashboard. Never the request's Host header: a forged one would
 * put another site in the link an admin copies and sends.
 */
export function shareLinkUrl(publicUrl: string | null, token: string): string {
  return `${publicUrl ?? ''}/shared/${encodeURIComponent(token)}`;
}

/**
 * A read-only link to one campaign's report. The token is 32 random bytes (base64url): unguessable,
 * so a fast hash is the right store, and only that hash is kept; the token is shown once.
 */
export async function createShareLink(em: EntityManager, principal: Principal, campaignId: string, expiry: { expiresInDays?: number | undefined; expiresAt?: string | undefined }, now: Date) {
  const campaign = await findOwned(em, Campaign, 'campaign', campaignId, principal.workspaceId);
  const expiresAt = shareLinkExpiry(expiry, now);
  const token = randomBytes(32).toString('base64url');
  const link = em.create(ShareLink, {
    workspace: principal.workspaceId,
    campaign,
    createdBy: em.getReference(User, principal.userId),
    tokenHash: hashShareToken(token),
    expiresAt,
  });
  await em.flush();
  await em.populate(link, ['createdBy']);
  return { link, token };
}

/** When a new link stops working: at `expiresAt` (in the future, at most 90 days ahead), else after `expiresInDays` (default 7). */
export function shareLinkExpiry(expiry: { expiresInDays?: number | undefined; expiresAt?: string | undefined }, now: Date): Date {
  if (expiry.expiresAt === undefined) return new Date(now.getTime() + (expiry.expiresInDays ?? DEFAULT_SHARE_LINK_DAYS) * DAY_MS);
  const at = new Date(expiry.expiresAt);
  const problem = at.getTime() <= now.getTime() ? `must be in the future (it is ${now.toISOString()} now)`
    : at.getTime() > now.getTime() + MAX_SHARE_LINK_DAYS * DAY_MS ? `must be at most ${MAX_SHARE_LINK_DAYS} days ahead (${new Date(now.getTime() + MAX_SHARE_LINK_DAYS * DAY_MS).toISOString()})`
      : null;
  if (problem) throw new ApiError(400, 'invalid_input', `The share link's expiry ${problem}.`, [{ field: 'body.expiresAt', message: problem }]);
  return at;
}

export async function listShareLinks(em: EntityManager, workspaceId: string, campaignId: string | undefined) {
  if (campaignId) await findOwned(em, Campaign, 'campaign', campaignId, workspaceId);
  return em.find(ShareLink, { workspace: workspaceId, ...(campaignId ? { campaign: campaignId } : {}) }, { populate: ['createdBy'], orderBy: { createdAt: 'desc', id: 'asc' } });
}

/** Revoking is for an admin or the link's creator; revoking twice keeps the first time. */
export async function revokeShareLink(em: EntityManager, principal: Principal, id: string, now: Date) {
  const link = await findOwned(em, ShareLink, 'share link', id, principal.workspaceId, ['createdBy']);
  if (principal.role !== 'admin' && link.createdBy?.id !== principal.userId) {
    throw new ApiError(403, 'not_share_link_creator', 'Only an admin or the person who created this share link may revoke it.');
  }
  link.revokedAt ??= now;
  await em.flush();
  return link;
}

const UNKNOWN_LINK = 'This share link does not work: it may be mistyped, expired or revoked. Ask the person who shared it for a new one.';

/**
 * The campaign report behind a token. Unknown, expired and revoked tokens all answer the same 404,
 * so the answer never tells which. Each view is recorded (lastViewedAt, and in the audit log).
 */
export async function sharedCampaignReport(em: EntityManager, token: string, now: Date) {
  const link = await em.findOne(ShareLink, { tokenHash: hashShareToken(token) });
  if (!link || shareLinkStatus(link, now) !== 'active') throw new ApiError(404, 'not_found', UNKNOWN_LINK);
  await em.nativeUpdate(ShareLink, { id: link.id }, { lastViewedAt: now });
  await recordAudit(em, { workspaceId: link.workspace.id, action: 'view', entityType: 'share_link', entityId: link.id, actor: { kind: 'share_link', shareLinkId: link.id }, details: { campaignId: link.campaign.id } });
  return campaignReport(em, link.workspace.id, link.campaign.id, { lagDays: DEFAULT_LAG_DAYS }, now);
}
