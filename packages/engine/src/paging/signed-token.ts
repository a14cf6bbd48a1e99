/**
 * The one format of every continuation token the gateway hands out (`$skiptoken` in OData next
 * links, the cursors of the Action API and of MCP): `<payload>.<signature>`, both base64url.
 *
 * The HMAC (SHA-256, first 16 bytes) covers the token's kind, its scope (the workspace) and the
 * payload. So a client can neither alter a token nor pass one kind off as another, a token from
 * one workspace is refused in every other, and every replica that shares the secret accepts the
 * tokens of the others; no state is kept anywhere.
 *
 * The payload is JSON, deflated when that is shorter: a cursor carries a whole query, and
 * clients (ChatGPT among them) send it back in a URL.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { deflateRawSync, inflateRawSync } from "node:zlib";

export type TokenOpening =
  | { readonly ok: true; readonly payload: unknown }
  | { readonly ok: false; readonly reason: "malformed" | "signature" };

export interface TokenSigner {
  seal(payload: unknown): string;
  /** The payload of a token this signer sealed, or why the token is refused. */
  open(token: string): TokenOpening;
}

const SIGNATURE_BYTES = 16;
const PLAIN = 0x6a; // "j": JSON as is
const DEFLATED = 0x7a; // "z": JSON, deflated

/**
 * A signer for tokens of one `kind` (what the token continues) within one `scope` (who may
 * present it, e.g. a workspace id).
 */
export function createTokenSigner(secret: string | Uint8Array, kind: string, scope: string): TokenSigner {
  const context = `headgate:${kind}\u0000${scope}\u0000`;
  const sign = (payload: string) =>
    createHmac("sha256", secret).update(context).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  return {
    seal(payload) {
      const encoded = encodePayload(JSON.stringify(payload)).toString("base64url");
      return `${encoded}.${sign(encoded).toString("base64url")}`;
    },
    open(token) {
      const [encoded, signature, extra] = token.split(".");
      if (!encoded || !signature || extra !== undefined) return { ok: false, reason: "malformed" };
      const given = Buffer.from(signature, "base64url");
      const expected = sign(encoded);
      // Canonical text only: base64's unused low bits would otherwise let an altered token pass.
      const canonical = given.toString("base64url") === signature;
      if (!canonical || given.length !== expected.length || !timingSafeEqual(given, expected))
        return { ok: false, reason: "signature" };
      const payload = decodePayload(Buffer.from(encoded, "base64url"));
      return payload === undefined ? { ok: false, reason: "malformed" } : { ok: true, payload };
    },
  };
}

function encodePayload(json: string): Buffer {
  const plain = Buffer.from(json, "utf8");
  const deflated = deflateRawSync(plain);
  return deflated.length < plain.length
    ? Buffer.concat([Buffer.of(DEFLATED), deflated])
    : Buffer.concat([Buffer.of(PLAIN), plain]);
}

/** Only ever reached for a token whose signature matched: one this service sealed, so no inflation bomb. */
function decodePayload(bytes: Buffer): unknown {
  try {
    const body = bytes.subarray(1);
    if (bytes[0] === PLAIN) return JSON.parse(body.toString("utf8"));
    if (bytes[0] === DEFLATED) return JSON.parse(inflateRawSync(body).toString("utf8"));
  } catch {
    // reported as malformed
  }
  return undefined;
}
