/**
 * What `openCache` gives when REDIS_URL is set: Redis while it answers, and while it does not,
 * a gateway that keeps answering (issue 16). Redis down at start-up still refuses the start
 * (openCache PINGs first); Redis lost while running makes the cache `degraded`:
 *
 * - values read as misses and writes do nothing, so scans are read live rather than from a
 *   cache this replica can no longer share;
 * - counters, leases and token buckets come from a MemoryCache of this process (local limits:
 *   each replica enforces its own, which errs towards more traffic upstream, never none);
 * - every command fails fast (RedisCache queues and retries nothing), and once one has failed
 *   the others stop asking Redis until it is back, so a lost server costs one failed command,
 *   not one per request.
 *
 * Redis is back when ioredis reports the connection ready again, or when a PING (every
 * probeIntervalMs while degraded) answers: the latter catches a server that stopped answering
 * on a connection that stayed open. The local memory is dropped then: what was counted locally
 * was this replica's alone. The logger hears once when Redis is lost and once when it is back.
 */
import {
  type Cache,
  type CacheHealth,
  CacheUnavailableError,
  checkTtl,
  type JsonValue,
  type TokenBucketSpec,
  type TokenTake,
} from "../cache.ts";
import { MemoryCache } from "../memory/memory-cache.ts";
import type { RedisCache, RedisConnectionEvent } from "../redis/redis-cache.ts";
import type { CacheLogger } from "./cache-logger.ts";

export interface FallbackCacheOptions {
  readonly logger?: CacheLogger | undefined;
  /** How often a degraded cache PINGs Redis to see whether it is back; default 1 s. */
  readonly probeIntervalMs?: number;
  /** The local memory's bound while degraded; default MemoryCache's. */
  readonly maxLocalEntries?: number;
}

interface Degraded {
  readonly since: Date;
  readonly reason: string;
  /** This process's counters, leases and buckets for the time Redis is away. */
  readonly local: MemoryCache;
}

export const DEFAULT_PROBE_INTERVAL_MS = 1_000;

export class FallbackCache implements Cache {
  readonly kind = "redis";
  readonly #shared: RedisCache;
  readonly #logger: CacheLogger | undefined;
  readonly #probeIntervalMs: number;
  readonly #maxLocalEntries: number | undefined;
  readonly #unwatch: () => void;
  #degraded: Degraded | undefined;
  #probe: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(shared: RedisCache, options: FallbackCacheOptions = {}) {
    this.#shared = shared;
    this.#logger = options.logger;
    this.#probeIntervalMs = options.probeIntervalMs ?? DEFAULT_PROBE_INTERVAL_MS;
    this.#maxLocalEntries = options.maxLocalEntries;
    this.#unwatch = shared.watchConnection((event) => this.#heard(event));
  }

  async get(key: string): Promise<JsonValue | undefined> {
    return this.#either(
      (shared) => shared.get(key),
      async () => undefined,
    );
  }

  async set(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    return this.#either(
      (shared) => shared.set(key, value, ttlMs),
      async () => {},
    );
  }

  async delete(key: string): Promise<boolean> {
    return this.#either(
      (shared) => shared.delete(key),
      async () => false,
    );
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    return this.#either(
      (shared) => shared.increment(key, by, ttlMs),
      (local) => local.increment(key, by, ttlMs),
    );
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    return this.#either(
      (shared) => shared.tryLock(key, ttlMs),
      (local) => local.tryLock(key, ttlMs),
    );
  }

  async unlock(key: string, token: string): Promise<boolean> {
    return this.#either(
      (shared) => shared.unlock(key, token),
      (local) => local.unlock(key, token),
    );
  }

  async takeToken(key: string, bucket: TokenBucketSpec, cost?: number): Promise<TokenTake> {
    return this.#either(
      (shared) => shared.takeToken(key, bucket, cost),
      (local) => local.takeToken(key, bucket, cost),
    );
  }

  /**
   * Degraded gives the latest reason Redis is away (the connection's last error, once known),
   * without the URL: /readyz shows it publicly; the logs name the server.
   */
  health(): CacheHealth {
    const degraded = this.#degraded;
    if (degraded === undefined) return { state: "up" };
    const now = this.#shared.health();
    const reason = now.state === "degraded" ? now.reason : degraded.reason;
    return { state: "degraded", since: degraded.since, reason };
  }

  /** Asks Redis itself: rejects with CacheUnavailableError while it is away, as a degraded cache is. */
  async ping(): Promise<void> {
    try {
      await this.#shared.ping();
    } catch (error) {
      if (error instanceof CacheUnavailableError) this.#degrade(error.reason);
      throw error;
    }
    this.#recover();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#unwatch();
    clearTimeout(this.#probe);
    this.#degraded = undefined;
    await this.#shared.close();
  }

  /** Redis while it answers; the local answer from the first command it fails, until it is back. */
  async #either<T>(
    shared: (cache: RedisCache) => Promise<T>,
    local: (cache: MemoryCache) => Promise<T>,
  ): Promise<T> {
    if (this.#degraded === undefined) {
      try {
        return await shared(this.#shared);
      } catch (error) {
        if (!(error instanceof CacheUnavailableError)) throw error;
        this.#degrade(error.reason);
      }
    }
    return local(this.#degraded?.local ?? new MemoryCache());
  }

  #heard(event: RedisConnectionEvent): void {
    if (event.ready) this.#recover();
    else this.#degrade(event.reason);
  }

  #degrade(reason: string): void {
    if (this.#closed || this.#degraded !== undefined) return;
    const local = new MemoryCache(
      this.#maxLocalEntries === undefined ? {} : { maxEntries: this.#maxLocalEntries },
    );
    this.#degraded = { since: new Date(), reason, local };
    this.#logger?.warn(
      { cache: this.#shared.url, reason },
      "Redis is unreachable: cached values read as misses, and counters, leases and rate limits are this replica's own until it is back",
    );
    this.#scheduleProbe();
  }

  #recover(): void {
    const degraded = this.#degraded;
    if (this.#closed || degraded === undefined) return;
    this.#degraded = undefined;
    clearTimeout(this.#probe);
    this.#probe = undefined;
    const degradedForMs = Date.now() - degraded.since.getTime();
    this.#logger?.info(
      { cache: this.#shared.url, degradedForMs },
      "Redis is back: the cache is shared again",
    );
  }

  /** One PING at a time, never keeping the process alive by itself. */
  #scheduleProbe(): void {
    clearTimeout(this.#probe);
    this.#probe = setTimeout(() => {
      this.#shared.ping().then(
        () => this.#recover(),
        () => {
          if (this.#degraded !== undefined && !this.#closed) this.#scheduleProbe();
        },
      );
    }, this.#probeIntervalMs);
    this.#probe.unref();
  }
}
