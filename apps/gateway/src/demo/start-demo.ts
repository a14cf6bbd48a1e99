/**
 * `pnpm start`: the whole demo in one process. The demo company's upstreams start in-process
 * (Sage database as SQLite, Procore/ArcGIS/Graph simulators on ephemeral loopback ports), the
 * embedded store keeps configuration under the data directory, the demo workspace's
 * connections point at the upstreams, and the gateway serves every door. The shared cache is
 * Redis when REDIS_URL is set, as for `serve`, else memory.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { type Cache, DeferredCacheLogger, openCache } from "@headgate/cache";
import { type DemoUpstreams, startDemoUpstreams } from "@headgate/simulators";
import { openStore, type Store } from "@headgate/store";
import { type RunningGateway, startGateway } from "../server/start-gateway.ts";
import { demoBanner } from "./demo-banner.ts";
import { DEMO_CONFIG_MANAGER, DEMO_WORKSPACE, demoConfig } from "./demo-config.ts";
import { type DemoKeys, ensureDemoKeys } from "./demo-key.ts";

export interface DemoOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Defaults to http://<host>:<port>. */
  readonly publicUrl?: string;
  /** HEADGATE_API_KEY: the admin key, instead of a generated one. */
  readonly apiKey?: string;
  readonly version: string;
  /** Pino level for request logs (default: warn, so the banner stays readable). */
  readonly logLevel?: string;
  /** REDIS_URL: the shared cache on Redis, instead of this process's memory. */
  readonly redisUrl?: string;
  /** Procore's 25-per-10-s spike window in the demo's simulator (default on). */
  readonly procoreSpikeWindow?: boolean;
}

export interface RunningDemo {
  readonly gateway: RunningGateway;
  readonly store: Store;
  readonly cache: Cache;
  readonly upstreams: DemoUpstreams;
  /** For assistants and reports: the `query` scope only. */
  readonly queryKey: string;
  /** For managing the gateway: `query` and `admin`. */
  readonly adminKey: string;
  readonly keys: DemoKeys;
  readonly publicUrl: string;
  readonly banner: string;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const demoDir = join(options.dataDir, "demo");
  await rm(demoDir, { recursive: true, force: true });
  // The data directory too, if new: owner-only, as the store would make it.
  await mkdir(demoDir, { recursive: true, mode: 0o700 });
  const upstreams = await startDemoUpstreams({
    sageFile: join(demoDir, "sage.sqlite"),
    ...(options.procoreSpikeWindow === undefined ? {} : { procoreSpikeWindow: options.procoreSpikeWindow }),
  });
  const cleanups: (() => Promise<void>)[] = [() => upstreams.close()];
  try {
    const cacheLog = new DeferredCacheLogger();
    const cache = await openCache({ redisUrl: options.redisUrl, logger: cacheLog });
    cleanups.unshift(() => cache.close());
    const store = await openStore({ dataDir: options.dataDir, env: {} });
    cleanups.unshift(() => store.close());
    const gateway = await startGateway({
      store,
      cache,
      config: {
        kind: "inline",
        config: demoConfig(upstreams),
        baseDir: options.dataDir,
        manager: DEMO_CONFIG_MANAGER,
      },
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      host: options.host,
      port: options.port,
      logger: { level: options.logLevel ?? "warn" },
      version: options.version,
    });
    cleanups.unshift(() => gateway.close());
    cacheLog.attach(gateway.app.log);
    const workspaceId = gateway.applied().workspaces.get(DEMO_WORKSPACE)!;
    for (const warning of store.warnings) gateway.app.log.warn(warning);
    const keys = await ensureDemoKeys(store, workspaceId, options.dataDir, options.apiKey);
    const publicUrl = gateway.publicUrl;
    const runtime = await gateway.engines.runtime(workspaceId);
    const banner = demoBanner({
      companyName: upstreams.company.name,
      publicUrl,
      keys,
      entitySets: runtime.engine.model.entitySets.map((s) => s.name),
      problems: runtime.problems.map((p) => p.message),
    });
    return {
      gateway,
      store,
      cache,
      upstreams,
      queryKey: keys.query.key,
      adminKey: keys.admin.key,
      keys,
      publicUrl,
      banner,
      close: async () => {
        for (const cleanup of cleanups) await cleanup().catch(() => {});
      },
    };
  } catch (error) {
    for (const cleanup of cleanups) await cleanup().catch(() => {});
    throw error;
  }
}
