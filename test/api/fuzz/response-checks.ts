import type { FuzzRequest } from './fuzz-requests.ts';

// What every answer to a fuzzed request must be, whatever the request: no 5xx; a 4xx is an RFC 9457
// problem (application/problem+json with type, title, status, detail, instance); nothing of the
// other workspace comes back unless the request sent it, and a request naming the other
// workspace's record never succeeds.

export type Answer = { status: number; headers: Record<string, string | string[] | number | undefined>; body: string };

export function violations(request: FuzzRequest, answer: Answer, foreignMarkers: readonly string[]): string[] {
  const found: string[] = [];
  if (answer.status >= 500) found.push(`answered ${answer.status}`);
  // A HEAD is answered with the headers of its GET and no body.
  if (answer.status >= 400 && answer.status < 500) found.push(...problemViolations(answer, request.method === 'HEAD'));
  const sent = `${decodeSafely(request.url)} ${request.url} ${String(request.payload ?? '')}`.toLowerCase();
  const named = foreignMarkers.filter((marker) => sent.includes(marker.toLowerCase()));
  // The fuzzer sends the other workspace's ids in the fields that name a record. Named by the path
  // (GET, PATCH, DELETE of it) or by a JSON body (a record made to point at it), the request must
  // fail. A query filter may answer an empty 2xx (the audit log's actorUserId: the history of any
  // id), and a CSV file's rows are refused one by one in a 2xx: what they must not do is leak.
  const path = request.url.split('?')[0]!;
  // A GET, HEAD, DELETE or OPTIONS has no body to name anything with (the fuzzer sends one anyway).
  const bodyNames = ['POST', 'PUT', 'PATCH'].includes(request.method) && request.headers['content-type'] !== 'text/csv';
  const referenced = `${decodeSafely(path)} ${path} ${bodyNames ? String(request.payload ?? '') : ''}`.toLowerCase();
  const refused = foreignMarkers.filter((marker) => referenced.includes(marker.toLowerCase()));
  if (refused.length && answer.status >= 200 && answer.status < 300) found.push(`succeeded (${answer.status}) with the other workspace's ${refused.join(', ')} in the request`);
  const received = answer.body.toLowerCase();
  const leaked = foreignMarkers.filter((marker) => received.includes(marker.toLowerCase()) && !named.includes(marker));
  if (leaked.length) found.push(`answered with the other workspace's ${leaked.join(', ')}`);
  return found;
}

function problemViolations(answer: Answer, headersOnly: boolean): string[] {
  const contentType = [answer.headers['content-type'] ?? ''].flat().join(', ');
  if (!contentType.startsWith('application/problem+json')) return [`a ${answer.status} as ${contentType || 'no content type'}, not application/problem+json`];
  if (headersOnly) return answer.body ? ['a body in the answer to a HEAD'] : [];
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(answer.body) as Record<string, unknown>;
  } catch {
    return [`a ${answer.status} whose problem+json body is not JSON`];
  }
  const found: string[] = [];
  for (const member of ['type', 'title', 'detail', 'instance'] as const) {
    const value = problem[member];
    if (typeof value !== 'string' || !value.length) found.push(`problem without ${member}`);
  }
  if (problem['status'] !== answer.status) found.push(`problem status ${String(problem['status'])} on a ${answer.status}`);
  return found;
}

function decodeSafely(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}
