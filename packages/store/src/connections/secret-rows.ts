/**
 * A connection's secrets, one row per secret: the name in clear (admins need to see which
 * secrets are set), the value sealed under the active key with the row's identity as
 * associated data.
 */
import type { Knex } from "knex";
import { type SealedValue, seal } from "../encryption/cipher.ts";
import type { Keyring } from "../encryption/keyring.ts";
import type { SecretKey } from "../encryption/secret-key.ts";
import type { SecretsPatch } from "./connection-input.ts";

export interface SecretRow {
  workspace_id: string;
  connection_id: string;
  name: string;
  key_id: string;
  iv: string;
  tag: string;
  ciphertext: string;
  updated_at: number | string;
}

/** The associated data that ties a sealed secret to its workspace, connection and name. */
export function secretContext(row: Pick<SecretRow, "workspace_id" | "connection_id" | "name">): string {
  return `connection-secret\0${row.workspace_id}\0${row.connection_id}\0${row.name}`;
}

export function sealedOf(row: Pick<SecretRow, "key_id" | "iv" | "tag" | "ciphertext">): SealedValue {
  return { keyId: row.key_id, iv: row.iv, tag: row.tag, ciphertext: row.ciphertext };
}

export function sealedColumns(sealed: SealedValue): Pick<SecretRow, "key_id" | "iv" | "tag" | "ciphertext"> {
  return { key_id: sealed.keyId, iv: sealed.iv, tag: sealed.tag, ciphertext: sealed.ciphertext };
}

/** Sets and removes secrets of one connection inside the caller's transaction. */
export async function writeSecrets(
  trx: Knex.Transaction,
  keyring: Keyring,
  ids: { readonly workspaceId: string; readonly connectionId: string },
  patch: SecretsPatch,
  now: number,
): Promise<void> {
  for (const [name, value] of Object.entries(patch)) {
    const where = { workspace_id: ids.workspaceId, connection_id: ids.connectionId, name };
    if (value === null) {
      await trx("connection_secrets").where(where).del();
      continue;
    }
    const row: SecretRow = {
      ...where,
      ...sealedColumns(keyring.seal(value, secretContext(where))),
      updated_at: now,
    };
    await trx("connection_secrets").insert(row).onConflict(["connection_id", "name"]).merge();
  }
}

/** Secret names per connection of one workspace (values are never read here). */
export async function readSecretNames(
  knex: Knex,
  workspaceId: string,
  connectionId?: string,
): Promise<Map<string, string[]>> {
  const query = knex("connection_secrets").where({ workspace_id: workspaceId });
  if (connectionId !== undefined) query.andWhere({ connection_id: connectionId });
  const rows: Pick<SecretRow, "connection_id" | "name">[] = await query
    .orderBy(["connection_id", "name"])
    .select("connection_id", "name");
  const names = new Map<string, string[]>();
  for (const row of rows) {
    const list = names.get(row.connection_id) ?? [];
    list.push(row.name);
    names.set(row.connection_id, list);
  }
  return names;
}

/** Re-seals every connection secret under `next` (a key rotation), inside its transaction. */
export async function resealAllSecrets(
  trx: Knex.Transaction,
  keyring: Keyring,
  next: SecretKey,
): Promise<number> {
  const rows: SecretRow[] = await trx("connection_secrets").select();
  for (const row of rows) {
    const context = secretContext(row);
    const plaintext = keyring.unseal(
      sealedOf(row),
      context,
      `Secret '${row.name}' of connection '${row.connection_id}'`,
    );
    await trx("connection_secrets")
      .where({ connection_id: row.connection_id, name: row.name })
      .update(sealedColumns(seal(next, plaintext, context)));
  }
  return rows.length;
}
