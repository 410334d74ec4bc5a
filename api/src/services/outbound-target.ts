import { webhookUrlRefusal, type OutboundPolicy } from '@persona-ops/domain/core';
import { ApiError } from '../http/api-error.ts';

/**
 * A URL the product will POST to (the alert webhook, a Slack webhook) may not reach this machine,
 * its network or a metadata service (unless ALERT_WEBHOOK_ALLOW_PRIVATE), nor carry credentials;
 * the delivery checks the addresses its host name resolves to as well. A 400 naming the field.
 */
export function assertOutboundTarget(url: string | null | undefined, target: { field: string; what: string }, policy: OutboundPolicy): void {
  if (!url) return;
  const refusal = webhookUrlRefusal(url, policy);
  if (refusal) throw new ApiError(400, 'invalid_input', `The ${target.what} URL ${refusal}. Use a public http(s) endpoint.`, [{ field: target.field, message: refusal }]);
}
