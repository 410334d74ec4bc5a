import { isIP } from 'node:net';
import { z } from 'zod';

// Fastify's trustProxy: which proxies in front of the API may say who the client is
// (X-Forwarded-For, -Proto, -Host), so request.ip (the rate limiter's key without an API key) is
// the client's address, not the proxy's. Off by default: without a proxy, a client could claim
// any address in the header and dodge the per-IP limits.
export type TrustProxy = boolean | number | string[];

// proxy-addr's names for ranges (loopback 127.0.0.1/8 and ::1, link-local, unique-local/private).
const namedRanges = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrRange(entry: string): boolean {
  if (namedRanges.has(entry) || isIP(entry) !== 0) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (rest.length > 0 || family === 0 || !prefix || !/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * Fastify's own handling of a number trusts nothing (a hop count cannot tell a proxy from a client
 * that reached the API directly), so a count here trusts the nearest `count` hops whoever they are:
 * right only when every request passes through that many proxies; addresses are safer.
 */
export function fastifyTrustProxy(setting: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address: string, hop: number) => hop < setting : setting;
}

/** TRUST_PROXY: `false` (default), `true` (trust every proxy: only when the API is unreachable but through them), a hop count, or a comma-separated list of addresses, CIDR ranges and loopback/linklocal/uniquelocal. */
export const trustProxySetting = z.string().trim().transform((value, context): TrustProxy => {
  if (value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (entries.length === 0 || bad.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `${bad.length > 0 ? `${bad.map((entry) => JSON.stringify(entry)).join(', ')} is not an address or CIDR range` : 'is empty'}: use false, true, a hop count (1 for one proxy in front), or a comma-separated list of proxy addresses and CIDR ranges (e.g. 10.0.0.0/8,127.0.0.1, or loopback)`,
    });
    return z.NEVER;
  }
  return entries;
});
