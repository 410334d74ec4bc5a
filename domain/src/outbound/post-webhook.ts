import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, classifyAddress, webhookUrlRefusal, type OutboundPolicy } from '../core/network-address.ts';

/** A target the delivery will not reach: retrying cannot change that until the URL or the setting changes. */
export class WebhookTargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookTargetRefused';
  }
}

export type ResolveHost = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const resolveWithDns: ResolveHost = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * POSTs to a webhook without letting the URL reach where it must not: the URL is checked (scheme,
 * credentials, literal addresses), the host name is resolved and every address it resolves to is
 * checked, and the connection goes to the checked address (so a second, rebinding DNS answer cannot
 * switch it). Redirects are never followed: the answer's status is returned as it is.
 */
export async function postWebhook(
  url: string,
  request: { headers: Record<string, string>; body: string; timeoutMs: number },
  policy: OutboundPolicy,
  resolve: ResolveHost = resolveWithDns,
): Promise<{ status: number }> {
  const urlRefusal = webhookUrlRefusal(url, policy);
  if (urlRefusal) throw new WebhookTargetRefused(`The webhook URL ${urlRefusal}.`);
  const target = new URL(url);
  const hostname = target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;

  let address: { address: string; family: number };
  if (classifyAddress(hostname) !== null) {
    address = { address: hostname, family: hostname.includes(':') ? 6 : 4 };
  } else {
    const addresses = await resolve(hostname).catch((error: unknown) => {
      throw new Error(`The webhook host ${hostname} did not resolve (${(error as { code?: string }).code ?? 'DNS error'}).`);
    });
    if (addresses.length === 0) throw new Error(`The webhook host ${hostname} did not resolve.`);
    for (const candidate of addresses) {
      const refusal = addressRefusal(candidate.address, policy);
      if (refusal) throw new WebhookTargetRefused(`The webhook host ${hostname} resolves to ${refusal}; not delivered.`);
    }
    address = addresses[0]!;
  }

  // The socket connects to the address checked above, whatever DNS says now; TLS still verifies the host name.
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const outgoing = client.request(
      target,
      {
        method: 'POST',
        headers: { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) },
        lookup: pinned,
        agent: false,
        signal: AbortSignal.timeout(request.timeoutMs),
      },
      (response) => {
        // The answer's body is not read: only its status counts.
        response.resume();
        resolvePromise({ status: response.statusCode ?? 0 });
      },
    );
    outgoing.on('error', (error) => reject(error.name === 'AbortError' || error.name === 'TimeoutError' ? new Error(`The webhook did not answer within ${request.timeoutMs} ms.`) : error));
    outgoing.end(request.body);
  });
}
