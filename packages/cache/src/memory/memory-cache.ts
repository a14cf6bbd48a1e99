/**
 * The embedded default: this process's memory. Values are kept as JSON text so that a caller
 * gets a copy, exactly as from Redis, and can never change what is cached by mutating it.
 * Expiry reads a monotonic clock (a wall-clock change must not expire or revive entries), and
 * the number of entries is bounded, least recently used first out, so memory cannot grow
 * without limit however many keys callers make.
 */
import { randomUUID } from "node:crypto";
import {
  bucketKey,
  type Cache,
  type CacheHealth,
  checkIncrement,
  checkTokenBucket,
  checkTtl,
  type JsonValue,
  lockKey,
  type TokenBucketSpec,
  type TokenBucketState,
  type TokenTake,
  takeFromBucket,
} from "../cache.ts";

export interface MemoryCacheOptions {
  /** Default 10,000. */
  readonly maxEntries?: number;
  /** Monotonic milliseconds; the default is performance.now. */
  readonly now?: () => number;
}

interface Entry {
  readonly text: string;
  readonly expiresAt: number;
}

export const DEFAULT_MAX_ENTRIES = 10_000;

export class MemoryCache implements Cache {
  readonly kind = "memory";
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: MemoryCacheOptions = {}) {
    this.#maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.#now = options.now ?? (() => performance.now());
    if (!Number.isInteger(this.#maxEntries) || this.#maxEntries < 1)
      throw new RangeError(`maxEntries must be a positive integer, not ${this.#maxEntries}`);
  }

  /** How many entries are held (expired ones included until they are touched or evicted). */
  get size(): number {
    return this.#entries.size;
  }

  async get(key: string): Promise<JsonValue | undefined> {
    const text = this.#read(key);
    return text === undefined ? undefined : (JSON.parse(text) as JsonValue);
  }

  async set(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    this.#write(key, JSON.stringify(value), this.#now() + ttlMs);
  }

  async delete(key: string): Promise<boolean> {
    const had = this.#read(key) !== undefined;
    this.#entries.delete(key);
    return had;
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    checkIncrement(by);
    checkTtl(ttlMs);
    const current = this.#entries.get(key);
    const live = current !== undefined && current.expiresAt > this.#now() ? current : undefined;
    const before = live === undefined ? 0 : JSON.parse(live.text);
    if (!Number.isInteger(before)) throw new TypeError(`the value under ${key} is not a counter`);
    const next = before + by;
    this.#write(key, String(next), live?.expiresAt ?? this.#now() + ttlMs);
    return next;
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    checkTtl(ttlMs);
    if (this.#read(lockKey(key)) !== undefined) return undefined;
    const token = randomUUID();
    this.#write(lockKey(key), JSON.stringify(token), this.#now() + ttlMs);
    return token;
  }

  async unlock(key: string, token: string): Promise<boolean> {
    if (this.#read(lockKey(key)) !== JSON.stringify(token)) return false;
    this.#entries.delete(lockKey(key));
    return true;
  }

  async takeToken(key: string, bucket: TokenBucketSpec, cost = 1): Promise<TokenTake> {
    checkTokenBucket(bucket, cost);
    const stored = this.#read(bucketKey(key));
    const before = stored === undefined ? undefined : (JSON.parse(stored) as TokenBucketState);
    const now = this.#now();
    const { take, state, ttlMs } = takeFromBucket(before, bucket, cost, now);
    this.#write(bucketKey(key), JSON.stringify(state), now + ttlMs);
    return take;
  }

  health(): CacheHealth {
    return { state: "up" };
  }

  async ping(): Promise<void> {}

  async close(): Promise<void> {
    this.#entries.clear();
  }

  /** The live entry's text, marked most recently used; an expired entry is dropped. */
  #read(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(key, entry);
    return entry.text;
  }

  /** A Map iterates in insertion order, so its first key is the least recently used. */
  #write(key: string, text: string, expiresAt: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { text, expiresAt });
    while (this.#entries.size > this.#maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
  }
}
