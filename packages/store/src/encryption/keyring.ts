/**
 * The keys this process can use: one active key that seals every new value, and the keys it
 * may still need to open older values (during a rotation). Opening a value names the key it
 * needs, so a process started with the wrong key fails with that id instead of garbage.
 */
import { StoreError } from "../errors.ts";
import { type SealedValue, seal, unseal } from "./cipher.ts";
import { SECRET_KEY_VARIABLE, type SecretKey } from "./secret-key.ts";

export class Keyring {
  #active: SecretKey;
  readonly #known = new Map<string, SecretKey>();

  constructor(active: SecretKey) {
    this.#active = active;
    this.#known.set(active.id, active);
  }

  get active(): SecretKey {
    return this.#active;
  }

  /** Makes `key` the sealing key; the previous one stays available for opening. */
  activate(key: SecretKey): void {
    this.#known.set(key.id, key);
    this.#active = key;
  }

  seal(plaintext: string, context: string): SealedValue {
    return seal(this.#active, plaintext, context);
  }

  /** `what` names the value for the error ("secret 'password' of connection 'Procore'"). */
  unseal(sealed: SealedValue, context: string, what: string): string {
    const key = this.#known.get(sealed.keyId);
    if (key === undefined) throw keyMismatch(sealed.keyId, this.#active.id, what);
    try {
      return unseal(key, sealed, context);
    } catch (error) {
      throw new StoreError(
        "SecretKeyMismatch",
        `${what} could not be decrypted: its stored bytes were altered or copied from another row. Set the value again.`,
        undefined,
        error,
      );
    }
  }
}

export function keyMismatch(storedKeyId: string, heldKeyId: string, what: string): StoreError {
  return new StoreError(
    "SecretKeyMismatch",
    `${what} is encrypted under secret key ${storedKeyId}, but this process holds key ${heldKeyId}. ` +
      `Start it with the ${SECRET_KEY_VARIABLE} in use (after a key rotation, the new key).`,
    SECRET_KEY_VARIABLE,
  );
}
