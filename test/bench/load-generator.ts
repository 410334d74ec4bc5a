// A small closed-loop HTTP load generator on node:http: a fixed number of kept-alive connections,
// each sending its next request as soon as the previous answer ends, for a fixed time.
import http from 'node:http';

export type LoadRequest = { kind: string; method: 'GET' | 'POST'; path: string; body?: string };

export type LoadResult = {
  seconds: number;
  requests: number;
  /** Answers other than the expected 2xx; the first few with their body, to say why. */
  failures: number;
  failureSamples: string[];
  latenciesMs: Float64Array;
  byKind: Map<string, number[]>;
};

export type LoadSettings = {
  port: number;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  next: () => LoadRequest;
};

export async function runLoad(settings: LoadSettings): Promise<LoadResult> {
  // One socket per connection, kept alive, so the figures are the server's and not connection set-up.
  const agent = new http.Agent({ keepAlive: true, maxSockets: settings.connections, maxFreeSockets: settings.connections });
  const latencies: number[] = [];
  const byKind = new Map<string, number[]>();
  const failureSamples: string[] = [];
  let failures = 0;
  const started = performance.now();
  const end = started + settings.seconds * 1000;
  try {
    await Promise.all(Array.from({ length: settings.connections }, async () => {
      while (performance.now() < end) {
        const request = settings.next();
        const sent = performance.now();
        const answer = await send(agent, settings, request);
        const ms = performance.now() - sent;
        latencies.push(ms);
        let kindTimes = byKind.get(request.kind);
        if (!kindTimes) byKind.set(request.kind, (kindTimes = []));
        kindTimes.push(ms);
        if (answer.status < 200 || answer.status >= 300) {
          failures += 1;
          if (failureSamples.length < 5) failureSamples.push(`${request.method} ${request.path} → ${answer.status} ${answer.body.slice(0, 300)}`);
        }
      }
    }));
  } finally {
    agent.destroy();
  }
  return { seconds: (performance.now() - started) / 1000, requests: latencies.length, failures, failureSamples, latenciesMs: Float64Array.from(latencies).sort(), byKind };
}

function send(agent: http.Agent, settings: LoadSettings, request: LoadRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...settings.headers };
    if (request.body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = Buffer.byteLength(request.body);
    }
    const outgoing = http.request({ agent, host: '127.0.0.1', port: settings.port, method: request.method, path: request.path, headers }, (response) => {
      const status = response.statusCode ?? 0;
      const ok = status >= 200 && status < 300;
      let body = '';
      // The body is read to its end either way (the socket is reused); kept only to explain a failure.
      response.on('data', (chunk: Buffer) => {
        if (!ok && body.length < 1000) body += chunk.toString('utf8');
      });
      response.on('end', () => resolve({ status, body }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}

/** The latency below which the given share of the (sorted) requests answered. */
export function percentile(sorted: ArrayLike<number>, share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}
