/**
 * API key text: generation, hashing and the short prefix kept to recognise a key in lists.
 * Generated keys read `hg_<workspace>_<43 base62 characters>` (about 256 random bits), so a
 * leaked key says where it belongs and secret scanners can match it. Only a SHA-256 hash is
 * stored: with that much entropy a fast hash is enough, and lookups stay one index probe.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { invalidInput } from "../errors.ts";

const BASE62 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const RANDOM_CHARACTERS = 43;
const VISIBLE_RANDOM_CHARACTERS = 6;
const WORKSPACE_TAG_LENGTH = 16;
export const MIN_BOOTSTRAP_KEY_LENGTH = 16;
/** Longer input is refused before hashing: no key we issue or accept is that long. */
export const MAX_KEY_LENGTH = 256;

export interface GeneratedKey {
  readonly plaintext: string;
  readonly prefix: string;
}

export function generateApiKey(workspaceName: string): GeneratedKey {
  const tag = workspaceName.slice(0, WORKSPACE_TAG_LENGTH).replace(/-+$/, "");
  const random = randomBase62(RANDOM_CHARACTERS);
  return {
    plaintext: `hg_${tag}_${random}`,
    prefix: `hg_${tag}_${random.slice(0, VISIBLE_RANDOM_CHARACTERS)}`,
  };
}

/** Uniform base62 by rejection sampling (a plain modulo would favour the first characters). */
function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += BASE62[byte % 62];
    }
  }
  return out;
}

export function hashApiKey(plaintext: string): string {
  return createHash("sha256").update(plaintext, "utf8").digest("hex");
}

/** Constant-time comparison of a presented key's hash with a stored one. */
export function hashesMatch(presentedHash: string, storedHash: string): boolean {
  const a = Buffer.from(presentedHash, "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The prefix shown for an operator-chosen key (HEADGATE_API_KEY): a quarter of it at most, so
 * the part shown never weakens a short key much.
 */
export function bootstrapPrefix(plaintext: string): string {
  return `${plaintext.slice(0, Math.min(6, Math.floor(plaintext.length / 4)))}…`;
}

export function validateBootstrapKey(plaintext: unknown): string {
  if (
    typeof plaintext === "string" &&
    plaintext.length >= MIN_BOOTSTRAP_KEY_LENGTH &&
    plaintext.length <= MAX_KEY_LENGTH
  ) {
    if (!/\s/.test(plaintext)) return plaintext;
  }
  throw invalidInput(
    "HEADGATE_API_KEY",
    `HEADGATE_API_KEY must be ${MIN_BOOTSTRAP_KEY_LENGTH} to ${MAX_KEY_LENGTH} characters without spaces ` +
      "(generate one with `openssl rand -base64 32`).",
  );
}
