/**
 * At start-up: does the database agree with the key this process holds? A fresh database
 * adopts the key; a database whose secrets need another key refuses to open, naming both key
 * ids (never a key), rather than failing later on every secret it reads.
 */
import type { Knex } from "knex";
import { StoreError } from "../errors.ts";
import { keyIdsInUse, readActiveKeyId, recordActiveKey } from "./key-registry.ts";
import { keyMismatch } from "./keyring.ts";
import type { SecretKey } from "./secret-key.ts";

export async function reconcileActiveKey(knex: Knex, key: SecretKey, now: number): Promise<void> {
  let active = await readActiveKeyId(knex);
  const inUse = await keyIdsInUse(knex);
  if (active === undefined && inUse.every((id) => id === key.id)) {
    await knex.transaction((trx) => recordActiveKey(trx, key, undefined, now));
    // Another replica may have recorded its key first.
    active = await readActiveKeyId(knex);
  }
  if (active !== key.id) {
    if (inUse.length > 0) throw keyMismatch(active ?? inUse[0] ?? "(unknown)", key.id, "The store's secrets");
    // Nothing is sealed yet: taking the new key over costs nothing.
    await knex.transaction((trx) => recordActiveKey(trx, key, active, now));
    return;
  }
  const stray = inUse.filter((id) => id !== key.id);
  if (stray.length > 0) {
    throw new StoreError(
      "SecretKeyMismatch",
      `Some secrets are still encrypted under retired key(s) ${stray.join(", ")} while ${key.id} is active: a key ` +
        "rotation was interrupted outside the store. Restore the database from a backup taken before the rotation, or delete and set those secrets again.",
    );
  }
}
