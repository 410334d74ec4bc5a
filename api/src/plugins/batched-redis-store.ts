import type { RouteOptions } from 'fastify';
import type { Redis } from 'ioredis';

// A @fastify/rate-limit store for counters shared in Redis that does not ask Redis on every request.
// The plugin's own Redis store makes one round trip per request: on a list read that is a third of
// the socket writes the API makes. Here each process counts locally and adds what it counted to the
// shared counter in one pipelined round trip every `flushMs`; a key's first request in a window is
// counted in Redis at once, so a process learns what the others have counted before admitting more.
// The price is bounded: between two flushes a process may admit what it counted locally beyond the
// limit, at most its requests of one `flushMs` per key. Failed authentications (the plugin's child
// stores, createRateLimit) are counted exactly, one round trip each: they are few and their limit small.

type Counted = { current: number; ttl: number };
type Done = (error: Error | null, counted?: Counted) => void;
type Counter = { shared: number; pending: number; resetAt: number; windowMs: number };

// Adds ARGV[1] to the counter; a counter new to this window expires at the end of ARGV[2] ms.
const addScript = `
local current = redis.call('INCRBY', KEYS[1], ARGV[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  ttl = tonumber(ARGV[2])
end
return {current, ttl}`;

type RedisWithAdd = Redis & { rateLimitAdd(key: string, count: number, windowMs: number): Promise<[number, number]> };

function withAddCommand(redis: Redis): RedisWithAdd {
  const target = redis as RedisWithAdd;
  if (typeof target.rateLimitAdd !== 'function') redis.defineCommand('rateLimitAdd', { numberOfKeys: 1, lua: addScript });
  return target;
}

/** One round trip per request: the exact store, for the child limiters. */
class ExactRedisStore {
  protected readonly redis: RedisWithAdd;
  protected readonly prefix: string;

  constructor(redis: RedisWithAdd, prefix: string) {
    this.redis = redis;
    this.prefix = prefix;
  }

  incr(key: string, done: Done, windowMs: number): void {
    void this.redis.rateLimitAdd(this.prefix + key, 1, windowMs).then(
      ([current, ttl]) => done(null, { current, ttl }),
      (error: Error) => done(error),
    );
  }

  child(params: RouteOptions & { path: string; prefix: string }): ExactRedisStore {
    // The plugin passes its options merged with the route's, the route under routeInfo (its types say the route itself).
    const route = (params as unknown as { routeInfo?: { method?: string; url?: string } }).routeInfo;
    return new ExactRedisStore(this.redis, route?.method ? `${this.prefix}${route.method}${route.url}-` : this.prefix);
  }
}

class BatchedRedisStore extends ExactRedisStore {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private readonly flushMs: number;

  constructor(redis: RedisWithAdd, prefix: string, flushMs: number) {
    super(redis, prefix);
    this.flushMs = flushMs;
  }

  override incr(key: string, done: Done, windowMs: number): void {
    const now = Date.now();
    const counter = this.counters.get(key);
    if (!counter || counter.resetAt <= now) {
      // The first request of the window here: count it in Redis now and learn the others' count.
      super.incr(key, (error, counted) => {
        if (counted) this.counters.set(key, { shared: counted.current, pending: 0, resetAt: Date.now() + counted.ttl, windowMs });
        done(error, counted);
      }, windowMs);
      return;
    }
    counter.pending += 1;
    this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
    done(null, { current: counter.shared + counter.pending, ttl: counter.resetAt - now });
  }

  /** Adds every local count to its shared counter in one pipelined round trip. */
  async flush(): Promise<void> {
    this.timer = undefined;
    const now = Date.now();
    const due = [...this.counters].filter(([key, counter]) => {
      if (counter.pending > 0) return true;
      if (counter.resetAt <= now) this.counters.delete(key);
      return false;
    });
    if (due.length === 0) return;
    const pipeline = this.redis.pipeline();
    const sent = due.map(([key, counter]) => {
      void (pipeline as unknown as RedisWithAdd).rateLimitAdd(this.prefix + key, counter.pending, counter.windowMs);
      return counter.pending;
    });
    // A Redis that does not answer: the counts stay pending for the next flush (skipOnError admits meanwhile).
    const results = await pipeline.exec().catch(() => null);
    results?.forEach(([error, value], i) => {
      if (error) return;
      const [current, ttl] = value as [number, number];
      const counter = due[i]![1];
      counter.pending -= sent[i]!;
      counter.shared = current;
      counter.resetAt = Date.now() + ttl;
    });
    if (due.some(([, counter]) => counter.pending > 0)) this.timer ??= setTimeout(() => void this.flush(), this.flushMs).unref();
  }
}

/**
 * The store class @fastify/rate-limit builds (`new Store(params)`), bound to this Redis; `flush`
 * adds what the stores built so far still hold to Redis (on close).
 */
export function batchedRedisStore(redisClient: Redis, options: { prefix: string; flushMs: number }) {
  const redis = withAddCommand(redisClient);
  const built: BatchedRedisStore[] = [];
  return {
    Store: class extends BatchedRedisStore {
      constructor() {
        super(redis, options.prefix, options.flushMs);
        built.push(this);
      }
    },
    flush: () => Promise.all(built.map((store) => store.flush())),
  };
}
