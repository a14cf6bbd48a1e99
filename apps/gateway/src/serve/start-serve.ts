/**
 * `headgate serve`: the production entry. Settings come from the environment (serve-settings.ts);
 * the cache (Redis when REDIS_URL is set, which must answer PING) and the store are opened before
 * the port opens, so a wrong URL or key stops the start with a message instead of failing the
 * first request. Redis lost later does not stop the gateway: the cache degrades to local limits
 * and says so in the logs and /readyz.
 */
import { type Cache, CacheUnavailableError, DeferredCacheLogger, openCache } from "@headgate/cache";
import { openStore, type Store } from "@headgate/store";
import { type RunningGateway, startGateway } from "../server/start-gateway.ts";
import { type ServeSettings, ServeSettingsError } from "./serve-settings.ts";

export interface RunningServer {
  readonly gateway: RunningGateway;
  readonly store: Store;
  readonly cache: Cache;
  close(): Promise<void>;
}

type Env = Readonly<Record<string, string | undefined>>;

export async function startServe(settings: ServeSettings, env: Env, version: string): Promise<RunningServer> {
  // The cache opens before the gateway whose logger tells of Redis lost and back.
  const cacheLog = new DeferredCacheLogger();
  const cache = await openServeCache(settings.redisUrl, cacheLog);
  let store: Store;
  try {
    store = await openStore({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir, env });
  } catch (error) {
    await cache.close();
    throw error;
  }
  try {
    const gateway = await startGateway({
      store,
      cache,
      config: settings.configPath
        ? { kind: "file", path: settings.configPath, env }
        : { kind: "none", baseDir: process.cwd() },
      publicUrl: settings.publicUrl,
      host: settings.host,
      port: settings.port,
      logger: { level: settings.logLevel },
      version,
    });
    cacheLog.attach(gateway.app.log);
    for (const warning of [...settings.warnings, ...store.warnings]) gateway.app.log.warn(warning);
    await ensureOperatorKey(store, env, gateway);
    return {
      gateway,
      store,
      cache,
      close: async () => {
        await gateway.close();
        await store.close();
        await cache.close();
      },
    };
  } catch (error) {
    await store.close();
    await cache.close();
    throw error;
  }
}

/** A Redis that does not answer stops the start as a settings problem, naming the masked URL. */
async function openServeCache(redisUrl: string | undefined, logger: DeferredCacheLogger): Promise<Cache> {
  try {
    return await openCache({ redisUrl, logger });
  } catch (error) {
    if (error instanceof CacheUnavailableError)
      throw new ServeSettingsError([`REDIS_URL: ${error.message} (it must answer PING)`]);
    throw error;
  }
}

/**
 * HEADGATE_API_KEY becomes the operator's key: an admin key of HEADGATE_WORKSPACE (default
 * `default`) that also administers the store's workspaces (/admin/workspaces).
 */
async function ensureOperatorKey(store: Store, env: Env, gateway: RunningGateway): Promise<void> {
  const key = env.HEADGATE_API_KEY?.trim();
  if (!key) return;
  const workspace = await store.workspaces.ensure(env.HEADGATE_WORKSPACE?.trim() || "default");
  await store.apiKeys.ensureBootstrapKey(workspace.id, key, ["query", "admin", "operator"]);
  gateway.app.log.info(
    { workspace: workspace.name },
    "HEADGATE_API_KEY is an admin key of this workspace and the operator key of the store's workspaces",
  );
}
