/**
 * Turns a stored connection (kind, settings, revealed secrets) into a live connector. The one
 * place that knows which package serves which kind; a kind without a connector yet says so.
 */
import type { Cache } from "@headgate/cache";
import { assertKnownSettings } from "@headgate/config";
import type { Connector, TokenStore, UpstreamChange } from "@headgate/connector-kit";
import { createProcoreConnector } from "@headgate/connector-procore";
import { createSage300Connector } from "@headgate/connector-sage300";
import { createSqlConnector, type SqlTableOptions } from "@headgate/connector-sql";
import { cacheScans, type ScanCachePolicy } from "@headgate/engine";
import knexFactory, { type Knex } from "knex";
import { GatewayError } from "../errors/gateway-error.ts";
import { sampleConnector } from "../sample/sample-catalog.ts";
import { readCacheSettings } from "./cache-settings.ts";
import {
  type DatabaseSettings,
  optionalBoolean,
  optionalInteger,
  optionalString,
  readDatabaseSettings,
} from "./database-settings.ts";
import { prefixEntitySets } from "./prefix-entity-sets.ts";
import { readProcoreSettings } from "./procore-settings.ts";

export interface ConnectionDefinition {
  readonly name: string;
  readonly kind: string;
  readonly settings: Readonly<Record<string, unknown>>;
}

export interface OpenedConnection {
  readonly name: string;
  /** Behind the scan cache when the connection caches or meters its upstream requests. */
  readonly connector: Connector;
  /** Forgets the cached scans an upstream change touches (a webhook delivery); 0 when nothing is cached. */
  forgetChange?(change: UpstreamChange): Promise<number>;
  /** Where the connection points, safe to show (no password). */
  readonly display: string;
  close(): Promise<void>;
}

export interface OpenConnectionOptions {
  /** Relative SQLite paths resolve against this directory (the config file's, or the cwd). */
  readonly baseDir: string;
  /** Where an OAuth connection keeps its rotating tokens (the store); in memory when absent. */
  readonly tokens?: TokenStore;
  /**
   * The gateway's shared cache: an upstream connection spends its credential's request budget
   * through it, with every other connection and replica using the same credential.
   */
  readonly cache?: Cache;
  /**
   * Names the connection in the scan cache's keys (workspace and connection ids). Without it the
   * connection's scans are not cached (a connection test reads live).
   */
  readonly cacheKey?: string;
  /** Told about a background refresh of a cached scan that failed. */
  readonly onCacheError?: (error: unknown) => void;
}

export const AVAILABLE_KINDS = ["sql", "sage300", "procore", "memory"] as const;

export async function openConnection(
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: OpenConnectionOptions,
): Promise<OpenedConnection> {
  // Every door opens a connection here before it is saved or served, so a misspelt setting is
  // refused at each of them alike instead of being ignored.
  assertKnownSettings(definition, secrets);
  const prefix = optionalString(definition.settings, "entitySetPrefix");
  if (prefix !== undefined && !/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(prefix))
    throw new GatewayError(
      "InvalidRequest",
      "settings.entitySetPrefix must be letters, digits or '_', starting with a letter (e.g. 'Archive_').",
      "settings.entitySetPrefix",
    );
  const policy = readCacheSettings(definition.settings, definition.kind);
  const opened = await openByKind(definition, secrets, options);
  const named =
    prefix === undefined ? opened : { ...opened, connector: prefixEntitySets(opened.connector, prefix) };
  return withScanCache(named, policy, options);
}

/**
 * The scan cache around a connection that caches (its policy) or meters its upstream requests
 * (a budget to check before reading). Other connections (databases, by default) are served as
 * they are, so the cache costs their queries nothing.
 */
function withScanCache(
  opened: OpenedConnection,
  policy: ScanCachePolicy,
  options: OpenConnectionOptions,
): OpenedConnection {
  const caches = policy.ttlMs > 0 || Object.values(policy.entitySets ?? {}).some((p) => p.ttlMs > 0);
  if (options.cache === undefined || options.cacheKey === undefined) return opened;
  if (!caches && opened.connector.budget === undefined) return opened;
  const connector = cacheScans(opened.connector, {
    cache: options.cache,
    connection: options.cacheKey,
    policy,
    ...(options.onCacheError ? { onError: options.onCacheError } : {}),
  });
  return { ...opened, connector, forgetChange: (change) => connector.forgetChange(change) };
}

async function openByKind(
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: OpenConnectionOptions,
): Promise<OpenedConnection> {
  switch (definition.kind) {
    case "sql":
    case "sage300":
      return openDatabaseConnection(definition, secrets, options);
    case "memory":
      return openMemoryConnection(definition);
    case "procore":
      return openProcoreConnection(definition, secrets, options);
    case "arcgis":
    case "sharepoint":
      throw new GatewayError(
        "NotImplemented",
        `Connection '${definition.name}': the ${definition.kind} connector is not available in this version yet (available kinds: ${AVAILABLE_KINDS.join(", ")}).`,
        "kind",
      );
    default:
      throw new GatewayError(
        "InvalidRequest",
        `Connection '${definition.name}': unknown kind '${definition.kind}'; expected one of ${AVAILABLE_KINDS.join(", ")}.`,
        "kind",
      );
  }
}

function openDatabaseConnection(
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: OpenConnectionOptions,
): OpenedConnection {
  const settings = definition.settings;
  const database = readDatabaseSettings(settings, secrets, options.baseDir);
  const tuning = {
    ...optionalEntry("timeoutMs", optionalInteger(settings, "timeoutMs", 100, 600_000)),
    ...optionalEntry("maxRows", optionalInteger(settings, "maxRows", 1, 100_000_000)),
    ...optionalEntry("pageSize", optionalInteger(settings, "pageSize", 1, 100_000)),
    ...optionalEntry("preparedStatements", optionalBoolean(settings, "preparedStatements")),
  };
  const knex = openKnex(database);
  const common = {
    knex,
    dialect: database.dialect,
    ...(database.schema ? { schema: database.schema } : {}),
    ...tuning,
  };
  const connector =
    definition.kind === "sage300"
      ? createSage300Connector(common)
      : createSqlConnector({ ...common, ...tablesOf(settings) });
  return { name: definition.name, connector, display: database.display, close: () => knex.destroy() };
}

const KNEX_CLIENT: Readonly<Record<DatabaseSettings["dialect"], string>> = {
  postgres: "pg",
  sqlite: "better-sqlite3",
  mssql: "mssql",
};

function openKnex(database: DatabaseSettings): Knex {
  return knexFactory({
    client: KNEX_CLIENT[database.dialect],
    connection: database.connection,
    useNullAsDefault: true,
    pool: { min: 0, max: database.poolMax },
    acquireConnectionTimeout: 10_000,
    // knex prints pool errors to stdout; they reach the caller as errors anyway, and stdout may
    // carry a protocol (MCP stdio) or JSON (`headgate admin --json`).
    log: { warn() {}, error() {}, debug() {}, deprecate() {} },
  });
}

function tablesOf(settings: Readonly<Record<string, unknown>>): { tables?: readonly SqlTableOptions[] } {
  const tables = settings.tables;
  if (tables === undefined || tables === null) return {};
  if (
    !Array.isArray(tables) ||
    tables.some((t) => typeof t !== "object" || t === null || typeof t.table !== "string")
  )
    throw new GatewayError(
      "InvalidRequest",
      "settings.tables must be a list of { table: <name>, ... } entries (see docs/connectors/sql.md).",
      "settings.tables",
    );
  return { tables: tables as SqlTableOptions[] };
}

function openProcoreConnection(
  definition: ConnectionDefinition,
  secrets: Readonly<Record<string, string>>,
  options: OpenConnectionOptions,
): OpenedConnection {
  const settings = readProcoreSettings(definition.settings, secrets, options.tokens);
  const connector = createProcoreConnector({
    ...settings,
    ...(options.cache === undefined ? {} : { cache: options.cache }),
  });
  return {
    name: definition.name,
    connector,
    display: `${settings.baseUrl} (company ${settings.companyId})`,
    close: async () => {
      await connector.close?.();
    },
  };
}

function openMemoryConnection(definition: ConnectionDefinition): OpenedConnection {
  const { dataset = "sample" } = definition.settings;
  if (dataset !== "sample")
    throw new GatewayError(
      "InvalidRequest",
      `settings.dataset: the memory kind serves the built-in 'sample' dataset only; found ${JSON.stringify(dataset)}.`,
      "settings.dataset",
    );
  return {
    name: definition.name,
    connector: sampleConnector(),
    display: "memory:sample",
    close: async () => {},
  };
}

function optionalEntry<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
