/**
 * Ready-made Sage databases: SQLite (a file or `:memory:`) and a Postgres schema, each loaded with
 * the company's data and returned as a knex instance with the load summary.
 *
 * Read-only: the Sage connector must only SELECT, as against the real Timberline ODBC driver or
 * the replicated SQL Server copy (upstreams.md §5.1, §5.3). `openSageSqliteReadOnly` opens a
 * loaded SQLite file read-only; for Postgres see read-only-role.ts.
 */
import type { Company } from "@headgate/demo-world";
import knexFactory, { type Knex } from "knex";
import pg from "pg";
import { type LoadOptions, type LoadSummary, loadSageDatabase } from "./load-sage-database.ts";

export interface SageDatabase {
  readonly knex: Knex;
  readonly summary: LoadSummary;
}

type SqliteOptions = Omit<LoadOptions, "schema">;

export async function createSageSqlite(
  company: Company,
  filename: string,
  options: SqliteOptions = {},
): Promise<SageDatabase> {
  const knex = sqliteKnex(filename, false);
  try {
    return { knex, summary: await loadSageDatabase(knex, company, options) };
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}

/** A loaded SQLite file opened so that any write fails (`SQLITE_READONLY`). */
export function openSageSqliteReadOnly(filename: string): Knex {
  return sqliteKnex(filename, true);
}

function sqliteKnex(filename: string, readonly: boolean): Knex {
  // One connection: a `:memory:` database exists only on the connection that created it.
  return knexFactory({
    client: "better-sqlite3",
    connection: { filename, options: { readonly } },
    useNullAsDefault: true,
    pool: { min: 1, max: 1 },
  });
}

export type PgConnection = string | Knex.PgConnectionConfig;

export async function createSagePostgres(
  company: Company,
  connection: PgConnection,
  schema: string,
  options: Omit<LoadOptions, "schema"> = {},
): Promise<SageDatabase> {
  const knex = sagePostgresKnex(connection, schema);
  try {
    return { knex, summary: await loadSageDatabase(knex, company, { ...options, schema }) };
  } catch (error) {
    await knex.destroy();
    throw error;
  }
}

/**
 * A knex instance on a Sage schema: unqualified names resolve to it, DATE comes back as
 * `YYYY-MM-DD` (as from SQLite, instead of a local-midnight Date) and COUNT's bigint as a number.
 */
export function sagePostgresKnex(connection: PgConnection, schema: string): Knex {
  const config = typeof connection === "string" ? { connectionString: connection } : connection;
  return knexFactory({
    client: "pg",
    connection: { ...config, types: { getTypeParser: sageTypeParser } },
    searchPath: [schema],
  });
}

const DATE_OID = 1082;
const INT8_OID = 20;

function sageTypeParser(oid: number, format: string): (value: string) => unknown {
  if (oid === DATE_OID) return (value) => value;
  if (oid === INT8_OID) return (value) => Number(value);
  return pg.types.getTypeParser(oid, format as "text");
}
