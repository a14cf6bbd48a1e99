export {
  type Cache,
  type CacheHealth,
  CacheUnavailableError,
  type JsonValue,
  TOKEN_BUCKET_EXPIRY_MARGIN_MS,
  type TokenBucketSpec,
  type TokenTake,
} from "./cache.ts";
export { type CacheLogger, DeferredCacheLogger } from "./fallback/cache-logger.ts";
export {
  DEFAULT_PROBE_INTERVAL_MS,
  FallbackCache,
  type FallbackCacheOptions,
} from "./fallback/fallback-cache.ts";
export { DEFAULT_MAX_ENTRIES, MemoryCache, type MemoryCacheOptions } from "./memory/memory-cache.ts";
export { type OpenCacheOptions, openCache } from "./open-cache.ts";
export {
  DEFAULT_KEY_PREFIX,
  maskPassword,
  openRedisCache,
  RedisCache,
  type RedisCacheOptions,
  type RedisConnectionEvent,
} from "./redis/redis-cache.ts";
