/**
 * The 256-bit key that seals secrets at rest. It is parsed from text once (64 hex characters or
 * 44 base64 characters) and identified by a fingerprint: the id stored beside every sealed
 * value, so the store can tell which key a row needs without ever storing the key.
 */
import { createHash, randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { StoreError } from "../errors.ts";

export const SECRET_KEY_VARIABLE = "HEADGATE_SECRET_KEY";
const KEY_BYTES = 32;
const HEX = /^[0-9a-fA-F]{64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]{43}=?$/;

export class SecretKey {
  readonly id: string;
  readonly #bytes: Buffer;

  private constructor(bytes: Buffer) {
    this.#bytes = bytes;
    this.id = `k_${createHash("sha256").update("headgate-secret-key-id\0").update(bytes).digest("hex").slice(0, 16)}`;
  }

  /** The raw key, only for the cipher. */
  get bytes(): Buffer {
    return this.#bytes;
  }

  static generate(): SecretKey {
    return new SecretKey(randomBytes(KEY_BYTES));
  }

  /**
   * Parses key text. `source` names where the text came from (the variable or the file), so
   * the error says what to fix; the text itself is never repeated.
   */
  static parse(text: string, source: string = SECRET_KEY_VARIABLE): SecretKey {
    const trimmed = text.trim();
    let bytes: Buffer | undefined;
    if (HEX.test(trimmed)) bytes = Buffer.from(trimmed, "hex");
    else if (BASE64.test(trimmed))
      bytes = Buffer.from(trimmed, trimmed.includes("-") || trimmed.includes("_") ? "base64url" : "base64");
    if (bytes?.length !== KEY_BYTES) {
      throw new StoreError(
        "InvalidConfiguration",
        `${source} must be a 256-bit key: 32 random bytes written as 64 hex characters or 44 base64 characters ` +
          `(generate one with \`openssl rand -base64 32\`); the value given is ${trimmed.length} characters long and is neither.`,
        source,
      );
    }
    return new SecretKey(bytes);
  }

  /** The text form written to the key file. */
  toBase64(): string {
    return this.#bytes.toString("base64");
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }

  [inspect.custom](): string {
    return `SecretKey(${this.id})`;
  }
}
