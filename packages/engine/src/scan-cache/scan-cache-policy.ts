/**
 * How long one connection's scans are kept in the shared cache. An admin sets it per connection
 * and per entity set (`settings.cache` in headgate.yaml and the admin API); each connector kind
 * has its own default (SaaS upstreams with request budgets cache, databases do not).
 */

export interface EntitySetCachePolicy {
  /** How long a cached scan answers, in ms; 0: this entity set is not cached. */
  readonly ttlMs: number;
}

export interface ScanCachePolicy {
  /** How long a cached scan answers, in ms; 0: the connection is not cached. */
  readonly ttlMs: number;
  /** Per entity set (by the connector's own name), replacing `ttlMs`. */
  readonly entitySets?: Readonly<Record<string, EntitySetCachePolicy>>;
  /**
   * After its TTL, a cached scan may still answer for this long (ms) while one refresh runs in
   * the background; 0 (the default): an expired scan is read again before answering.
   */
  readonly staleWhileRevalidateMs: number;
}

export const NO_SCAN_CACHE: ScanCachePolicy = { ttlMs: 0, staleWhileRevalidateMs: 0 };

/** The TTL that applies to one entity set (0: not cached). */
export function ttlFor(policy: ScanCachePolicy, entitySet: string): number {
  return policy.entitySets?.[entitySet]?.ttlMs ?? policy.ttlMs;
}
