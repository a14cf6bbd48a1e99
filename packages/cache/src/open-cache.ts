/** The cache a gateway runs with: Redis when REDIS_URL is set, else this process's memory. */
import type { Cache } from "./cache.ts";
import { MemoryCache } from "./memory/memory-cache.ts";
import { openRedisCache } from "./redis/redis-cache.ts";

export interface OpenCacheOptions {
  readonly redisUrl?: string | undefined;
  /** Redis only: put before every key (default `headgate:`). */
  readonly keyPrefix?: string;
  /** Memory only: how many entries to keep (default 10,000). */
  readonly maxEntries?: number;
}

/** Rejects with CacheUnavailableError when Redis is given and does not answer PING. */
export async function openCache(options: OpenCacheOptions = {}): Promise<Cache> {
  if (options.redisUrl !== undefined)
    return openRedisCache({
      url: options.redisUrl,
      ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    });
  return new MemoryCache(options.maxEntries === undefined ? {} : { maxEntries: options.maxEntries });
}
