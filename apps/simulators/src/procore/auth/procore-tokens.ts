/**
 * Procore's OAuth grants on top of the shared token store: access tokens that expire after the
 * configured lifetime, refresh tokens that are single-use and rotate on every refresh, revocation
 * of a whole grant, and the token-info view.
 */
import { type IssuedToken, TokenStore } from "../../core/tokens.ts";

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: "bearer";
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly created_at: number;
}

export interface TokenInfo {
  readonly resource_owner_id: number | null;
  readonly scope: readonly string[];
  readonly expires_in: number;
  readonly application: { readonly uid: string };
  readonly created_at: number;
}

interface Grant {
  readonly clientId: string;
  readonly accessToken: string;
  readonly refreshToken: string | undefined;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly userId: number | null;
}

export class ProcoreTokens {
  private readonly store: TokenStore;
  private readonly byAccess = new Map<string, Grant>();
  private readonly byRefresh = new Map<string, Grant>();
  private readonly revoked = new Set<string>();

  constructor(private readonly lifetimeSeconds: number) {
    this.store = new TokenStore(lifetimeSeconds);
  }

  /** A new grant; `userId` is the user behind an authorization-code grant (none for a service account). */
  issue(clientId: string, withRefresh: boolean, userId: number | null = null): TokenResponse {
    return this.record(clientId, this.store.issue(withRefresh), userId);
  }

  /** Rotates a refresh token: the old one dies whether or not the answer reaches the client. */
  refresh(refreshToken: string, clientId: string): TokenResponse | null {
    const grant = this.byRefresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId || !this.store.useRefreshToken(refreshToken)) return null;
    this.byRefresh.delete(refreshToken);
    return this.record(clientId, this.store.issue(true), grant.userId);
  }

  isValid(accessToken: string | undefined): boolean {
    return accessToken !== undefined && !this.revoked.has(accessToken) && this.store.isValid(accessToken);
  }

  userOf(accessToken: string): number | null {
    return this.byAccess.get(accessToken)?.userId ?? null;
  }

  info(accessToken: string): TokenInfo | null {
    const grant = this.byAccess.get(accessToken);
    if (!grant || !this.isValid(accessToken)) return null;
    return {
      resource_owner_id: grant.userId,
      scope: [],
      expires_in: Math.max(0, Math.round((grant.expiresAt - Date.now()) / 1000)),
      application: { uid: grant.clientId },
      created_at: grant.createdAt,
    };
  }

  /** Revokes the grant the token (access or refresh) belongs to: both tokens stop working. */
  revoke(token: string): void {
    const grant = this.byAccess.get(token) ?? this.byRefresh.get(token);
    if (!grant) return;
    this.revoked.add(grant.accessToken);
    if (grant.refreshToken) {
      this.store.useRefreshToken(grant.refreshToken);
      this.byRefresh.delete(grant.refreshToken);
    }
  }

  /** Every access token issued so far stops working; refresh tokens still work. */
  expireAll(): void {
    this.store.expireAll();
  }

  private record(clientId: string, issued: IssuedToken, userId: number | null): TokenResponse {
    const grant: Grant = {
      clientId,
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      createdAt: issued.createdAt,
      expiresAt: Date.now() + this.lifetimeSeconds * 1000,
      userId,
    };
    this.byAccess.set(issued.accessToken, grant);
    if (issued.refreshToken) this.byRefresh.set(issued.refreshToken, grant);
    return {
      access_token: issued.accessToken,
      token_type: "bearer",
      expires_in: issued.expiresInSeconds,
      ...(issued.refreshToken ? { refresh_token: issued.refreshToken } : {}),
      created_at: issued.createdAt,
    };
  }
}
