import path from 'node:path';
import { z } from 'zod';
import { trustProxySetting } from './http/trust-proxy.ts';

// The environment, parsed once; a bad value stops start-up with a message naming the variable.
const environment = z.object({
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // Statements with parameters prepared once per connection (domain prepared-statements.ts); false behind PgBouncer in transaction mode (< 1.21).
  DATABASE_PREPARED_STATEMENTS: z.stringbool().default(true),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // A request (headers and body) must arrive within REQUEST_TIMEOUT_MS (else 408 and the connection
  // closes); a connection idle for CONNECTION_TIMEOUT_MS is closed; a kept-alive one after KEEP_ALIVE_TIMEOUT_MS.
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(30_000),
  CONNECTION_TIMEOUT_MS: z.coerce.number().int().min(1).default(120_000),
  KEEP_ALIVE_TIMEOUT_MS: z.coerce.number().int().min(1).default(72_000),
  // Per client IP: failed authentications (missing or unknown key) a window allows, then 429.
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().min(1).default(20),
  // Per API key (per IP without one): requests a window allows, then 429.
  RATE_LIMIT_REQUESTS: z.coerce.number().int().min(1).default(6000),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(60_000),
  // Which reverse proxies may name the client (X-Forwarded-For): false, true, a hop count, or
  // addresses and CIDR ranges (http/trust-proxy.ts). The per-IP rate limits count that client.
  TRUST_PROXY: trustProxySetting.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // The quick start's data; relative to where the command runs, by default the repository's .data
  // whatever the command's folder (`pnpm create-workspace` runs in api/).
  DATA_DIR: z.string().default(path.resolve(import.meta.dirname, '../../.data')),
  // Uploaded media (images, videos): a folder, by default DATA_DIR/media; MEDIA_MAX_BYTES bounds one
  // file (100 MB by default: a short 1080p video), a larger one is refused with 413 while it streams.
  MEDIA_DIR: z.string().optional(),
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1).default(100 * 1024 * 1024),
  EMBEDDED_POSTGRES_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  // Where the quick start serves the dashboard; 0 turns it off.
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(5173),
  // The operator's password for the queue board at /admin/queues (every workspace's jobs). Unset: no
  // board (the quick start generates one into DATA_DIR). Workspace API keys never open it.
  OPERATOR_PASSWORD: z.string().min(16, 'must be at least 16 characters (e.g. openssl rand -base64 24)').optional(),
  // Alert webhooks may point at loopback, private, link-local and shared (CGNAT) addresses only with
  // this (a receiver on the same network); cloud metadata addresses never. The workers read it too.
  ALERT_WEBHOOK_ALLOW_PRIVATE: z.stringbool().default(false),
  // After SIGTERM, how long requests in flight may take before the server exits without them.
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(25_000),
  // The dashboard's public origin (https://ops.example.com): share links point there. Unset: the API
  // answers a share link's token and a relative path, never an origin taken from the request's Host.
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
    .refine((value) => !URL.canParse(value) || new URL(value).origin === value.replace(/\/$/, ''), 'must be an origin only (e.g. https://ops.example.com, no path, query or credentials)')
    .transform((value) => new URL(value).origin)
    .optional(),
});

export type Config = z.infer<typeof environment>;

/** Where uploaded media go: MEDIA_DIR, else `media` in DATA_DIR (next to the embedded database). */
export function mediaDirOf(config: Pick<Config, 'MEDIA_DIR' | 'DATA_DIR'>): string {
  return path.resolve(config.MEDIA_DIR ?? path.join(config.DATA_DIR, 'media'));
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (OPENAI_API_KEY= in a .env file) means unset.
  const parsed = environment.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment (see .env.example):\n${lines.join('\n')}`);
  }
  return parsed.data;
}
