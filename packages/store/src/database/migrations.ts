/**
 * The store's schema, as knex migrations defined in code (a migration source, not files on
 * disk, so the package works from any working directory and bundles cleanly). Every migration
 * uses only portable column types, so SQLite and Postgres hold the identical schema.
 *
 * Design notes:
 * - Instants are BIGINT epoch milliseconds; ids are UUID text; JSON is TEXT.
 * - Child rows carry their `workspace_id` and reference the parent by (workspace_id, id), so the
 *   database itself refuses a row that points into another workspace.
 * - Names are unique per workspace on their lowercase form (`name_key`).
 * - Encrypted values keep the id of the key that sealed them (`key_id`) next to IV, tag and
 *   ciphertext, so a rotation can be checked row by row.
 */
import type { Knex } from "knex";

export interface Migration {
  readonly name: string;
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

function sealedColumns(t: Knex.CreateTableBuilder, prefix: string, nullable: boolean): void {
  for (const [column, length] of [
    ["iv", 32],
    ["tag", 32],
  ] as const) {
    const c = t.string(`${prefix}${column}`, length);
    if (!nullable) c.notNullable();
  }
  const ciphertext = t.text(`${prefix}ciphertext`);
  if (!nullable) ciphertext.notNullable();
}

const initial: Migration = {
  name: "0001_initial",
  async up(knex) {
    await knex.schema.createTable("store_settings", (t) => {
      t.string("name", 64).primary();
      t.text("value").notNullable();
    });
    await knex.schema.createTable("secret_keys", (t) => {
      t.string("key_id", 32).primary();
      t.bigInteger("activated_at").notNullable();
      t.bigInteger("retired_at");
    });
    await knex.schema.createTable("workspaces", (t) => {
      t.string("id", 36).primary();
      t.string("name", 40).notNullable().unique();
      t.bigInteger("created_at").notNullable();
    });
    await knex.schema.createTable("connections", (t) => {
      t.string("id", 36).primary();
      t.string("workspace_id", 36).notNullable().references("id").inTable("workspaces").onDelete("CASCADE");
      t.string("name", 64).notNullable();
      t.string("name_key", 64).notNullable();
      t.string("kind", 32).notNullable();
      t.text("settings").notNullable();
      t.bigInteger("created_at").notNullable();
      t.bigInteger("updated_at").notNullable();
      t.unique(["workspace_id", "name_key"], { indexName: "connections_workspace_name_unique" });
      t.unique(["workspace_id", "id"], { indexName: "connections_workspace_id_unique" });
    });
    await knex.schema.createTable("connection_secrets", (t) => {
      t.string("workspace_id", 36).notNullable();
      t.string("connection_id", 36).notNullable();
      t.string("name", 64).notNullable();
      t.string("key_id", 32).notNullable();
      sealedColumns(t, "", false);
      t.bigInteger("updated_at").notNullable();
      t.primary(["connection_id", "name"]);
      t.foreign(["workspace_id", "connection_id"])
        .references(["workspace_id", "id"])
        .inTable("connections")
        .onDelete("CASCADE");
    });
    await knex.schema.createTable("oauth_tokens", (t) => {
      t.string("connection_id", 36).primary();
      t.string("workspace_id", 36).notNullable();
      t.string("key_id", 32).notNullable();
      sealedColumns(t, "access_token_", false);
      sealedColumns(t, "refresh_token_", true);
      t.bigInteger("expires_at");
      // Compare-and-swap counter: a rotation only lands on the version it read.
      t.integer("version").notNullable();
      t.bigInteger("updated_at").notNullable();
      t.foreign(["workspace_id", "connection_id"])
        .references(["workspace_id", "id"])
        .inTable("connections")
        .onDelete("CASCADE");
    });
    await knex.schema.createTable("api_keys", (t) => {
      t.string("id", 36).primary();
      t.string("workspace_id", 36).notNullable().references("id").inTable("workspaces").onDelete("CASCADE");
      t.string("name", 64).notNullable();
      t.string("name_key", 64).notNullable();
      t.string("key_hash", 64).notNullable().unique();
      t.string("prefix", 64).notNullable();
      t.text("scopes").notNullable();
      t.bigInteger("created_at").notNullable();
      t.bigInteger("last_used_at");
      t.bigInteger("revoked_at");
      t.unique(["workspace_id", "id"], { indexName: "api_keys_workspace_id_unique" });
      // A revoked key frees its name, so a replacement can carry it.
      t.unique(["workspace_id", "name_key"], {
        indexName: "api_keys_workspace_active_name_unique",
        predicate: knex.whereNull("revoked_at"),
        useConstraint: false,
      });
    });
    await knex.schema.createTable("audit_log", (t) => {
      t.bigIncrements("id").primary();
      t.string("workspace_id", 36).notNullable().references("id").inTable("workspaces").onDelete("CASCADE");
      t.string("key_id", 36);
      t.string("door", 8).notNullable();
      t.string("entity_set", 128);
      t.text("query").notNullable();
      t.text("pushed");
      t.text("residual");
      t.integer("upstream_calls").notNullable();
      t.bigInteger("rows").notNullable();
      t.bigInteger("bytes").notNullable();
      t.integer("duration_ms").notNullable();
      t.string("outcome", 8).notNullable();
      t.string("error_code", 64);
      t.bigInteger("at").notNullable();
      t.index(["workspace_id", "at", "id"], "audit_log_workspace_at");
      t.foreign(["workspace_id", "key_id"]).references(["workspace_id", "id"]).inTable("api_keys");
    });
  },
  async down(knex) {
    for (const table of [
      "audit_log",
      "api_keys",
      "oauth_tokens",
      "connection_secrets",
      "connections",
      "workspaces",
      "secret_keys",
      "store_settings",
    ]) {
      await knex.schema.dropTableIfExists(table);
    }
  },
};

/**
 * OAuth grants of Headgate's own authorization server (/mcp sign-in): one row per redeemed
 * authorization code, so a code is redeemed once across every replica, and a refresh token is
 * used once (`generation` counts its rotations; a replayed one revokes the grant).
 */
const oauthGrants: Migration = {
  name: "0002_oauth_grants",
  async up(knex) {
    await knex.schema.createTable("oauth_grants", (t) => {
      t.string("id", 64).primary();
      t.string("workspace_id", 36).notNullable().references("id").inTable("workspaces").onDelete("CASCADE");
      t.string("key_id", 36).notNullable();
      t.string("client_tag", 64).notNullable();
      t.integer("generation").notNullable();
      t.bigInteger("created_at").notNullable();
      t.bigInteger("expires_at").notNullable();
      t.bigInteger("revoked_at");
      t.index(["expires_at"], "oauth_grants_expires_at");
      t.foreign(["workspace_id", "key_id"])
        .references(["workspace_id", "id"])
        .inTable("api_keys")
        .onDelete("CASCADE");
    });
  },
  async down(knex) {
    await knex.schema.dropTableIfExists("oauth_grants");
  },
};

/**
 * Audit doors as the client reached them (`mcp-stdio` needs 9 characters; the column held 8).
 * SQLite does not enforce VARCHAR lengths, so only Postgres changes. Entries written before keep
 * their door (`rest`, `mcp`): which of the new doors they came through is not known.
 */
const auditDoors: Migration = {
  name: "0003_audit_doors",
  async up(knex) {
    if (!isPostgres(knex)) return;
    await knex.schema.alterTable("audit_log", (t) => {
      t.string("door", 16).notNullable().alter();
    });
  },
  async down(knex) {
    // The earlier version knows only its own doors: MCP's two become `mcp`, the others `rest`.
    await knex("audit_log").whereIn("door", ["mcp-http", "mcp-stdio"]).update({ door: "mcp" });
    await knex("audit_log").whereIn("door", ["odata", "action", "admin"]).update({ door: "rest" });
    if (!isPostgres(knex)) return;
    await knex.schema.alterTable("audit_log", (t) => {
      t.string("door", 8).notNullable().alter();
    });
  },
};

function isPostgres(knex: Knex): boolean {
  return knex.client.config.client === "pg";
}

/**
 * What manages a workspace's connections: the configuration a gateway applies (a file, the
 * demo's) records itself here, so every process sharing the store (the admin API of each
 * replica, the CLI) refuses the same changes for the same reason. Null: the admin API and CLI do.
 */
const workspaceManagers: Migration = {
  name: "0004_workspace_managers",
  async up(knex) {
    await knex.schema.alterTable("workspaces", (t) => {
      t.text("managed_by");
    });
  },
  async down(knex) {
    await knex.schema.alterTable("workspaces", (t) => {
      t.dropColumn("managed_by");
    });
  },
};

export const MIGRATIONS: readonly Migration[] = [initial, oauthGrants, auditDoors, workspaceManagers];

export const migrationSource: Knex.MigrationSource<Migration> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: (migration) => migration.name,
  getMigration: async (migration) => migration,
};

/** The tables the current schema holds, for tests and diagnostics. */
export const STORE_TABLES = [
  "store_settings",
  "secret_keys",
  "workspaces",
  "connections",
  "connection_secrets",
  "oauth_tokens",
  "api_keys",
  "audit_log",
  "oauth_grants",
] as const;
