/**
 * The gateway's shared cache. One interface so that the embedded gateway keeps everything in its
 * own memory and replicas share Redis, with the callers (upstream budgets, the scan cache, client
 * rate limits: issue 16) written once against both.
 *
 * Values are JSON: what Redis can hold as a string, and what a caller can check on the way out.
 * Every time-to-live is in milliseconds and required, so nothing cached lives forever by mistake.
 */

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

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
   * a fixed window: what shared budget windows and token buckets need.
   */
  increment(key: string, by: number, ttlMs: number): Promise<number>;
  /**
   * A lease on `key` for single flight: a token when no one else holds it, else undefined.
   * The lease ends after `ttlMs` even if its holder dies.
   */
  tryLock(key: string, ttlMs: number): Promise<string | undefined>;
  /** Ends the lease if `token` still holds it (never someone else's); true when it did. */
  unlock(key: string, token: string): Promise<boolean>;
  /** Resolves when the cache answers; rejects with CacheUnavailableError when it does not. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The cache's server cannot be reached. The message names the URL without its password. */
export class CacheUnavailableError extends Error {
  override readonly name = "CacheUnavailableError";
  constructor(message: string, options?: { readonly cause?: unknown }) {
    super(message, options);
  }
}

/** Locks live beside values under their own prefix, so a lease never collides with a value. */
export function lockKey(key: string): string {
  return `lock:${key}`;
}

export function checkTtl(ttlMs: number): void {
  if (!Number.isInteger(ttlMs) || ttlMs <= 0)
    throw new RangeError(`a TTL must be a positive integer of ms, not ${ttlMs}`);
}

export function checkIncrement(by: number): void {
  if (!Number.isSafeInteger(by)) throw new RangeError(`an increment must be an integer, not ${by}`);
}
