/**
 * Secret-key rotation: every sealed value is opened with the old key and sealed again under the
 * new one, and the new key id becomes the active one, all in one transaction, so the database
 * is never left half under each key. Writers elsewhere lock the active-key row, so they either
 * finish before the rotation or see that the key moved and refuse (see `assertSealingKeyIsActive`).
 *
 * In embedded mode the key lives in `<dataDir>/secret.key`; the new key is written beside it
 * first and moved into place after the commit, so no crash can lose the key the data needs.
 */
import { resealAllSecrets } from "../connections/secret-rows.ts";
import { invalidInput } from "../errors.ts";
import { resealAllTokens } from "../oauth-tokens/token-row.ts";
import { inTransaction, type StoreContext } from "../store-context.ts";
import { discardPendingKey, promotePendingKey, writePendingKey } from "./key-file.ts";
import { recordActiveKey } from "./key-registry.ts";
import { SecretKey } from "./secret-key.ts";

export interface SecretKeyRotation {
  readonly previousKeyId: string;
  readonly keyId: string;
  readonly resealed: { readonly connectionSecrets: number; readonly oauthTokens: number };
}

export async function rotateSecretKey(
  context: StoreContext,
  newKeyText: string,
  keyFileDir: string | undefined,
): Promise<SecretKeyRotation> {
  const next = SecretKey.parse(newKeyText, "The new secret key");
  const previous = context.keyring.active;
  if (next.id === previous.id) {
    throw invalidInput(
      "secretKey",
      `The new secret key is the key already in use (${previous.id}); generate a new one.`,
    );
  }
  if (keyFileDir !== undefined) await writePendingKey(keyFileDir, next);
  let resealed: SecretKeyRotation["resealed"];
  try {
    resealed = await inTransaction(context, async (trx) => {
      // First, so that concurrent writers of sealed values queue behind the rotation.
      await recordActiveKey(trx, next, previous.id, context.now());
      const connectionSecrets = await resealAllSecrets(trx, context.keyring, next);
      const oauthTokens = await resealAllTokens(trx, context.keyring, next);
      return { connectionSecrets, oauthTokens };
    });
  } catch (error) {
    if (keyFileDir !== undefined) await discardPendingKey(keyFileDir);
    throw error;
  }
  context.keyring.activate(next);
  if (keyFileDir !== undefined) await promotePendingKey(keyFileDir);
  return { previousKeyId: previous.id, keyId: next.id, resealed };
}
