/**
 * App-only access tokens shaped like Entra's: a JWT (header.payload.signature) whose claims say
 * who it is for (`aud`), which tenant issued it (`tid`) and which app holds it (`appid`, `roles`),
 * so clients that decode tokens to schedule renewal find the claims they expect. The signature
 * part is an opaque token from the shared store, which decides validity and expiry.
 */
import { randomUUID } from "node:crypto";
import type { TokenStore } from "../../core/tokens.ts";

export const GRAPH_AUDIENCE = "https://graph.microsoft.com";

export type TokenCheck = "valid" | "empty" | "malformed" | "expired" | "unknown" | "wrongAudience";

export interface IssuedAccessToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

export class AccessTokens {
  /** Signatures this simulator issued, so an expired token is told apart from a forged one. */
  private readonly issued = new Set<string>();

  constructor(
    private readonly store: TokenStore,
    private readonly tenantId: string,
    private readonly clientId: string,
  ) {}

  issue(audience: string): IssuedAccessToken {
    const { accessToken: signature, expiresInSeconds, createdAt } = this.store.issue(false);
    this.issued.add(signature);
    const header = { typ: "JWT", alg: "RS256", x5t: "simulator", kid: "simulator" };
    const payload = {
      aud: audience,
      iss: `https://sts.windows.net/${this.tenantId}/`,
      iat: createdAt,
      nbf: createdAt,
      exp: createdAt + expiresInSeconds,
      app_displayname: "Headgate",
      appid: this.clientId,
      appidacr: "1",
      idtyp: "app",
      oid: randomUUID(),
      roles: ["Sites.Read.All", "Files.Read.All"],
      sub: randomUUID(),
      tid: this.tenantId,
      uti: randomUUID().replace(/-/g, "").slice(0, 22),
      ver: "1.0",
    };
    return { accessToken: `${base64url(header)}.${base64url(payload)}.${signature}`, expiresInSeconds };
  }

  check(token: string | undefined): TokenCheck {
    if (!token) return "empty";
    const parts = token.split(".");
    if (parts.length !== 3) return "malformed";
    const signature = parts[2]!;
    if (!this.issued.has(signature)) return "unknown";
    if (!this.store.isValid(signature)) return "expired";
    return audienceOf(parts[1]!) === GRAPH_AUDIENCE ? "valid" : "wrongAudience";
  }
}

function audienceOf(payload: string): string | undefined {
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    return typeof claims === "object" && claims !== null && "aud" in claims ? String(claims.aud) : undefined;
  } catch {
    return undefined;
  }
}
