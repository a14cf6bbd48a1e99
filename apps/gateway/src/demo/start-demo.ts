/**
 * `pnpm start`: the whole demo in one process. The demo company's upstreams start in-process
 * (Sage database as SQLite, Procore/ArcGIS/Graph simulators on ephemeral loopback ports), the
 * embedded store keeps configuration under the data directory, the demo workspace's
 * connections point at the upstreams, and the gateway serves every door.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { type DemoUpstreams, startDemoUpstreams } from "@headgate/simulators";
import { openStore, type Store } from "@headgate/store";
import { type RunningGateway, startGateway } from "../server/start-gateway.ts";
import { demoBanner } from "./demo-banner.ts";
import { DEMO_WORKSPACE, demoConfig } from "./demo-config.ts";
import { ensureDemoKey } from "./demo-key.ts";

export interface DemoOptions {
  readonly dataDir: string;
  readonly host: string;
  readonly port: number;
  /** Defaults to http://<host>:<port>. */
  readonly publicUrl?: string;
  readonly apiKey?: string;
  readonly version: string;
  /** Pino level for request logs (default: warn, so the banner stays readable). */
  readonly logLevel?: string;
}

export interface RunningDemo {
  readonly gateway: RunningGateway;
  readonly store: Store;
  readonly upstreams: DemoUpstreams;
  readonly apiKey: string;
  readonly publicUrl: string;
  readonly banner: string;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  const demoDir = join(options.dataDir, "demo");
  await rm(demoDir, { recursive: true, force: true });
  await mkdir(demoDir, { recursive: true });
  const upstreams = await startDemoUpstreams({ sageFile: join(demoDir, "sage.sqlite") });
  const cleanups: (() => Promise<void>)[] = [() => upstreams.close()];
  try {
    const store = await openStore({ dataDir: options.dataDir, env: {} });
    cleanups.unshift(() => store.close());
    const gateway = await startGateway({
      store,
      config: { kind: "inline", config: demoConfig(upstreams), baseDir: options.dataDir },
      ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
      host: options.host,
      port: options.port,
      logger: { level: options.logLevel ?? "warn" },
      version: options.version,
    });
    cleanups.unshift(() => gateway.close());
    const workspaceId = gateway.applied().workspaces.get(DEMO_WORKSPACE)!;
    const { key, source } = await ensureDemoKey(store, workspaceId, options.dataDir, options.apiKey);
    const publicUrl = gateway.publicUrl;
    const runtime = await gateway.engines.runtime(workspaceId);
    const banner = demoBanner({
      companyName: upstreams.company.name,
      publicUrl,
      apiKey: key,
      keySource: source,
      dataDir: options.dataDir,
      entitySets: runtime.engine.model.entitySets.map((s) => s.name),
      problems: runtime.problems.map((p) => p.message),
    });
    return {
      gateway,
      store,
      upstreams,
      apiKey: key,
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
