/**
 * A Postgres role that may only read a Sage schema: what the connector should log in as, so that
 * a stray write fails the way it would against Sage (where writes go through import batches,
 * never SQL). Roles are cluster-wide, so name them per schema and drop them with the schema.
 */
import type { Knex } from "knex";

export interface ReadOnlyRoleOptions {
  /** Create it able to log in (trust or password auth as the server is set up); default NOLOGIN. */
  readonly login?: boolean;
}

export async function createReadOnlyRole(
  knex: Knex,
  schema: string,
  role: string,
  options: ReadOnlyRoleOptions = {},
): Promise<void> {
  await knex.raw(`CREATE ROLE ?? ${options.login ? "LOGIN" : "NOLOGIN"}`, [role]);
  await knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [schema, role]);
  await knex.raw("GRANT SELECT ON ALL TABLES IN SCHEMA ?? TO ??", [schema, role]);
}

/** Drops the role and its grants; nothing to do if it does not exist (a setup that failed early). */
export async function dropReadOnlyRole(knex: Knex, role: string): Promise<void> {
  const found: { rows: unknown[] } = await knex.raw("SELECT 1 FROM pg_roles WHERE rolname = ?", [role]);
  if (found.rows.length === 0) return;
  await knex.raw("DROP OWNED BY ??", [role]);
  await knex.raw("DROP ROLE ??", [role]);
}
