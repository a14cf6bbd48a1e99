/**
 * API keys of a workspace. The plaintext exists only in the answer to `create`; the database
 * holds its SHA-256 hash and a short prefix to recognise it by. `authenticate` is the one
 * lookup that is not scoped by a workspace id, because the key itself decides the workspace.
 */
import { randomUUID } from "node:crypto";
import type { Knex } from "knex";
import { nameKey, toDate, toMillis, toOptionalDate } from "../database/column-values.ts";
import { isUniqueViolation, withStorageErrors } from "../database/storage-errors.ts";
import { redactedView } from "../encryption/redaction.ts";
import { notFound, StoreError } from "../errors.ts";
import { inTransaction, type StoreContext } from "../store-context.ts";
import { type ApiKeyScope, parseStoredScopes, validateKeyName, validateScopes } from "./api-key-input.ts";
import {
  bootstrapPrefix,
  generateApiKey,
  hashApiKey,
  hashesMatch,
  MAX_KEY_LENGTH,
  validateBootstrapKey,
} from "./api-key-secret.ts";

export interface ApiKey {
  readonly id: string;
  readonly workspaceId: string;
  readonly name: string;
  readonly scopes: readonly ApiKeyScope[];
  /** The start of the key, enough to recognise it; never enough to use it. */
  readonly prefix: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/**
 * The answer to `create`: the only time the plaintext exists. Its `toJSON` leaves the
 * plaintext out, so handing it to the caller is always a deliberate `created.plaintext`.
 */
export interface CreatedApiKey {
  readonly apiKey: ApiKey;
  readonly plaintext: string;
}

/** Who a presented key speaks for. */
export interface ApiKeyPrincipal {
  readonly workspaceId: string;
  readonly keyId: string;
  readonly scopes: readonly ApiKeyScope[];
}

/** `lastUsedAt` is written at most this often per key, so authentication stays a read. */
export const LAST_USED_RESOLUTION_MS = 60_000;
const BOOTSTRAP_KEY_NAME = "bootstrap";

interface ApiKeyRow {
  id: string;
  workspace_id: string;
  name: string;
  name_key: string;
  key_hash: string;
  prefix: string;
  scopes: string;
  created_at: number | string;
  last_used_at: number | string | null;
  revoked_at: number | string | null;
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    scopes: parseStoredScopes(row.scopes),
    prefix: row.prefix,
    createdAt: toDate(row.created_at),
    lastUsedAt: toOptionalDate(row.last_used_at),
    revokedAt: toOptionalDate(row.revoked_at),
  };
}

function duplicateName(name: string): StoreError {
  return new StoreError(
    "Conflict",
    `An active API key named '${name}' already exists in this workspace; choose another name or revoke that key first.`,
    name,
  );
}

export class ApiKeyRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async create(
    workspaceId: string,
    input: { readonly name: string; readonly scopes: readonly ApiKeyScope[] },
  ): Promise<CreatedApiKey> {
    const name = validateKeyName(input.name);
    const scopes = validateScopes(input.scopes);
    return inTransaction(this.#context, async (trx) => {
      const workspace = await trx("workspaces").where({ id: workspaceId }).first("name");
      if (workspace === undefined) throw notFound("Workspace", workspaceId);
      const { plaintext, prefix } = generateApiKey(String(workspace.name));
      const row = this.#newRow(workspaceId, name, scopes, hashApiKey(plaintext), prefix);
      await insertOrConflict(trx, row);
      const created: CreatedApiKey = { apiKey: toApiKey(row), plaintext };
      return redactedView(created, () => ({ apiKey: created.apiKey }));
    });
  }

  list(workspaceId: string): Promise<ApiKey[]> {
    return withStorageErrors(async () => {
      const rows: ApiKeyRow[] = await this.#context
        .knex("api_keys")
        .where({ workspace_id: workspaceId })
        .orderBy([{ column: "created_at", order: "desc" }, "name_key"]);
      return rows.map(toApiKey);
    });
  }

  async get(workspaceId: string, keyId: string): Promise<ApiKey> {
    const row: ApiKeyRow | undefined = await withStorageErrors(() =>
      this.#context.knex("api_keys").where({ id: keyId, workspace_id: workspaceId }).first(),
    );
    if (row === undefined) throw notFound("API key", keyId);
    return toApiKey(row);
  }

  /** Revokes the key from now on; revoking a revoked key keeps its first revocation time. */
  async revoke(workspaceId: string, keyId: string): Promise<ApiKey> {
    await withStorageErrors(() =>
      this.#context
        .knex("api_keys")
        .where({ id: keyId, workspace_id: workspaceId })
        .whereNull("revoked_at")
        .update({ revoked_at: this.#context.now() }),
    );
    this.#context.authentications.forgetKey(keyId);
    return this.get(workspaceId, keyId);
  }

  /** The principal a presented key speaks for, or null for an unknown or revoked key. */
  async authenticate(plaintext: string): Promise<ApiKeyPrincipal | null> {
    if (typeof plaintext !== "string" || plaintext.length === 0 || plaintext.length > MAX_KEY_LENGTH)
      return null;
    const hash = hashApiKey(plaintext);
    const remembered = this.#context.authentications.get(hash);
    if (remembered !== undefined) return remembered;
    return withStorageErrors(async () => {
      const row: ApiKeyRow | undefined = await this.#context
        .knex("api_keys")
        .where({ key_hash: hash })
        .first();
      if (row === undefined || row.revoked_at !== null || !hashesMatch(hash, row.key_hash)) return null;
      await this.#touch(row);
      const principal = {
        workspaceId: row.workspace_id,
        keyId: row.id,
        scopes: parseStoredScopes(row.scopes),
      };
      this.#context.authentications.remember(hash, principal);
      return principal;
    });
  }

  /**
   * Makes the operator's key (HEADGATE_API_KEY) a key of the workspace, idempotently: the same
   * key again changes nothing but its scopes; a different key under the same name replaces the
   * old one (which is revoked). A key an admin revoked stays revoked.
   */
  async ensureBootstrapKey(
    workspaceId: string,
    plaintext: string,
    scopes: readonly ApiKeyScope[],
    name: string = BOOTSTRAP_KEY_NAME,
  ): Promise<ApiKey> {
    const key = validateBootstrapKey(plaintext);
    const input = { name: validateKeyName(name), scopes: validateScopes(scopes), hash: hashApiKey(key), key };
    try {
      return await this.#ensureBootstrap(workspaceId, input);
    } catch (error) {
      // Another replica inserted the same key at the same moment: now it is there to find.
      if (error instanceof StoreError && error.code === "Conflict" && error.target === input.name) {
        return this.#ensureBootstrap(workspaceId, input);
      }
      throw error;
    } finally {
      // It may have revoked the key it replaces or changed this key's scopes.
      this.#context.authentications.forgetWorkspace(workspaceId);
    }
  }

  #ensureBootstrap(
    workspaceId: string,
    input: { name: string; scopes: ApiKeyScope[]; hash: string; key: string },
  ): Promise<ApiKey> {
    return inTransaction(this.#context, async (trx) => {
      const workspace = await trx("workspaces").where({ id: workspaceId }).first("id");
      if (workspace === undefined) throw notFound("Workspace", workspaceId);
      const existing: ApiKeyRow | undefined = await trx("api_keys").where({ key_hash: input.hash }).first();
      if (existing !== undefined) return reconcileBootstrap(trx, existing, workspaceId, input.scopes);
      await trx("api_keys")
        .where({ workspace_id: workspaceId, name_key: nameKey(input.name) })
        .whereNull("revoked_at")
        .update({ revoked_at: this.#context.now() });
      const row = this.#newRow(workspaceId, input.name, input.scopes, input.hash, bootstrapPrefix(input.key));
      await insertOrConflict(trx, row);
      return toApiKey(row);
    });
  }

  #newRow(workspaceId: string, name: string, scopes: ApiKeyScope[], hash: string, prefix: string): ApiKeyRow {
    return {
      id: randomUUID(),
      workspace_id: workspaceId,
      name,
      name_key: nameKey(name),
      key_hash: hash,
      prefix,
      scopes: JSON.stringify(scopes),
      created_at: this.#context.now(),
      last_used_at: null,
      revoked_at: null,
    };
  }

  /** Records use at most once per resolution window; concurrent replicas write it once. */
  async #touch(row: ApiKeyRow): Promise<void> {
    const now = this.#context.now();
    const threshold = now - LAST_USED_RESOLUTION_MS;
    if (row.last_used_at !== null && toMillis(row.last_used_at) > threshold) return;
    await this.#context
      .knex("api_keys")
      .where({ id: row.id })
      .andWhere((q) => q.whereNull("last_used_at").orWhere("last_used_at", "<=", threshold))
      .update({ last_used_at: now });
  }
}

async function reconcileBootstrap(
  trx: Knex.Transaction,
  existing: ApiKeyRow,
  workspaceId: string,
  scopes: ApiKeyScope[],
): Promise<ApiKey> {
  if (existing.workspace_id !== workspaceId) {
    throw new StoreError(
      "Conflict",
      "HEADGATE_API_KEY is already a key of another workspace; give each workspace its own key.",
      "HEADGATE_API_KEY",
    );
  }
  const stored = JSON.stringify(scopes);
  if (existing.revoked_at !== null || existing.scopes === stored) return toApiKey(existing);
  await trx("api_keys").where({ id: existing.id }).update({ scopes: stored });
  return toApiKey({ ...existing, scopes: stored });
}

async function insertOrConflict(trx: Knex.Transaction, row: ApiKeyRow): Promise<void> {
  try {
    await trx("api_keys").insert(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicateName(row.name);
    throw error;
  }
}
