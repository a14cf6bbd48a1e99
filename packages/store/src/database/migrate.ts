/**
 * Brings the schema to the latest migration at start-up. On Postgres several replicas may start
 * at once: knex's own migration lock makes the losers fail rather than wait, so we serialise
 * them first with a transaction-scoped advisory lock keyed by the schema.
 */
import type { Knex } from "knex";
import { migrationSource } from "./migrations.ts";
import type { Database } from "./open-database.ts";
import { isUniqueViolation } from "./storage-errors.ts";

const MIGRATIONS_TABLE = "store_migrations";

export async function migrateToLatest(database: Database): Promise<void> {
  const config: Knex.MigratorConfig = {
    migrationSource,
    tableName: MIGRATIONS_TABLE,
    ...(database.schema === undefined ? {} : { schemaName: database.schema }),
  };
  if (database.kind === "sqlite") {
    await database.knex.migrate.latest(config);
    return;
  }
  if (database.schema !== undefined) await createSchema(database.knex, database.schema);
  await database.knex.transaction(async (trx) => {
    await trx.raw("select pg_advisory_xact_lock(hashtext(?))", [`headgate-store:${database.schema ?? ""}`]);
    await database.knex.migrate.latest(config);
  });
}

async function createSchema(knex: Knex, schema: string): Promise<void> {
  try {
    await knex.raw("create schema if not exists ??", [schema]);
  } catch (error) {
    // Two replicas creating the same schema at once: the loser's IF NOT EXISTS can still
    // trip the catalog's unique index. The schema exists either way.
    if (!isUniqueViolation(error)) throw error;
  }
}
