/**
 * The gateway's shared cache. One interface so that the embedded gateway keeps everything in its
 * own memory and replicas share Redis, with the callers (upstream budgets, the scan cache, client
 * rate limits: issue 16) written once against both.
 *
 * Values are JSON: what Redis can hold as a string, and what a caller can check on the way out.
 * Every time-to-live is in milliseconds and required, so nothing cached lives forever by mistake.
 * Beside values: fixed-window counters, single-flight leases and token buckets, each atomic.
 *
 * With Redis, `openCache` gives a cache that survives losing it while running (fallback/): it
 * reports `degraded` in health(), reads values as misses and keeps counters, leases and buckets
 * in this process until Redis is back. Callers need no code of their own for that.
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** A token bucket's shape: it refills continuously at `ratePerSecond` up to `burst`. */
export interface TokenBucketSpec {
  /** Tokens added per second. */
  readonly ratePerSecond: number;
  /** Most tokens the bucket holds; it starts full. */
  readonly burst: number;
}

export interface TokenTake {
  readonly allowed: boolean;
  /** Whole tokens left after this take. */
  readonly remaining: number;
  /** When refused: ms until `cost` tokens are available; 0 when allowed. */
  readonly retryAfterMs: number;
}

/**
 * Whether the cache is doing its job. `degraded`: the shared server is unreachable, so values
 * read as misses and counters, leases and token buckets are this process's own until it returns.
 */
export type CacheHealth =
  | { readonly state: "up" }
  | { readonly state: "degraded"; readonly since: Date; readonly reason: string };

export interface Cache {
  /** `memory` (this process only) or `redis` (shared by every replica on the same server). */
  readonly kind: "memory" | "redis";
  /** The value under `key`, or undefined when there is none or it has expired. */
  get(key: string): Promise<JsonValue | undefined>;
  /** Stores a copy of `value` (as JSON) for `ttlMs`, replacing what was there. */
  set(key: string, value: JsonValue, ttlMs: number): Promise<void>;
  /** Removes `key`; true when there was a value. */
  delete(key: string): Promise<boolean>;
  /**
   * Adds the integer `by` to the counter under `key` (0 when absent) atomically and returns the
   * new value. The TTL is set when the counter is created and not extended after, so a counter is
   * a fixed window: what shared budget windows need (smooth rates are takeToken's).
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * A lease on `key` for single flight: a token when no one else holds it, else undefined.
   * The lease ends after `ttlMs` even if its holder dies.
   */
  tryLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Ends the lease if `token` still holds it (never someone else's); true when it did. */
  unlock(key: string, token: string): Promise<boolean>;
  /**
   * Takes `cost` tokens (default 1) from the bucket under `key` atomically, or none when there are
   * not enough. A new bucket starts full; an idle one expires once it would be full again, so
   * unused keys vanish. Buckets live apart from values and leases under the same key.
   */
  takeToken(key: string, bucket: TokenBucketSpec, cost?: number): Promise<TokenTake>;
  /** Up, or degraded since when and why; never waits on the server. Memory is always up. */
  health(): CacheHealth;
  /** Resolves when the cache answers; rejects with CacheUnavailableError when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The cache's server cannot be reached. The message names the URL without its password; `reason`
 * is the why alone (the connection's error), for places that must not name the server.
 */
export class CacheUnavailableError extends Error {
  override readonly name = "CacheUnavailableError";
  readonly reason: string;
  constructor(message: string, options?: { readonly cause?: unknown; readonly reason?: string }) {
    super(message, options);
    this.reason = options?.reason ?? message;
  }
}

/** Locks live beside values under their own prefix, so a lease never collides with a value. */
export function lockKey(key: string): string {
  return `lock:${key}`;
}

/** Token buckets too, so a bucket is never read as a value or a counter. */
export function bucketKey(key: string): string {
  return `bucket:${key}`;
}

export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`a TTL must be a positive integer of ms, not ${ttlMs}`);
}

export function checkIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) throw new RangeError(`an increment must be an integer, not ${by}`);
}

/** Throws RangeError for a bucket no caller can mean: no refill, no room, or a cost it cannot hold. */
export function checkTokenBucket(bucket: TokenBucketSpec, cost: number): void {
  const { ratePerSecond, burst } = bucket;
  if (!Number.isFinite(ratePerSecond) || ratePerSecond <= 0)
    throw new RangeError(`a token bucket's ratePerSecond must be a positive number, not ${ratePerSecond}`);
  if (!Number.isSafeInteger(burst) || burst < 1)
    throw new RangeError(`a token bucket's burst must be a positive integer, not ${burst}`);
  if (!Number.isSafeInteger(cost) || cost < 0 || cost > burst)
    throw new RangeError(`a token cost must be an integer from 0 to the burst (${burst}), not ${cost}`);
}

/** How long past a full refill an idle bucket is kept, so a late take still finds its state. */
export const TOKEN_BUCKET_EXPIRY_MARGIN_MS = 1_000;

/** The bucket's state: fractional tokens, and when (ms on the cache's clock) they were counted. */
export interface TokenBucketState {
  readonly tokens: number;
  readonly at: number;
}

/**
 * One take, the arithmetic both caches share (RedisCache runs the same steps in Lua): refill for
 * the time elapsed, take when there is enough, and say how long the stored state must live.
 */
export function takeFromBucket(
  state: TokenBucketState | undefined,
  bucket: TokenBucketSpec,
  cost: number,
  now: number,
): { readonly take: TokenTake; readonly state: TokenBucketState; readonly ttlMs: number } {
  const { ratePerSecond, burst } = bucket;
  const elapsed = state === undefined ? 0 : Math.max(0, now - state.at);
  const before =
    state === undefined ? burst : Math.min(burst, state.tokens + (elapsed * ratePerSecond) / 1000);
  const allowed = before >= cost;
  const tokens = allowed ? before - cost : before;
  // Less a nanosecond's slack: 1 - 0.998 tokens is 1.0000000000000009 ms in floating point, not 2.
  const retryAfterMs = allowed ? 0 : Math.max(1, Math.ceil(((cost - tokens) * 1000) / ratePerSecond - 1e-6));
  const ttlMs = Math.ceil(((burst - tokens) * 1000) / ratePerSecond) + TOKEN_BUCKET_EXPIRY_MARGIN_MS;
  return {
    take: { allowed, remaining: Math.floor(tokens), retryAfterMs },
    state: { tokens, at: now },
    ttlMs,
  };
}
