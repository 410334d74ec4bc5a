import type { EntityManager } from '@mikro-orm/postgresql';
import { ApiKey, User, Workspace, type IApiKey, type IUser, type IWorkspace, type Role } from '@persona-ops/domain/store';
import { validateThresholdOverrides, type OutboundPolicy, type ThresholdOverride } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';
import type { Patch } from '../http/merge-patch.ts';
import { issueKey } from './api-keys.service.ts';
import { assertOutboundTarget } from './outbound-target.ts';
import { findOwned } from './owned.ts';

/** The workspace as `role` may read it: the webhook URL (it may carry a credential) and whether a secret is set are an admin's only; the secret is nobody's. */
export function toWorkspaceDto(workspace: IWorkspace, role: Role) {
  const admin = role === 'admin';
  return {
    id: workspace.id,
    name: workspace.name,
    currency: workspace.currency,
    reportingCurrency: workspace.reportingCurrency,
    hourlyRateMinor: workspace.hourlyRateMinor,
    tierOverrides: workspace.tierOverrides,
    competitors: workspace.competitors,
    alertWebhookConfigured: Boolean(workspace.alertWebhookUrl),
    alertWebhookUrl: admin ? (workspace.alertWebhookUrl ?? null) : null,
    alertWebhookSecretSet: admin ? Boolean(workspace.alertWebhookSecret) : null,
    alertEmailRecipients: admin ? workspace.alertEmailRecipients : null,
    alertSlackWebhookUrl: admin ? (workspace.alertSlackWebhookUrl ?? null) : null,
  };
}

export function toUserDto(user: IUser) {
  return { id: user.id, email: user.email, name: user.name, role: user.role, createdAt: user.createdAt.toISOString() };
}

export function toApiKeyDto(key: IApiKey) {
  return {
    id: key.id,
    userId: key.user.id,
    label: key.label,
    prefix: key.prefix,
    role: key.role,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    createdAt: key.createdAt.toISOString(),
  };
}

/** What an admin may change of the workspace (PATCH /v1/workspace). */
export type WorkspaceSettings = {
  name: string;
  currency: string;
  reportingCurrency: string;
  hourlyRateMinor: number;
  tierOverrides: Record<string, ThresholdOverride>;
  competitors: string[];
  alertWebhookUrl: string | null;
  alertWebhookSecret: string | null;
  alertEmailRecipients: string[];
  alertSlackWebhookUrl: string | null;
};

export async function getWorkspace(em: EntityManager, workspaceId: string) {
  return em.findOneOrFail(Workspace, { id: workspaceId });
}

/** Applies a merge patch (RFC 7396) to the settings: members left out stay as they are. */
export async function updateWorkspace(em: EntityManager, workspaceId: string, patch: Patch<WorkspaceSettings>, webhookPolicy: OutboundPolicy) {
  const workspace = await getWorkspace(em, workspaceId);
  const changes = patch(workspace);
  // Thresholds are checked by the same rules the reports use, so a bad override never reaches a report.
  if (changes.tierOverrides) validateThresholdOverrides(changes.tierOverrides);
  // Deliveries are always signed, so a webhook needs its secret.
  const webhook = { alertWebhookUrl: workspace.alertWebhookUrl, alertWebhookSecret: workspace.alertWebhookSecret, ...changes };
  if (webhook.alertWebhookUrl && !webhook.alertWebhookSecret) {
    throw new ApiError(400, 'invalid_input', 'Set alertWebhookSecret with the webhook URL: every delivery is signed with it.', [{ field: 'body.alertWebhookSecret', message: 'is required with alertWebhookUrl' }]);
  }
  // Only a URL that changes is checked: one set before a stricter setting stays as it is.
  if (changes.alertWebhookUrl !== workspace.alertWebhookUrl) assertOutboundTarget(changes.alertWebhookUrl, { field: 'body.alertWebhookUrl', what: 'alert webhook' }, webhookPolicy);
  if (changes.alertSlackWebhookUrl !== workspace.alertSlackWebhookUrl) assertOutboundTarget(changes.alertSlackWebhookUrl, { field: 'body.alertSlackWebhookUrl', what: 'alert Slack webhook' }, webhookPolicy);
  em.assign(workspace, changes);
  await em.flush();
  return workspace;
}

export async function createUser(em: EntityManager, workspaceId: string, input: { email: string; name: string; role: Role }) {
  if (await em.count(User, { workspace: workspaceId, email: input.email })) {
    throw new ApiError(409, 'conflict', `A user with e-mail ${input.email} already exists in this workspace.`, [{ field: 'body.email', message: 'is taken' }]);
  }
  const user = em.create(User, { workspace: workspaceId, ...input });
  await em.flush();
  const issued = await issueKey(em, { workspaceId, userId: user.id, role: user.role, label: firstKeyLabel(user.name) });
  return { user, ...issued };
}

const FIRST_KEY = "'s first key";

/** "<name>'s first key", within the label's 255 characters: a name of 255 made it longer (a 500). */
export function firstKeyLabel(name: string): string {
  const characters = [...name];
  const room = 255 - FIRST_KEY.length;
  return `${characters.length > room ? `${characters.slice(0, room - 1).join('')}…` : name}${FIRST_KEY}`;
}

export async function createApiKey(em: EntityManager, workspaceId: string, input: { userId: string; label: string }) {
  const user = await findOwned(em, User, 'user', input.userId, workspaceId);
  return issueKey(em, { workspaceId, userId: user.id, role: user.role, label: input.label });
}

export async function revokeApiKey(em: EntityManager, workspaceId: string, id: string, now: Date) {
  const key = await findOwned(em, ApiKey, 'API key', id, workspaceId);
  key.revokedAt ??= now;
  await em.flush();
  return key;
}
