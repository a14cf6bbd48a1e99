/**
 * One engine per workspace, built from the workspace's connections in the store and cached.
 * A workspace's engine is rebuilt when its connections change: at once on this replica (the
 * admin API and config reload call `invalidate`), and within `refreshIntervalMs` on the others,
 * which compare a cheap fingerprint of the connection rows. A connection that fails to open is
 * left out and reported (`problems`), so one broken upstream does not take its workspace down.
 */
import type { Cache } from "@headgate/cache";
import type { ChangeDestination, ChangeSubscription, UpstreamChange } from "@headgate/connector-kit";
import { Catalog, Engine, type RelationshipDef } from "@headgate/engine";
import { ODataError } from "@headgate/odata";
import type { Connection, Store } from "@headgate/store";
import { type OpenedConnection, openConnection } from "../connections/open-connection.ts";
import { storeTokenStore } from "../connections/store-token-store.ts";
import { GatewayError } from "../errors/gateway-error.ts";

export interface EngineLimits {
  readonly maxPageSize: number;
  readonly timeoutMs: number;
}

export interface ConnectionProblem {
  readonly connection: string;
  readonly code: string;
  readonly message: string;
}

export interface WorkspaceRuntime {
  readonly workspaceId: string;
  readonly engine: Engine;
  readonly connections: readonly { readonly name: string; readonly kind: string; readonly display: string }[];
  readonly problems: readonly ConnectionProblem[];
  /** The name of the connection that serves an entity set (any case), if one does. */
  readonly connectionOf: (entitySet: string) => string | undefined;
  /**
   * Forgets the cached scans of one connection that an upstream change touches (a webhook
   * delivery); resolves to how many were cached. An unknown connection forgets nothing.
   */
  readonly forgetChange: (connection: string, change: UpstreamChange) => Promise<number>;
  /** Registers `destination` with the connection's upstream to be told of its changes. */
  readonly subscribeToChanges: (
    connection: string,
    destination: ChangeDestination,
  ) => Promise<ChangeSubscription>;
}

export interface Logger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface WorkspaceEnginesOptions {
  readonly store: Store;
  readonly skipTokenSecret: Uint8Array;
  readonly limits: EngineLimits;
  /** Relationships declared in configuration for a workspace (by id). */
  readonly relationships?: (workspaceId: string) => readonly RelationshipDef[];
  /** Relative SQLite paths in settings resolve against this directory. */
  readonly baseDir: string;
  readonly log: Logger;
  readonly refreshIntervalMs?: number;
  /** How long a replaced engine's connections stay open for queries still running on them. */
  readonly drainMs?: number;
  /** The gateway's shared cache, through which upstream connections share their request budgets. */
  readonly cache?: Cache;
}

interface Cached {
  readonly fingerprint: string;
  readonly runtime: WorkspaceRuntime;
  readonly opened: readonly OpenedConnection[];
  checkedAt: number;
}

export class WorkspaceEngines {
  readonly #options: WorkspaceEnginesOptions;
  #limits: EngineLimits;
  readonly #cache = new Map<string, Cached>();
  readonly #building = new Map<string, Promise<WorkspaceRuntime>>();
  readonly #draining = new Set<ReturnType<typeof setTimeout>>();

  constructor(options: WorkspaceEnginesOptions) {
    this.#options = options;
    this.#limits = options.limits;
  }

  /** New limits (a reloaded headgate.yaml) apply to every workspace from its next query. */
  setLimits(limits: EngineLimits): void {
    if (limits.maxPageSize === this.#limits.maxPageSize && limits.timeoutMs === this.#limits.timeoutMs)
      return;
    this.#limits = limits;
    this.invalidate();
  }

  async engine(workspaceId: string): Promise<Engine> {
    return (await this.runtime(workspaceId)).engine;
  }

  async runtime(workspaceId: string): Promise<WorkspaceRuntime> {
    const cached = this.#cache.get(workspaceId);
    const interval = this.#options.refreshIntervalMs ?? 10_000;
    if (cached && Date.now() - cached.checkedAt < interval && cached.runtime.problems.length === 0)
      return cached.runtime;
    const pending = this.#building.get(workspaceId);
    if (pending) return pending;
    const build = this.#refresh(workspaceId, cached).finally(() => this.#building.delete(workspaceId));
    this.#building.set(workspaceId, build);
    return build;
  }

  /** Forgets a workspace's engine (all of them without an id); the next query rebuilds it. */
  invalidate(workspaceId?: string): void {
    const ids = workspaceId === undefined ? [...this.#cache.keys()] : [workspaceId];
    for (const id of ids) {
      const cached = this.#cache.get(id);
      if (!cached) continue;
      this.#cache.delete(id);
      this.#retire(cached.opened);
    }
  }

  async close(): Promise<void> {
    for (const timer of this.#draining) clearTimeout(timer);
    this.#draining.clear();
    const all = [...this.#cache.values()].flatMap((c) => c.opened);
    this.#cache.clear();
    await Promise.allSettled(all.map((o) => o.close()));
  }

  async #refresh(workspaceId: string, cached: Cached | undefined): Promise<WorkspaceRuntime> {
    const connections = await this.#options.store.connections.list(workspaceId);
    const fingerprint = fingerprintOf(connections, this.#options.relationships?.(workspaceId) ?? []);
    if (cached && cached.fingerprint === fingerprint && cached.runtime.problems.length === 0) {
      cached.checkedAt = Date.now();
      return cached.runtime;
    }
    const built = await this.#build(workspaceId, connections);
    const next: Cached = { ...built, fingerprint, checkedAt: Date.now() };
    const previous = this.#cache.get(workspaceId);
    this.#cache.set(workspaceId, next);
    if (previous) this.#retire(previous.opened);
    return next.runtime;
  }

  async #build(
    workspaceId: string,
    connections: readonly Connection[],
  ): Promise<{ runtime: WorkspaceRuntime; opened: OpenedConnection[] }> {
    const { store, baseDir, log, cache } = this.#options;
    const opened: OpenedConnection[] = [];
    const problems: ConnectionProblem[] = [];
    const owners = new Map<string, string>();
    for (const connection of connections) {
      try {
        const secrets = await store.connections.revealSecrets(workspaceId, connection.id);
        const tokens = storeTokenStore(store, workspaceId, connection.id);
        const live = await openConnection(connection, secrets, {
          baseDir,
          tokens,
          ...(cache === undefined ? {} : { cache }),
          cacheKey: `${workspaceId}/${connection.id}`,
          onCacheError: (error) =>
            log.warn(
              { workspaceId, connection: connection.name, err: error },
              "a background refresh of a cached scan failed; the cached rows answer until they expire",
            ),
        });
        try {
          claimNames(owners, connection.name, await live.connector.describe());
          opened.push(live);
        } catch (error) {
          await live.close().catch(() => {});
          throw error;
        }
      } catch (error) {
        const problem = describeProblem(connection.name, error);
        problems.push(problem);
        log.warn({ workspaceId, connection: connection.name, code: problem.code }, problem.message);
      }
    }
    const catalog = await this.#catalog(workspaceId, opened, problems);
    const engine = new Engine({
      catalog,
      skipTokenSecret: this.#options.skipTokenSecret,
      // Paging tokens and cursors of one workspace are refused in every other.
      tokenScope: workspaceId,
      ...this.#limits,
    });
    const runtime: WorkspaceRuntime = {
      workspaceId,
      engine,
      connections: opened.map((o) => ({ name: o.name, kind: o.connector.kind, display: o.display })),
      problems,
      connectionOf: (entitySet) => owners.get(entitySet.toLowerCase()),
      forgetChange: async (name, change) =>
        (await opened.find((o) => o.name === name)?.forgetChange?.(change)) ?? 0,
      subscribeToChanges: (name, destination) => subscribeToChanges(opened, name, destination),
    };
    return { runtime, opened };
  }

  /**
   * The catalog of the connections that opened. A relationship or a model conflict that cannot
   * be satisfied is reported and left out, never allowed to hide the connections that work.
   */
  async #catalog(
    workspaceId: string,
    opened: OpenedConnection[],
    problems: ConnectionProblem[],
  ): Promise<Catalog> {
    const entries = opened.map((o) => ({ name: o.name, connector: o.connector }));
    const relationships = this.#options.relationships?.(workspaceId) ?? [];
    try {
      return await Catalog.build(entries, { relationships });
    } catch (error) {
      if (relationships.length > 0) problems.push(describeProblem("(relationships)", error));
    }
    const kept: typeof entries = [];
    for (const entry of entries) {
      try {
        await Catalog.build([...kept, entry]);
        kept.push(entry);
      } catch (error) {
        problems.push(describeProblem(entry.name, error));
        const index = opened.findIndex((o) => o.name === entry.name);
        const [dropped] = opened.splice(index, 1);
        await dropped?.close().catch(() => {});
      }
    }
    return Catalog.build(kept);
  }

  #retire(opened: readonly OpenedConnection[]): void {
    const timer = setTimeout(() => {
      this.#draining.delete(timer);
      for (const o of opened) o.close().catch(() => {});
    }, this.#options.drainMs ?? this.#limits.timeoutMs);
    timer.unref();
    this.#draining.add(timer);
  }
}

function subscribeToChanges(
  opened: readonly OpenedConnection[],
  name: string,
  destination: ChangeDestination,
): Promise<ChangeSubscription> {
  const connection = opened.find((o) => o.name === name);
  if (connection === undefined)
    throw new GatewayError("NotFound", `No open connection '${name}' in this workspace.`, name);
  if (connection.connector.subscribeToChanges === undefined)
    throw new GatewayError(
      "NotImplemented",
      `Connection '${name}' (kind ${connection.connector.kind}) cannot announce its changes: its upstream has no webhooks Headgate can register. Its cached scans expire with their TTL.`,
      name,
    );
  return connection.connector.subscribeToChanges(destination);
}

/** Entity set names are the workspace's namespace: a second connection may not shadow the first. */
function claimNames(
  owners: Map<string, string>,
  connection: string,
  sets: readonly { name: string }[],
): void {
  for (const { name } of sets) {
    const owner = owners.get(name.toLowerCase());
    if (owner !== undefined)
      throw new GatewayError(
        "InvalidRequest",
        `connection '${connection}' exposes entity set '${name}', which connection '${owner}' already exposes; set settings.entitySetPrefix on one of them (e.g. '${connection[0]?.toUpperCase()}${connection.slice(1)}_').`,
        "settings.entitySetPrefix",
      );
  }
  for (const { name } of sets) owners.set(name.toLowerCase(), connection);
}

function fingerprintOf(
  connections: readonly Connection[],
  relationships: readonly RelationshipDef[],
): string {
  const rows = connections.map((c) => `${c.id}@${c.updatedAt.getTime()}`).sort();
  return JSON.stringify([rows, relationships]);
}

export function describeProblem(connection: string, error: unknown): ConnectionProblem {
  if (error instanceof ODataError) return { connection, code: error.code, message: error.message };
  // Driver errors can carry hosts and user names but not passwords; keep only their first line.
  const text = error instanceof Error ? error.message.split("\n")[0] : String(error);
  return {
    connection,
    code: "ConnectionUnavailable",
    message: `connection '${connection}' could not be opened: ${text}`,
  };
}
