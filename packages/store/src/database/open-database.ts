/**
 * A knex instance for a database location. SQLite gets the pragmas the store relies on
 * (foreign keys for cascades and workspace-scoped references, WAL so readers never block the
 * writer); Postgres gets the configured schema on its search path so every query and the
 * migrations land there without qualifying table names.
 */
import type BetterSqlite3 from "better-sqlite3";
import knexFactory, { type Knex } from "knex";
import type { DatabaseKind, DatabaseLocation } from "./database-location.ts";
import { makeDatabaseFilesOwnerOnly, prepareDataDir } from "./owner-only-files.ts";

export interface Database {
  readonly kind: DatabaseKind;
  readonly knex: Knex;
  /** The Postgres schema, when one was configured. */
  readonly schema: string | undefined;
  /** What an operator should fix about how the data is kept (e.g. a directory others can read). */
  readonly warnings: readonly string[];
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.kind === "sqlite") {
    const warnings = [
      ...(await prepareDataDir(location.dataDir)),
      ...(await makeDatabaseFilesOwnerOnly(location.file)),
    ];
    return { kind: "sqlite", knex: openSqlite(location.file), schema: undefined, warnings };
  }
  const knex = knexFactory({
    client: "pg",
    connection: { connectionString: location.connectionString },
    ...(location.schema === undefined ? {} : { searchPath: [location.schema] }),
    pool: { min: 0, max: 10 },
  });
  return { kind: "postgres", knex, schema: location.schema, warnings: [] };
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
