/**
 * Where a connection's OAuth tokens live between requests and between replicas. `rotate` is a
 * compare-and-swap on the refresh token (the shape of the store's `OAuthTokenRepository.rotate`):
 * Procore's refresh tokens are single-use, so of two concurrent refreshes only one may write.
 */

export interface StoredTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
}

export type RotateOutcome = { readonly ok: true } | { readonly ok: false; readonly current: StoredTokens };

export interface TokenStore {
  load(): Promise<StoredTokens | undefined>;
  save(tokens: StoredTokens): Promise<void>;
  /** Replaces the tokens only while the stored refresh token is still `previousRefreshToken`. */
  rotate(previousRefreshToken: string, next: StoredTokens): Promise<RotateOutcome>;
}

/** A TokenStore in memory: for tests, and for connections that keep nothing across restarts. */
export function memoryTokenStore(initial?: StoredTokens): TokenStore {
  let current = initial;
  return {
    async load() {
      return current;
    },
    async save(tokens) {
      current = tokens;
    },
    async rotate(previousRefreshToken, next) {
      if (current !== undefined && current.refreshToken !== previousRefreshToken)
        return { ok: false, current };
      current = next;
      return { ok: true };
    },
  };
}
