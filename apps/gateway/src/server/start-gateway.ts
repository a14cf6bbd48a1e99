/**
 * Assembles a running gateway from a store and a configuration: applies the configuration,
 * builds the per-workspace engines, starts the HTTP server, and (for a file) re-applies the
 * configuration whenever the file changes. `headgate serve` and `headgate demo` both start
 * here; they differ only in where the store, configuration and key come from.
 */
import { createServer } from "node:net";
import { dirname, resolve } from "node:path";
import { type Cache, MemoryCache } from "@headgate/cache";
import { ConfigError, DEFAULT_LIMITS, type HeadgateConfig, loadConfigFile } from "@headgate/config";
import type { RelationshipDef } from "@headgate/engine";
import type { Store } from "@headgate/store";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import { AuditTrail } from "../audit/audit-trail.ts";
import { type AppliedConfig, applyConfig } from "../config/apply-config.ts";
import { configFileManager, INLINE_CONFIG_MANAGER } from "../config/config-manager.ts";
import { type ConfigWatcher, watchConfigFile } from "../config/watch-config-file.ts";
import { type Logger, WorkspaceEngines } from "../workspaces/workspace-engines.ts";
import { buildGateway } from "./build-gateway.ts";
import { DEFAULT_ACTION_BUDGET } from "./gateway-context.ts";

export type ConfigSource =
  | {
      readonly kind: "file";
      readonly path: string;
      readonly env?: Readonly<Record<string, string | undefined>>;
    }
  | {
      readonly kind: "inline";
      readonly config: HeadgateConfig;
      readonly baseDir: string;
      /** What the configuration is, as refusals to change its workspaces name it. */
      readonly manager?: string;
    }
  | { readonly kind: "none"; readonly baseDir: string };

export interface StartGatewayOptions {
  readonly store: Store;
  /** The shared cache, which the caller opens and closes; default a memory cache of the gateway's own. */
  readonly cache?: Cache;
  readonly config: ConfigSource;
  /** Where clients reach us; default `http://<host>:<port>`. */
  readonly publicUrl?: string;
  readonly host: string;
  readonly port: number;
  readonly logger?: FastifyServerOptions["logger"];
  readonly version: string;
}

export interface RunningGateway {
  readonly publicUrl: string;
  /** The address the server listens on (may differ from the public URL behind a proxy). */
  readonly listenUrl: string;
  readonly app: FastifyInstance;
  readonly engines: WorkspaceEngines;
  /** The configuration in force (workspace names → ids of the declared workspaces). */
  applied(): AppliedConfig;
  /** Re-reads and re-applies a configuration file; a broken file leaves the previous one in force. */
  reload(): Promise<void>;
  close(): Promise<void>;
}

const EMPTY: AppliedConfig = {
  workspaces: new Map(),
  relationships: new Map(),
  limits: DEFAULT_LIMITS,
  changes: { created: [], updated: [], removed: [] },
};

export async function startGateway(options: StartGatewayOptions): Promise<RunningGateway> {
  const { store, config: source } = options;
  // The public URL is in the OpenAPI document and every next link, so the port must be known first.
  const port =
    options.port === 0 && options.publicUrl === undefined ? await freePort(options.host) : options.port;
  const publicUrl = (options.publicUrl ?? `http://${urlHost(options.host)}:${port}`).replace(/\/+$/, "");
  let applied = await applyConfig(store, await readConfig(source), managerOf(source));
  const log = forwardingLogger();
  const cache = options.cache ?? new MemoryCache();
  const engines = new WorkspaceEngines({
    store,
    cache,
    skipTokenSecret: store.deriveKey("skip-tokens"),
    limits: applied.limits,
    relationships: (id): readonly RelationshipDef[] => applied.relationships.get(id) ?? [],
    baseDir: source.kind === "file" ? dirname(resolve(source.path)) : source.baseDir,
    log,
  });
  const app = await buildGateway(
    {
      store,
      cache,
      engines,
      audit: new AuditTrail(store),
      publicUrl,
      connectionsChanged: (id) => engines.invalidate(id),
      actionBudget: DEFAULT_ACTION_BUDGET,
      rateLimits: () => applied.limits,
      baseDir: source.kind === "file" ? dirname(resolve(source.path)) : source.baseDir,
      version: options.version,
    },
    { logger: options.logger },
  );
  log.target = app.log;
  logChanges(app, applied);

  const reload = async () => {
    try {
      const next = await applyConfig(store, await readConfig(source), managerOf(source));
      applied = next;
      engines.setLimits(next.limits);
      for (const id of next.workspaces.values()) engines.invalidate(id);
      logChanges(app, next);
    } catch (error) {
      if (error instanceof ConfigError)
        app.log.warn({ issues: error.issues }, `configuration not reloaded: ${error.message}`);
      else app.log.error({ err: error }, "configuration not reloaded");
    }
  };
  const watcher: ConfigWatcher | undefined =
    source.kind === "file" ? watchConfigFile(resolve(source.path), () => void reload()) : undefined;
  let listenUrl: string;
  try {
    listenUrl = await app.listen({ host: options.host, port });
  } catch (error) {
    watcher?.close();
    await app.close();
    await engines.close();
    throw error;
  }
  return {
    publicUrl,
    listenUrl,
    app,
    engines,
    applied: () => applied,
    reload,
    close: async () => {
      watcher?.close();
      await app.close();
      await engines.close();
    },
  };
}

function urlHost(host: string): string {
  if (host === "0.0.0.0" || host === "::") return "localhost";
  return host.includes(":") ? `[${host}]` : host;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, host, () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolvePort(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function readConfig(source: ConfigSource): Promise<HeadgateConfig> {
  if (source.kind === "file") return loadConfigFile(source.path, source.env);
  if (source.kind === "inline") return source.config;
  return { version: 1, workspaces: [], connections: [], relationships: [], limits: EMPTY.limits };
}

function managerOf(source: ConfigSource): string {
  if (source.kind === "file") return configFileManager(source.path);
  if (source.kind === "inline") return source.manager ?? INLINE_CONFIG_MANAGER;
  return INLINE_CONFIG_MANAGER; // declares no workspace: every one is freed
}

function logChanges(app: FastifyInstance, applied: AppliedConfig): void {
  const { created, updated, removed } = applied.changes;
  if (created.length + updated.length + removed.length === 0) return;
  app.log.info({ created, updated, removed }, "configuration applied");
}

/** The engines are built before the app whose logger they should use. */
function forwardingLogger(): Logger & { target: Logger | undefined } {
  return {
    target: undefined,
    info(object, message) {
      this.target?.info(object, message);
    },
    warn(object, message) {
      this.target?.warn(object, message);
    },
  };
}
