import type { EntityManager } from '@mikro-orm/postgresql';
import type { OutboundPolicy } from '@persona-ops/domain/core';
import { postWebhook, signWebhook, signatureHeader, timestampHeader } from '@persona-ops/domain/outbound';
import { Workspace, recordAudit } from '@persona-ops/domain/store';
import { ApiError } from '../http/api-error.ts';

const TEST_TIMEOUT_MS = 10_000;

/**
 * Sends a test message to the workspace's alert webhook now, signed and refused exactly as every
 * alert is (the same outbound rules), and says how it went: what an admin checks a receiver with.
 * The message is `{"type":"test",…}`, so a receiver can tell it from a real alert.
 */
export async function sendTestAlert(em: EntityManager, workspaceId: string, policy: OutboundPolicy, now: Date) {
  const workspace = await em.findOneOrFail(Workspace, { id: workspaceId });
  if (!workspace.alertWebhookUrl || !workspace.alertWebhookSecret) {
    throw new ApiError(409, 'conflict', 'There is no alert webhook to test: set alertWebhookUrl and alertWebhookSecret first (PATCH /v1/workspace).', [
      { field: 'alertWebhookUrl', message: 'is not set' },
    ]);
  }
  const body = JSON.stringify({ type: 'test', workspace: { id: workspace.id, name: workspace.name }, sentAt: now.toISOString() });
  const timestamp = Math.floor(now.getTime() / 1000);
  const outcome = await deliver(workspace.alertWebhookUrl, workspace.alertWebhookSecret, body, timestamp, policy);
  // Something left for another system: recorded like the other messages the product sends out.
  await recordAudit(em, { workspaceId, action: 'export', entityType: 'workspace', entityId: workspaceId, details: { alertWebhookTest: { delivered: outcome.delivered, status: outcome.status } } });
  return outcome;
}

async function deliver(url: string, secret: string, body: string, timestamp: number, policy: OutboundPolicy) {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const { status } = await postWebhook(url, { headers: { 'content-type': 'application/json', [timestampHeader]: String(timestamp), [signatureHeader]: signWebhook(secret, body, timestamp) }, body, timeoutMs: TEST_TIMEOUT_MS }, policy);
    const delivered = status >= 200 && status < 300;
    const error = delivered ? null : status >= 300 && status < 400 ? `The webhook answered ${status}, a redirect; redirects are not followed (set the final URL).` : `The webhook answered ${status}.`;
    return { delivered, status, error, durationMs: took() };
  } catch (error) {
    return { delivered: false, status: null, error: (error as Error).message, durationMs: took() };
  }
}
