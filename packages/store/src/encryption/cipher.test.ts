import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { seal, unseal } from "./cipher.ts";
import { SecretKey } from "./secret-key.ts";

describe("sealing a value (AES-256-GCM)", () => {
  const key = SecretKey.generate();

  it("opens to the same text for any value and context", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string(), (plaintext, context) => {
        expect(unseal(key, seal(key, plaintext, context), context)).toBe(plaintext);
      }),
    );
  });

  it("refuses another context, another key or a flipped bit", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.nat(), (plaintext, context, bit) => {
        const sealed = seal(key, plaintext, context);
        expect(() => unseal(key, sealed, `${context}x`)).toThrow();
        expect(() => unseal(SecretKey.generate(), sealed, context)).toThrow();
        const bytes = Buffer.from(sealed.ciphertext, "base64");
        const at = bit % (bytes.length * 8);
        bytes[at >> 3]! ^= 1 << (at & 7);
        expect(() => unseal(key, { ...sealed, ciphertext: bytes.toString("base64") }, context)).toThrow();
      }),
    );
  });
});

describe("the secret key", () => {
  it("has the same id whether written as hex or base64, and a different id per key", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (raw) => {
        const bytes = Buffer.from(raw);
        const fromHex = SecretKey.parse(bytes.toString("hex"));
        expect(SecretKey.parse(bytes.toString("base64")).id).toBe(fromHex.id);
        expect(SecretKey.parse(` ${bytes.toString("base64url")}\n`).id).toBe(fromHex.id);
        expect(fromHex.id).toMatch(/^k_[0-9a-f]{16}$/);
      }),
    );
    expect(SecretKey.generate().id).not.toBe(SecretKey.generate().id);
  });

  it("never shows its bytes in JSON or inspect output", async () => {
    const { inspect } = await import("node:util");
    const key = SecretKey.generate();
    const text = key.toBase64();
    expect(JSON.stringify({ key })).not.toContain(text);
    expect(inspect(key)).toBe(`SecretKey(${key.id})`);
    expect(JSON.stringify({ key })).not.toContain(key.bytes.toString("hex"));
  });
});
