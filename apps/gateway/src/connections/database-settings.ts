/**
 * The database a `sql` or `sage300` connection reads, from its settings and secrets. Checked
 * before anything is opened, so an admin's typo comes back as a 400 naming the setting, not as a
 * driver's error text.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Knex } from "knex";
import { GatewayError } from "../errors/gateway-error.ts";

export type DatabaseDialect = "postgres" | "sqlite" | "mssql";
const DIALECTS: readonly DatabaseDialect[] = ["postgres", "sqlite", "mssql"];

export interface DatabaseSettings {
  readonly dialect: DatabaseDialect;
  /** The knex connection (the password is in here: never log it). */
  readonly connection: Knex.StaticConnectionConfig | string;
  readonly schema: string | undefined;
  readonly poolMax: number;
  /** Where the database is, safe to show: no password. */
  readonly display: string;
}

type Settings = Readonly<Record<string, unknown>>;
type Secrets = Readonly<Record<string, string>>;

const DEFAULT_POOL_MAX = 5;

export function readDatabaseSettings(
  settings: Settings,
  secrets: Secrets,
  baseDir: string,
): DatabaseSettings {
  const dialect = settings.dialect ?? "postgres";
  if (typeof dialect !== "string" || !DIALECTS.includes(dialect as DatabaseDialect)) {
    throw invalid(
      "dialect",
      `settings.dialect must be one of ${DIALECTS.join(", ")}; found ${JSON.stringify(dialect)}.`,
    );
  }
  const schema = optionalString(settings, "schema");
  const poolMax = optionalInteger(settings, "poolMax", 1, 100) ?? DEFAULT_POOL_MAX;
  if (dialect === "sqlite") return sqliteSettings(settings, baseDir, poolMax);
  if (dialect === "mssql")
    return { dialect: "mssql", ...mssqlConnection(settings, secrets), schema, poolMax };
  return { dialect: "postgres", ...postgresConnection(settings, secrets), schema, poolMax };
}

function sqliteSettings(settings: Settings, baseDir: string, poolMax: number): DatabaseSettings {
  const file = optionalString(settings, "file");
  if (file === undefined) throw invalid("file", "settings.file must name the SQLite database file.");
  const path = resolve(baseDir, file);
  if (!existsSync(path)) throw invalid("file", `settings.file: no SQLite database at ${path}.`);
  return {
    dialect: "sqlite",
    connection: { filename: path, options: { readonly: true } } as Knex.StaticConnectionConfig,
    schema: undefined,
    poolMax: Math.min(poolMax, 1),
    display: `sqlite:${path}`,
  };
}

function postgresConnection(
  settings: Settings,
  secrets: Secrets,
): Pick<DatabaseSettings, "connection" | "display"> {
  const url = secrets.url ?? optionalString(settings, "url");
  if (url !== undefined) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid("url", "the connection URL is not a URL; expected postgres://user@host:5432/database.");
    }
    if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")
      throw invalid("url", `the connection URL must start with postgres://, not ${parsed.protocol}//.`);
    if (secrets.password !== undefined) parsed.password = encodeURIComponent(secrets.password);
    const display = `${parsed.protocol}//${parsed.username ? `${parsed.username}@` : ""}${parsed.host}${parsed.pathname}`;
    return { connection: parsed.toString(), display };
  }
  const host = optionalString(settings, "host");
  const database = optionalString(settings, "database");
  if (host === undefined || database === undefined)
    throw invalid(
      "url",
      "give settings.url (postgres://user@host:5432/database), or settings.host and settings.database.",
    );
  const port = optionalInteger(settings, "port", 1, 65535) ?? 5432;
  const user = optionalString(settings, "user");
  return {
    connection: {
      host,
      port,
      database,
      ...(user === undefined ? {} : { user }),
      ...(secrets.password === undefined ? {} : { password: secrets.password }),
    },
    display: `postgres://${user ? `${user}@` : ""}${host}:${port}/${database}`,
  };
}

/**
 * SQL Server (a Sage SQL Replicator database): `host` and `database`, optionally `port` (1433),
 * `instanceName`, `user`, `encrypt` (default true) and `trustServerCertificate` (default false);
 * the password is a secret. tedious's own request timeout is switched off so the connector's
 * `timeoutMs` governs (tedious would otherwise stop every statement at 15 s).
 */
function mssqlConnection(
  settings: Settings,
  secrets: Secrets,
): Pick<DatabaseSettings, "connection" | "display"> {
  const host = optionalString(settings, "host");
  const database = optionalString(settings, "database");
  if (host === undefined || database === undefined)
    throw invalid("host", "a SQL Server connection needs settings.host and settings.database.");
  const port = optionalInteger(settings, "port", 1, 65535) ?? 1433;
  const instanceName = optionalString(settings, "instanceName");
  const user = optionalString(settings, "user");
  const options = {
    encrypt: optionalBoolean(settings, "encrypt") ?? true,
    trustServerCertificate: optionalBoolean(settings, "trustServerCertificate") ?? false,
    ...(instanceName === undefined ? {} : { instanceName }),
  };
  return {
    connection: {
      host,
      port,
      database,
      requestTimeout: 0,
      options,
      ...(user === undefined ? {} : { user }),
      ...(secrets.password === undefined ? {} : { password: secrets.password }),
    } as Knex.StaticConnectionConfig,
    display: `mssql://${user ? `${user}@` : ""}${host}${instanceName ? `\\${instanceName}` : `:${port}`}/${database}`,
  };
}

export function optionalBoolean(settings: Settings, name: string): boolean | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") throw invalid(name, `settings.${name} must be true or false.`);
  return value;
}

export function optionalString(settings: Settings, name: string): string | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value.trim() === "")
    throw invalid(name, `settings.${name} must be a non-empty string.`);
  return value;
}

export function optionalInteger(
  settings: Settings,
  name: string,
  min: number,
  max: number,
): number | undefined {
  const value = settings[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max)
    throw invalid(
      name,
      `settings.${name} must be a whole number from ${min} to ${max}; found ${JSON.stringify(value)}.`,
    );
  return value;
}

function invalid(name: string, message: string): GatewayError {
  return new GatewayError("InvalidRequest", message, `settings.${name}`);
}
