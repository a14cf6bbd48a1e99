/**
 * One deployment of the gateway as an admin would run it in production: the store on Postgres
 * (a fresh schema), the shared cache on Redis (a key prefix of its own, so runs never share cache
 * entries or budgets), one workspace with one Procore connection and an API key. Each replica is
 * a gateway of its own (its own store and Redis clients, its own engines and connectors) over the
 * same store and cache, so replicas share only what real ones share: the database and Redis.
 */
import { randomBytes } from "node:crypto";
import { type Cache, openCache } from "@headgate/cache";
import { DEFAULT_LIMITS, type HeadgateConfig } from "@headgate/config";
import { type RunningGateway, startGateway } from "@headgate/gateway";
import { DEFAULT_PROCORE_CREDENTIALS } from "@headgate/simulators";
import { openStore, type Store } from "@headgate/store";
import { testDatabaseUrl, testRedisUrl } from "@headgate/testing";
import knexFactory from "knex";
import { deleteKeysUnder } from "../../../packages/cache/src/testing/delete-test-keys.ts";

const WORKSPACE = "bench";
/** Client rate limits checked on every request but never reached: the benchmark measures the upstream's. */
const UNREACHED = { requestsPerMinute: 1_000_000, burst: 1_000_000 };

export interface ProcoreUpstream {
  readonly url: string;
  readonly companyId: number;
  readonly spikeLimit: number;
  readonly spikeWindowSeconds: number;
}

export interface DeploymentOptions {
  /** headgate.yaml's `limits.timeoutMs`, the query time limit (default: the gateway's, 30 s). */
  readonly timeoutMs?: number;
  /** The connection's `settings.cache.ttl`, e.g. `15m` (default: Procore's, 5 minutes). */
  readonly cacheTtl?: string;
}

export interface Replica {
  readonly url: string;
  readonly gateway: RunningGateway;
}

export interface BenchDeployment {
  /** A query-scoped API key of the workspace (after the first replica started). */
  readonly key: () => string;
  startReplica(): Promise<Replica>;
  close(): Promise<void>;
}

export function benchDeployment(
  name: string,
  upstream: ProcoreUpstream,
  options: DeploymentOptions = {},
): BenchDeployment {
  const run = `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  const schema = `bench_procore_budget_${name}_${run}`;
  const keyPrefix = `headgate-bench:procore-budget:${name}:${run}:`;
  const secretKey = randomBytes(32).toString("base64");
  const opened: { store: Store; cache: Cache; gateway: RunningGateway }[] = [];
  let apiKey: string | undefined;
  return {
    key: () => {
      if (apiKey === undefined) throw new Error("start a replica first");
      return apiKey;
    },
    async startReplica() {
      const store = await openStore({ databaseUrl: testDatabaseUrl(), schema, secretKey });
      const cache = await openCache({ redisUrl: testRedisUrl(), keyPrefix });
      const gateway = await startGateway({
        store,
        cache,
        config: { kind: "inline", config: benchConfig(upstream, options), baseDir: process.cwd() },
        host: "127.0.0.1",
        port: 0,
        logger: false,
        version: "bench",
      });
      opened.push({ store, cache, gateway });
      if (apiKey === undefined) {
        const workspaceId = gateway.applied().workspaces.get(WORKSPACE)!;
        apiKey = (await store.apiKeys.create(workspaceId, { name: "bench", scopes: ["query"] })).plaintext;
      }
      return { url: gateway.publicUrl, gateway };
    },
    async close() {
      for (const { gateway, cache, store } of opened.reverse()) {
        await gateway.close();
        await cache.close();
        await store.close();
      }
      await deleteKeysUnder(testRedisUrl(), keyPrefix);
      const admin = knexFactory({ client: "pg", connection: testDatabaseUrl() });
      await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]).finally(() => admin.destroy());
    },
  };
}

/**
 * The headgate.yaml of the deployment: the Procore connection with its spike window set as the
 * upstream has it; the cache's TTL (5 minutes for Procore) and the query time limit (30 s) are
 * the defaults unless the benchmark is told otherwise.
 */
function benchConfig(upstream: ProcoreUpstream, options: DeploymentOptions): HeadgateConfig {
  return {
    version: 1,
    workspaces: [{ name: WORKSPACE }],
    connections: [
      {
        name: "procore",
        workspace: WORKSPACE,
        kind: "procore",
        settings: {
          baseUrl: upstream.url,
          companyId: upstream.companyId,
          clientId: DEFAULT_PROCORE_CREDENTIALS.clientId,
          rateLimit: { spikeLimit: upstream.spikeLimit, spikeWindowSeconds: upstream.spikeWindowSeconds },
          ...(options.cacheTtl === undefined ? {} : { cache: { ttl: options.cacheTtl } }),
        },
        secrets: { clientSecret: DEFAULT_PROCORE_CREDENTIALS.clientSecret },
      },
    ],
    relationships: [],
    limits: {
      ...DEFAULT_LIMITS,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      perKey: UNREACHED,
      perWorkspace: UNREACHED,
    },
  };
}
