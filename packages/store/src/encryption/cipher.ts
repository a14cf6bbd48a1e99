/**
 * AES-256-GCM sealing of one value. Each value gets a fresh random 12-byte IV; the 16-byte tag
 * authenticates it; the associated data binds the ciphertext to the row it belongs to (the
 * connection and the secret's name), so a ciphertext copied into another row or another
 * workspace fails to open instead of revealing a secret there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretKey } from "./secret-key.ts";

export interface SealedValue {
  readonly keyId: string;
  /** Base64 of the 12-byte IV. */
  readonly iv: string;
  /** Base64 of the 16-byte GCM tag. */
  readonly tag: string;
  /** Base64 of the ciphertext. */
  readonly ciphertext: string;
}

const ALGORITHM = "aes-256-gcm";
const IV_BYTES = 12;

export function seal(key: SecretKey, plaintext: string, context: string): SealedValue {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key.bytes, iv);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    keyId: key.id,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
}

/** Opens a sealed value; throws (without detail) when the key, the context or the bytes are wrong. */
export function unseal(key: SecretKey, sealed: SealedValue, context: string): string {
  const decipher = createDecipheriv(ALGORITHM, key.bytes, Buffer.from(sealed.iv, "base64"));
  decipher.setAAD(Buffer.from(context, "utf8"));
  decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
  return Buffer.concat([
    decipher.update(Buffer.from(sealed.ciphertext, "base64")),
    decipher.final(),
  ]).toString("utf8");
}
