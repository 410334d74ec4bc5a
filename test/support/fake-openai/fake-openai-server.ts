/**
 * A small local stand-in for the OpenAI API, enough for the real `openai` SDK pointed at it
 * (`baseURL`): POST /v1/chat/completions with a structured-output answer computed from the request
 * by keyword rules (so results are checkable), and POST /v1/moderations, both with usage.
 *
 * Faults are scripted per endpoint: for the n-th request (`faultAt`), for the next requests in
 * order (`faultNext`), or for every request (`faultAlways`). Every request is recorded.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeEndpoint = 'chat' | 'moderations';

export type FakeLabel = { index: number; sentiment: 'positive' | 'neutral' | 'negative'; score: number; flags: string[] };
export type FakeAnswer = { results: FakeLabel[] };

export type FakeFault =
  /** 429, with `retry-after` (seconds or a date) and/or `retry-after-ms` when given. */
  | { kind: 'rate_limit'; retryAfter?: string; retryAfterMs?: number; code?: string }
  /** 500 (or the given 5xx) with an OpenAI-style error body. */
  | { kind: 'server_error'; status?: number }
  /** Accept the request and never answer (until the client gives up or the server closes). */
  | { kind: 'hang' }
  /** The normal answer, after a wait: a request in flight for that long. */
  | { kind: 'slow'; ms: number }
  /** chat: a normal completion whose message content is not JSON. */
  | { kind: 'malformed_json' }
  /** chat: a structured-output refusal (content null, `refusal` set). */
  | { kind: 'refusal'; message?: string }
  /** chat: the computed answer, changed (e.g. drop or repeat an index, add an unknown flag). */
  | { kind: 'rewrite'; rewrite: (answer: FakeAnswer) => unknown }
  /** Any status with any JSON body. */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> };

export type RecordedRequest = {
  endpoint: FakeEndpoint | 'other';
  /** 1-based count per endpoint since start or reset. */
  n: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** What the fake did: 'ok' or the fault's kind. */
  outcome: 'ok' | FakeFault['kind'] | 'bad_request';
};

export type FakeOpenAi = {
  /** e.g. http://127.0.0.1:43121/v1 — pass as the SDK's baseURL. */
  readonly baseURL: string;
  readonly requests: readonly RecordedRequest[];
  requestsTo(endpoint: FakeEndpoint): RecordedRequest[];
  faultAt(endpoint: FakeEndpoint, n: number, fault: FakeFault): void;
  faultNext(endpoint: FakeEndpoint, ...faults: FakeFault[]): void;
  faultAlways(endpoint: FakeEndpoint, fault: FakeFault | null): void;
  /** Forgets requests, counters and faults. */
  reset(): void;
  close(): Promise<void>;
};

/** The fake model's rule: sentiment by keyword; flags by keyword ('clickbait' is not a category). */
export function fakeLabel(text: string, index: number): FakeLabel {
  const t = text.toLowerCase();
  const positive = /\b(love|great|amazing|beautiful|best)\b/.test(t);
  const negative = /\b(hate|awful|terrible|worst|ugly)\b/.test(t);
  const sentiment = positive && !negative ? 'positive' : negative && !positive ? 'negative' : 'neutral';
  const score = sentiment === 'neutral' ? (positive ? 0.5 : 0.7) : 0.9;
  const flags: string[] = [];
  if (/\b(damn|wtf|shit)\b/.test(t)) flags.push('profanity');
  if (/(giveaway|dm me|crypto|free money)/.test(t)) flags.push('spam_scam');
  if (/(vaccines cause|flat earth)/.test(t)) flags.push('misinformation');
  if (/(even real|not disclosed as ai|uncanny)/.test(t)) flags.push('ai_authenticity');
  if (/clickbait/.test(t)) flags.push('clickbait');
  return { index, sentiment, score, flags };
}

const MODERATION_CATEGORIES = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent',
  'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence', 'violence/graphic',
] as const;

/** The fake moderation rule: the OpenAI categories flagged for a text. */
export function fakeModerationCategories(text: string): string[] {
  const t = text.toLowerCase();
  const flagged: string[] = [];
  if (/\bkill\b/.test(t)) flagged.push('violence');
  if (/\b(idiot|loser)\b/.test(t)) flagged.push('harassment');
  if (/\b(nude|nsfw)\b/.test(t)) flagged.push('sexual');
  if (/hurt myself/.test(t)) flagged.push('self-harm', 'self-harm/intent');
  if (/shoplift/.test(t)) flagged.push('illicit');
  return flagged;
}

/** Usage the fake reports for a chat request with `count` comments. */
export function fakeChatUsage(count: number) {
  return { prompt_tokens: 100 + 10 * count, completion_tokens: 20 * count, total_tokens: 100 + 30 * count };
}

function openAiError(message: string, type: string, code: string | null) {
  return { error: { message, type, param: null, code } };
}

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  const requests: RecordedRequest[] = [];
  const counts = new Map<FakeEndpoint, number>();
  const at = new Map<string, FakeFault>();
  const queued = new Map<FakeEndpoint, FakeFault[]>();
  const always = new Map<FakeEndpoint, FakeFault>();

  function nextFault(endpoint: FakeEndpoint, n: number): FakeFault | undefined {
    const scripted = at.get(`${endpoint}#${n}`);
    if (scripted) return scripted;
    const queue = queued.get(endpoint);
    if (queue && queue.length > 0) return queue.shift();
    return always.get(endpoint);
  }

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'x-request-id': `req_fake_${requests.length}`, ...headers });
    res.end(text);
  }

  async function readBody(req: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    try {
      return raw === '' ? undefined : JSON.parse(raw);
    } catch {
      return raw;
    }
  }

  /** The comments of a chat request: the last user message, a JSON array of { index, text }. */
  function commentsOf(body: unknown): { index: number; text: string }[] | undefined {
    if (typeof body !== 'object' || body === null || !('messages' in body) || !Array.isArray(body.messages)) return undefined;
    const user = body.messages.findLast((message: { role?: unknown }) => message?.role === 'user') as { content?: unknown } | undefined;
    if (typeof user?.content !== 'string') return undefined;
    try {
      const list: unknown = JSON.parse(user.content);
      if (!Array.isArray(list)) return undefined;
      return list.filter((item): item is { index: number; text: string } => typeof item?.index === 'number' && typeof item?.text === 'string');
    } catch {
      return undefined;
    }
  }

  function hasStrictSchema(body: unknown): boolean {
    if (typeof body !== 'object' || body === null || !('response_format' in body)) return false;
    const format = body.response_format as { type?: unknown; json_schema?: { strict?: unknown; schema?: unknown } } | null;
    return format?.type === 'json_schema' && format.json_schema?.strict === true && typeof format.json_schema.schema === 'object';
  }

  function chatCompletion(body: unknown, n: number, message: { content: string | null; refusal: string | null }, count: number) {
    const model = typeof body === 'object' && body !== null && 'model' in body ? body.model : 'unknown';
    return {
      id: `chatcmpl-fake-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', ...message, annotations: [] }, logprobs: null, finish_reason: 'stop' }],
      usage: fakeChatUsage(count),
      system_fingerprint: 'fp_fake',
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const endpoint: FakeEndpoint | 'other' =
      req.method === 'POST' && path === '/v1/chat/completions' ? 'chat' : req.method === 'POST' && path === '/v1/moderations' ? 'moderations' : 'other';
    const body = await readBody(req);
    const n = endpoint === 'other' ? 0 : (counts.get(endpoint) ?? 0) + 1;
    if (endpoint !== 'other') counts.set(endpoint, n);
    const record: RecordedRequest = { endpoint, n, method: req.method ?? '', path, headers: req.headers, body, outcome: 'ok' };
    requests.push(record);

    if (endpoint === 'other') {
      record.outcome = 'bad_request';
      return send(res, 404, openAiError(`Unknown route ${req.method} ${path} on the fake OpenAI server.`, 'invalid_request_error', 'unknown_url'));
    }
    if (!/^Bearer \S+/.test(req.headers.authorization ?? '')) {
      record.outcome = 'bad_request';
      return send(res, 401, openAiError('You didn\'t provide an API key.', 'invalid_request_error', 'invalid_api_key'));
    }

    const fault = nextFault(endpoint, n);
    if (fault) record.outcome = fault.kind;
    switch (fault?.kind) {
      case 'rate_limit': {
        const headers: Record<string, string> = {};
        if (fault.retryAfter !== undefined) headers['retry-after'] = fault.retryAfter;
        if (fault.retryAfterMs !== undefined) headers['retry-after-ms'] = String(fault.retryAfterMs);
        return send(res, 429, openAiError('Rate limit reached for requests per min (RPM). Please try again later.', 'requests', fault.code ?? 'rate_limit_exceeded'), headers);
      }
      case 'server_error':
        return send(res, fault.status ?? 500, openAiError('The server had an error while processing your request.', 'server_error', null));
      case 'status':
        return send(res, fault.status, fault.body ?? openAiError(`Scripted status ${fault.status}.`, 'invalid_request_error', null), fault.headers);
      case 'hang':
        return; // the socket stays open; close() destroys it
      case 'slow':
        await new Promise((resolve) => setTimeout(resolve, fault.ms));
        break;
      default:
        break;
    }

    if (endpoint === 'moderations') {
      const input = typeof body === 'object' && body !== null && 'input' in body ? body.input : undefined;
      const texts = typeof input === 'string' ? [input] : Array.isArray(input) ? input.map(String) : undefined;
      if (!texts) {
        record.outcome = 'bad_request';
        return send(res, 400, openAiError('input is required.', 'invalid_request_error', null));
      }
      const model = typeof body === 'object' && body !== null && 'model' in body ? body.model : 'omni-moderation-latest';
      return send(res, 200, {
        id: `modr-fake-${n}`,
        model,
        results: texts.map((text) => {
          const flagged = fakeModerationCategories(text);
          const categories = Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, flagged.includes(name)]));
          const scores = Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, flagged.includes(name) ? 0.93 : 0.001]));
          const types = Object.fromEntries(MODERATION_CATEGORIES.map((name) => [name, ['text']]));
          return { flagged: flagged.length > 0, categories, category_scores: scores, category_applied_input_types: types };
        }),
      });
    }

    const comments = commentsOf(body);
    if (!comments || !hasStrictSchema(body)) {
      record.outcome = 'bad_request';
      return send(res, 400, openAiError('The fake expects a strict json_schema response_format and a user message holding a JSON array of { index, text }.', 'invalid_request_error', null));
    }
    if (fault?.kind === 'refusal') {
      return send(res, 200, chatCompletion(body, n, { content: null, refusal: fault.message ?? "I'm sorry, I can't help with that request." }, comments.length));
    }
    if (fault?.kind === 'malformed_json') {
      return send(res, 200, chatCompletion(body, n, { content: '{"results": [{"index": 1, "sentiment": "posi', refusal: null }, comments.length));
    }
    const answer: FakeAnswer = { results: comments.map((comment) => fakeLabel(comment.text, comment.index)) };
    const content = JSON.stringify(fault?.kind === 'rewrite' ? fault.rewrite(answer) : answer);
    return send(res, 200, chatCompletion(body, n, { content, refusal: null }, comments.length));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, openAiError(`Fake server failure: ${String(error)}`, 'server_error', null));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    requestsTo: (endpoint) => requests.filter((request) => request.endpoint === endpoint),
    faultAt(endpoint, n, fault) {
      at.set(`${endpoint}#${n}`, fault);
    },
    faultNext(endpoint, ...faults) {
      queued.set(endpoint, [...(queued.get(endpoint) ?? []), ...faults]);
    },
    faultAlways(endpoint, fault) {
      if (fault) always.set(endpoint, fault);
      else always.delete(endpoint);
    },
    reset() {
      requests.length = 0;
      counts.clear();
      at.clear();
      queued.clear();
      always.clear();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
