/**
 * A knex instance for a database location. SQLite gets the pragmas the store relies on
 * (foreign keys for cascades and workspace-scoped references, WAL so readers never block the
 * writer); Postgres gets the configured schema on its search path so every query and the
 * migrations land there without qualifying table names.
 */
import { mkdir } from "node:fs/promises";
import type BetterSqlite3 from "better-sqlite3";
import knexFactory, { type Knex } from "knex";
import type { DatabaseKind, DatabaseLocation } from "./database-location.ts";

export interface Database {
  readonly kind: DatabaseKind;
  readonly knex: Knex;
  /** The Postgres schema, when one was configured. */
  readonly schema: string | undefined;
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.kind === "sqlite") {
    // Owner-only: the directory also holds the generated secret key.
    await mkdir(location.dataDir, { recursive: true, mode: 0o700 });
    return { kind: "sqlite", knex: openSqlite(location.file), schema: undefined };
  }
  const knex = knexFactory({
    client: "pg",
    connection: { connectionString: location.connectionString },
    ...(location.schema === undefined ? {} : { searchPath: [location.schema] }),
    pool: { min: 0, max: 10 },
  });
  return { kind: "postgres", knex, schema: location.schema };
}

function openSqlite(file: string): Knex {
  return knexFactory({
    client: "better-sqlite3",
    connection: { filename: file },
    useNullAsDefault: true,
    pool: {
      min: 1,
      max: 1,
      afterCreate(connection: BetterSqlite3.Database, done: (error: Error | null) => void) {
        connection.pragma("journal_mode = WAL");
        connection.pragma("foreign_keys = ON");
        connection.pragma("busy_timeout = 5000");
        done(null);
      },
    },
  });
}
