/**
 * The cache a gateway runs with: Redis when REDIS_URL is set, else this process's memory.
 * Redis must answer PING to start; lost later, it degrades to local limits (FallbackCache).
 */
import type { Cache } from "./cache.ts";
import type { CacheLogger } from "./fallback/cache-logger.ts";
import { FallbackCache } from "./fallback/fallback-cache.ts";
import { MemoryCache } from "./memory/memory-cache.ts";
import { openRedisCache } from "./redis/redis-cache.ts";

export interface OpenCacheOptions {
  readonly redisUrl?: string | undefined;
  /** Redis only: put before every key (default `headgate:`). */
  readonly keyPrefix?: string;
  /** Memory only, and Redis's local fallback: how many entries to keep (default 10,000). */
  readonly maxEntries?: number;
  /** Redis only: told once when Redis is lost and once when it is back (a pino logger will do). */
  readonly logger?: CacheLogger | undefined;
  /** Redis only: how long a command may wait for an answer before the cache degrades; default 1 s. */
  readonly commandTimeoutMs?: number;
  /** Redis only: how often a degraded cache asks whether Redis is back; default 1 s. */
  readonly probeIntervalMs?: number;
}

/** Rejects with CacheUnavailableError when Redis is given and does not answer PING. */
export async function openCache(options: OpenCacheOptions = {}): Promise<Cache> {
  if (options.redisUrl === undefined)
    return new MemoryCache(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries });
  const shared = await openRedisCache({
    url: options.redisUrl,
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    ...(options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs }),
  });
  return new FallbackCache(shared, {
    logger: options.logger,
    ...(options.probeIntervalMs === undefined ? {} : { probeIntervalMs: options.probeIntervalMs }),
    ...(options.maxEntries === undefined ? {} : { maxLocalEntries: options.maxEntries }),
  });
}
