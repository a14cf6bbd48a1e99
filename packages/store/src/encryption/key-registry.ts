/**
 * What the database knows about secret keys: which key id is active (one row in
 * `store_settings`, the row every writer of secrets locks against a concurrent rotation) and
 * the history of key ids with their activation and retirement (`secret_keys`), so a database
 * whose rows are sealed under several keys (a half-finished rotation) is detectable.
 */
import type { Knex } from "knex";
import type { DatabaseKind } from "../database/database-location.ts";
import { StoreError } from "../errors.ts";
import { keyMismatch } from "./keyring.ts";
import type { SecretKey } from "./secret-key.ts";

const ACTIVE_KEY_SETTING = "active_secret_key_id";

/** Tables that hold sealed values, each with a `key_id` column. */
export const SEALED_TABLES = ["connection_secrets", "oauth_tokens"] as const;

export async function readActiveKeyId(knex: Knex): Promise<string | undefined> {
  const row = await knex("store_settings").where({ name: ACTIVE_KEY_SETTING }).first("value");
  return row === undefined ? undefined : String(row.value);
}

/** Every key id some sealed row still needs, sorted. */
export async function keyIdsInUse(knex: Knex): Promise<string[]> {
  const ids = new Set<string>();
  for (const table of SEALED_TABLES) {
    for (const row of await knex(table).distinct("key_id")) ids.add(String(row.key_id));
  }
  return [...ids].sort();
}

export async function retiredKeyIds(knex: Knex): Promise<string[]> {
  const rows = await knex("secret_keys").whereNotNull("retired_at").orderBy("retired_at").select("key_id");
  return rows.map((row) => String(row.key_id));
}

/**
 * Inside a transaction that writes sealed values: refuses when another process has rotated the
 * key away from the one this process seals with. On Postgres the shared row lock makes the
 * check and the write atomic with respect to a rotation (which updates that row).
 */
export async function assertSealingKeyIsActive(
  trx: Knex.Transaction,
  kind: DatabaseKind,
  key: SecretKey,
): Promise<void> {
  const query = trx("store_settings").where({ name: ACTIVE_KEY_SETTING }).first("value");
  const row = await (kind === "postgres" ? query.forShare() : query);
  const active = row === undefined ? undefined : String(row.value);
  if (active !== key.id) throw keyMismatch(active ?? "(none)", key.id, "The store's secrets");
}

/** Records `next` as the active key, retiring `previousId`, inside the caller's transaction. */
export async function recordActiveKey(
  trx: Knex.Transaction,
  next: SecretKey,
  previousId: string | undefined,
  now: number,
): Promise<void> {
  if (previousId === undefined) {
    await trx("store_settings")
      .insert({ name: ACTIVE_KEY_SETTING, value: next.id })
      .onConflict("name")
      .ignore();
  } else {
    const moved = await trx("store_settings")
      .where({ name: ACTIVE_KEY_SETTING, value: previousId })
      .update({ value: next.id });
    if (moved !== 1) {
      throw new StoreError(
        "SecretKeyMismatch",
        "The active secret key changed while this process was switching keys (another process rotated it); restart with the current key.",
      );
    }
    await trx("secret_keys")
      .where({ key_id: previousId })
      .whereNull("retired_at")
      .update({ retired_at: now });
  }
  await trx("secret_keys")
    .insert({ key_id: next.id, activated_at: now, retired_at: null })
    .onConflict("key_id")
    .merge({ activated_at: now, retired_at: null });
}
