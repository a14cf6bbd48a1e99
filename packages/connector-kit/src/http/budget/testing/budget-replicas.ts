/**
 * Test support: the shared caches a budget is tested on (this process's memory, and the
 * machine's real Redis opened twice, as two replicas would), and HttpClients that spend one
 * credential's budget through them.
 */
import { randomUUID } from "node:crypto";
import { type Cache, MemoryCache, openRedisCache } from "@headgate/cache";
import { testRedisUrl } from "@headgate/testing";
import { HttpClient, type HttpClientOptions } from "../../http-client.ts";
import type { LocalServer } from "../../testing/local-server.ts";
import { budgetKeys } from "../budget-state.ts";
import { UpstreamBudget, type UpstreamBudgetOptions } from "../upstream-budget.ts";

export interface SharedCaches {
  /** What replica one and replica two each hold: one instance in memory, two connections on Redis. */
  readonly replicas: readonly [Cache, Cache];
  close(): Promise<void>;
}

export interface CacheBackend {
  readonly name: string;
  open(): Promise<SharedCaches>;
}

export const CACHE_BACKENDS: readonly CacheBackend[] = [
  {
    name: "MemoryCache",
    open: async () => {
      const cache = new MemoryCache();
      return { replicas: [cache, cache], close: () => cache.close() };
    },
  },
  {
    name: "RedisCache",
    open: async () => {
      // A prefix per test: runs never meet, and what a test leaves expires with its TTLs.
      const options = { url: testRedisUrl(), keyPrefix: `headgate-test:budget:${randomUUID()}:` };
      const one = await openRedisCache(options);
      const two = await openRedisCache(options);
      return {
        replicas: [one, two],
        close: async () => {
          const keys = budgetKeys(CREDENTIAL);
          await Promise.all([keys.window, keys.sent, keys.blocked, keys.spike].map((key) => one.delete(key)));
          await one.close();
          await two.close();
        },
      };
    },
  },
];

export const CREDENTIAL = "test-credential";

export interface Replica {
  readonly client: HttpClient;
  readonly budget: UpstreamBudget;
}

/** One replica's client of `server`, spending the test credential's budget through `cache`. */
export function replicaOf(
  server: LocalServer,
  cache: Cache,
  budget: Partial<UpstreamBudgetOptions> = {},
  client: Partial<HttpClientOptions> = {},
): Replica {
  const shared = new UpstreamBudget({ cache, credential: CREDENTIAL, service: "Procore", ...budget });
  return {
    budget: shared,
    client: new HttpClient({
      baseUrl: server.url,
      service: "Procore",
      requestsPerSecond: Number.POSITIVE_INFINITY,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
      budget: shared,
      ...client,
    }),
  };
}
