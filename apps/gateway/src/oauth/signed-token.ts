/**
 * The OAuth artefacts Headgate issues (client ids, authorization codes, access and refresh
 * tokens) are signed statements, not database rows: every replica holding the same
 * HEADGATE_SECRET_KEY verifies them. The store keeps only what must be shared to use a code or a
 * refresh token once (`oauth_grants`, see token-grants.ts). A token is
 * `<prefix><payload>.<signature>`, the payload base64url JSON, the signature HMAC-SHA256 over
 * the prefix and payload, so a token of one kind never passes for another.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type TokenKind = "client" | "code" | "access" | "refresh";

/** Access tokens start `hgo_` (API keys start `hg_`), so a door can tell the two apart. */
export const TOKEN_PREFIX: Readonly<Record<TokenKind, string>> = {
  client: "hgo_client_",
  code: "hgo_code_",
  access: "hgo_at_",
  refresh: "hgo_rt_",
};

export interface TokenSigner {
  sign(kind: TokenKind, payload: Record<string, unknown>, ttlSeconds?: number): string;
  /** The payload of a genuine, unexpired token of `kind`; undefined for anything else. */
  verify(kind: TokenKind, token: string): Record<string, unknown> | undefined;
}

export function tokenSigner(secret: Uint8Array, now: () => number = Date.now): TokenSigner {
  const mac = (text: string) => createHmac("sha256", secret).update(text).digest();
  return {
    sign(kind, payload, ttlSeconds) {
      const body = { ...payload, ...(ttlSeconds === undefined ? {} : { exp: seconds(now()) + ttlSeconds }) };
      const signed = `${TOKEN_PREFIX[kind]}${Buffer.from(JSON.stringify(body)).toString("base64url")}`;
      return `${signed}.${mac(signed).toString("base64url")}`;
    },
    verify(kind, token) {
      if (!token.startsWith(TOKEN_PREFIX[kind])) return undefined;
      const dot = token.lastIndexOf(".");
      if (dot < 0) return undefined;
      const given = Buffer.from(token.slice(dot + 1), "base64url");
      const expected = mac(token.slice(0, dot));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      const payload = parsePayload(token.slice(TOKEN_PREFIX[kind].length, dot));
      if (payload === undefined) return undefined;
      const exp = payload.exp;
      return exp === undefined || (typeof exp === "number" && exp > seconds(now())) ? payload : undefined;
    },
  };
}

function parsePayload(encoded: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
