/**
 * Where the store lives: a Postgres database (and schema) when a URL is given, otherwise an
 * embedded SQLite file under the data directory. Resolved once at open; the URL's password
 * never leaves this module except inside the pg connection settings.
 */
import { join, resolve } from "node:path";
import { StoreError } from "../errors.ts";

export type DatabaseKind = "sqlite" | "postgres";

export type DatabaseLocation =
  | { readonly kind: "sqlite"; readonly dataDir: string; readonly file: string }
  | {
      readonly kind: "postgres";
      /** The connection string without the `schema` parameter (pg does not know it). */
      readonly connectionString: string;
      readonly schema: string | undefined;
      /** The URL with the password masked, for messages. */
      readonly display: string;
    };

export const SQLITE_FILE_NAME = "headgate.sqlite";
export const DEFAULT_DATA_DIR = ".headgate";

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface LocationOptions {
  readonly databaseUrl?: string | undefined;
  readonly schema?: string | undefined;
  readonly dataDir?: string | undefined;
}

export function resolveDatabaseLocation(options: LocationOptions): DatabaseLocation {
  const url = options.databaseUrl?.trim();
  if (url) return postgresLocation(url, options.schema);
  const dataDir = resolve(options.dataDir ?? DEFAULT_DATA_DIR);
  return { kind: "sqlite", dataDir, file: join(dataDir, SQLITE_FILE_NAME) };
}

function postgresLocation(text: string, explicitSchema: string | undefined): DatabaseLocation {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // The text may hold a password: say what is wrong with it, not what it is.
    throw new StoreError(
      "InvalidConfiguration",
      "DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database.",
      "DATABASE_URL",
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new StoreError(
      "InvalidConfiguration",
      `DATABASE_URL must be a postgres:// URL (the scheme is '${url.protocol}'); leave it unset to use the embedded SQLite store.`,
      "DATABASE_URL",
    );
  }
  const schema = explicitSchema ?? url.searchParams.get("schema") ?? undefined;
  url.searchParams.delete("schema");
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new StoreError(
      "InvalidConfiguration",
      `Postgres schema '${schema}' is not valid: use lowercase letters, digits and underscores, starting with a letter or underscore (at most 63 characters).`,
      "schema",
    );
  }
  const display = new URL(url.href);
  if (display.password) display.password = "****";
  return { kind: "postgres", connectionString: url.href, schema, display: display.href };
}
