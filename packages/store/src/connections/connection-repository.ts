/**
 * Connections of a workspace: a name, a kind, non-secret settings and encrypted secrets.
 * Reads return secret names only; the values come out solely through `revealSecrets`, which is
 * for connectors about to call their upstream. Every write is one transaction.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { nameKey, toDate } from "../database/column-values.ts";
import { isUniqueViolation, withStorageErrors } from "../database/storage-errors.ts";
import { redactedView, redactRecord } from "../encryption/redaction.ts";
import { notFound, StoreError } from "../errors.ts";
import { inSealingTransaction, type StoreContext } from "../store-context.ts";
import { assertWorkspaceExists } from "../workspaces/workspace-repository.ts";
import {
  type SecretsPatch,
  validateConnectionName,
  validateKind,
  validateSecrets,
  validateSettings,
} from "./connection-input.ts";
import type { JsonObject } from "./json-value.ts";
import { readSecretNames, type SecretRow, sealedOf, secretContext, writeSecrets } from "./secret-rows.ts";

export interface Connection {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly kind: string;
  readonly settings: JsonObject;
  /** Which secrets are set; their values are never part of a connection record. */
  readonly secretNames: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface NewConnection {
  readonly name: string;
  readonly kind: string;
  readonly settings?: JsonObject;
  readonly secrets?: Readonly<Record<string, string>>;
}

export interface ConnectionUpdate {
  readonly name?: string;
  readonly kind?: string;
  /** Replaces the settings object as a whole. */
  readonly settings?: JsonObject;
  /** Sets the given secrets and removes those set to `null`; secrets not named stay as they are. */
  readonly secrets?: SecretsPatch;
}

/** Plaintext secrets of one connection; `JSON.stringify` and `inspect` show names only. */
export type RevealedSecrets = Readonly<Record<string, string>>;

interface ConnectionRow {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  kind: string;
  settings: string;
  created_at: number | string;
  updated_at: number | string;
}

function toConnection(row: ConnectionRow, secretNames: readonly string[]): Connection {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    kind: row.kind,
    settings: JSON.parse(row.settings) as JsonObject,
    secretNames,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

function duplicateName(name: string): StoreError {
  return new StoreError(
    "Conflict",
    `A connection named '${name}' already exists in this workspace (names are compared ignoring case); choose another name.`,
    name,
  );
}

export class ConnectionRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async create(workspaceId: string, input: NewConnection): Promise<Connection> {
    const name = validateConnectionName(input.name);
    const kind = validateKind(input.kind);
    const settings = validateSettings(input.settings ?? {});
    const secrets = validateSecrets(input.secrets ?? {}, false);
    const now = this.#context.now();
    const row: ConnectionRow = {
      id: randomUUID(),
      workspace_id: workspaceId,
      name,
      name_key: nameKey(name),
      kind,
      settings: JSON.stringify(settings),
      created_at: now,
      updated_at: now,
    };
    await inSealingTransaction(this.#context, async (trx) => {
      await assertWorkspaceExists(trx, workspaceId);
      await insertOrConflict(trx("connections").insert(row), name);
      await writeSecrets(trx, this.#context.keyring, { workspaceId, connectionId: row.id }, secrets, now);
    });
    return toConnection(row, Object.keys(secrets).sort());
  }

  list(workspaceId: string): Promise<Connection[]> {
    return withStorageErrors(async () => {
      const rows: ConnectionRow[] = await this.#context
        .knex("connections")
        .where({ workspace_id: workspaceId })
        .orderBy("name_key");
      const names = await readSecretNames(this.#context.knex, workspaceId);
      return rows.map((row) => toConnection(row, names.get(row.id) ?? []));
    });
  }

  async get(workspaceId: string, connectionId: string): Promise<Connection> {
    const found = await withStorageErrors(() =>
      this.#read(this.#context.knex, workspaceId, { id: connectionId }),
    );
    if (found === undefined) throw notFound("Connection", connectionId);
    return found;
  }

  findByName(workspaceId: string, name: string): Promise<Connection | undefined> {
    return withStorageErrors(() => this.#read(this.#context.knex, workspaceId, { name_key: nameKey(name) }));
  }

  /** Applies the whole update or none of it. */
  async update(workspaceId: string, connectionId: string, update: ConnectionUpdate): Promise<Connection> {
    const changes = validateUpdate(update);
    const secrets = update.secrets === undefined ? {} : validateSecrets(update.secrets, true);
    return inSealingTransaction(this.#context, async (trx) => {
      const existing = await this.#read(trx, workspaceId, { id: connectionId });
      if (existing === undefined) throw notFound("Connection", connectionId);
      const now = this.#context.now();
      await writeSecrets(trx, this.#context.keyring, { workspaceId, connectionId }, secrets, now);
      const write = trx("connections")
        .where({ id: connectionId, workspace_id: workspaceId })
        .update({ ...changes, updated_at: now });
      await insertOrConflict(write, changes.name ?? existing.name);
      const updated = await this.#read(trx, workspaceId, { id: connectionId });
      if (updated === undefined) throw notFound("Connection", connectionId);
      return updated;
    });
  }

  /** Deletes the connection with its secrets and OAuth tokens. */
  async delete(workspaceId: string, connectionId: string): Promise<void> {
    const deleted = await withStorageErrors(() =>
      this.#context.knex("connections").where({ id: connectionId, workspace_id: workspaceId }).del(),
    );
    if (deleted === 0) throw notFound("Connection", connectionId);
  }

  /**
   * The plaintext secrets, for a connector about to authenticate upstream. The result
   * serialises (JSON, inspect) with the values redacted, so logging it by mistake is harmless.
   */
  async revealSecrets(workspaceId: string, connectionId: string): Promise<RevealedSecrets> {
    const { connection, rows } = await withStorageErrors(async () => {
      const found = await this.#read(this.#context.knex, workspaceId, { id: connectionId });
      const secretRows: SecretRow[] =
        found === undefined
          ? []
          : await this.#context
              .knex("connection_secrets")
              .where({ workspace_id: workspaceId, connection_id: connectionId })
              .orderBy("name");
      return { connection: found, rows: secretRows };
    });
    if (connection === undefined) throw notFound("Connection", connectionId);
    const secrets: Record<string, string> = {};
    for (const row of rows) {
      const what = `Secret '${row.name}' of connection '${connection.name}'`;
      secrets[row.name] = this.#context.keyring.unseal(sealedOf(row), secretContext(row), what);
    }
    return redactedView(secrets, () => redactRecord(secrets));
  }

  async #read(
    knex: Knex,
    workspaceId: string,
    where: { readonly id: string } | { readonly name_key: string },
  ): Promise<Connection | undefined> {
    const row: ConnectionRow | undefined = await knex("connections")
      .where({ ...where, workspace_id: workspaceId })
      .first();
    if (row === undefined) return undefined;
    const names = await readSecretNames(knex, workspaceId, row.id);
    return toConnection(row, names.get(row.id) ?? []);
  }
}

function validateUpdate(
  update: ConnectionUpdate,
): Partial<Pick<ConnectionRow, "name" | "name_key" | "kind" | "settings">> {
  const changes: Partial<Pick<ConnectionRow, "name" | "name_key" | "kind" | "settings">> = {};
  if (update.name !== undefined) {
    changes.name = validateConnectionName(update.name);
    changes.name_key = nameKey(changes.name);
  }
  if (update.kind !== undefined) changes.kind = validateKind(update.kind);
  if (update.settings !== undefined) changes.settings = JSON.stringify(validateSettings(update.settings));
  return changes;
}

async function insertOrConflict(write: Knex.QueryBuilder | Promise<unknown>, name: string): Promise<void> {
  try {
    await write;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(name);
    throw error;
  }
}
