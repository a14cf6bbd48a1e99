/**
 * What every repository shares: the database, the keyring and the clock. Transactions go
 * through here so that every failure surfaces as a `StoreError`, and so that a transaction
 * writing sealed values first checks that this process still seals with the active key.
 */
import type { Knex } from "knex";
import type { AuthenticationCache } from "./api-keys/authentication-cache.ts";
import type { DatabaseKind } from "./database/database-location.ts";
import { withStorageErrors } from "./database/storage-errors.ts";
import { assertSealingKeyIsActive } from "./encryption/key-registry.ts";
import type { Keyring } from "./encryption/keyring.ts";

export interface StoreContext {
  readonly kind: DatabaseKind;
  readonly knex: Knex;
  readonly keyring: Keyring;
  /** Epoch milliseconds; injectable so tests can move time. */
  readonly now: () => number;
  /** Keys authenticated lately, forgotten by whatever changes them through this store. */
  readonly authentications: AuthenticationCache;
}

export function inTransaction<T>(
  context: StoreContext,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return withStorageErrors(() => context.knex.transaction(work));
}

export function inSealingTransaction<T>(
  context: StoreContext,
  work: (trx: Knex.Transaction) => Promise<T>,
): Promise<T> {
  return inTransaction(context, async (trx) => {
    await assertSealingKeyIsActive(trx, context.kind, context.keyring.active);
    return work(trx);
  });
}
