/**
 * Opaque bearer tokens with lifetimes, shared by the simulators' auth endpoints. Refresh tokens
 * are single-use: using one consumes it, as Procore's rotating refresh tokens do.
 */
import { randomBytes } from "node:crypto";

export interface IssuedToken {
  readonly accessToken: string;
  readonly expiresInSeconds: number;
  readonly refreshToken?: string;
  readonly createdAt: number;
}

export class TokenStore {
  private readonly access = new Map<string, number>();
  private readonly refresh = new Set<string>();

  constructor(private lifetimeSeconds: number) {}

  setLifetime(seconds: number): void {
    this.lifetimeSeconds = seconds;
  }

  issue(withRefresh: boolean): IssuedToken {
    const accessToken = randomBytes(24).toString("base64url");
    const createdAt = Math.floor(Date.now() / 1000);
    this.access.set(accessToken, Date.now() + this.lifetimeSeconds * 1000);
    const refreshToken = withRefresh ? randomBytes(24).toString("base64url") : undefined;
    if (refreshToken) this.refresh.add(refreshToken);
    return {
      accessToken,
      expiresInSeconds: this.lifetimeSeconds,
      createdAt,
      ...(refreshToken ? { refreshToken } : {}),
    };
  }

  /** Consumes a refresh token: true the first time, false ever after. */
  useRefreshToken(token: string): boolean {
    return this.refresh.delete(token);
  }

  isValid(token: string | undefined): boolean {
    if (!token) return false;
    const expires = this.access.get(token);
    return expires !== undefined && expires > Date.now();
  }

  /** Makes every access token issued so far expired (refresh tokens stay usable). */
  expireAll(): void {
    for (const token of this.access.keys()) this.access.set(token, 0);
  }
}

/** The token of an `Authorization: Bearer ...` header. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return match?.[1]?.trim();
}
