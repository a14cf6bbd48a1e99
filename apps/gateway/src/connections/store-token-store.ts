/**
 * A connection's OAuth tokens in the configuration store, as the wire client's TokenStore:
 * `rotate` is the store's compare-and-swap, so two replicas refreshing one single-use refresh
 * token at once cannot lose it (the loser adopts the winner's tokens).
 */
import type { StoredTokens, TokenStore } from "@headgate/connector-kit";
import type { Store } from "@headgate/store";

const plain = (tokens: StoredTokens): StoredTokens => ({
  accessToken: tokens.accessToken,
  refreshToken: tokens.refreshToken,
  expiresAt: tokens.expiresAt,
});

export function storeTokenStore(store: Store, workspaceId: string, connectionId: string): TokenStore {
  const repository = store.oauthTokens;
  return {
    async load() {
      const tokens = await repository.get(workspaceId, connectionId);
      return tokens === undefined ? undefined : plain(tokens);
    },
    async save(tokens) {
      await repository.set(workspaceId, connectionId, plain(tokens));
    },
    async rotate(previousRefreshToken, next) {
      const outcome = await repository.rotate(workspaceId, connectionId, previousRefreshToken, plain(next));
      return outcome.outcome === "rotated" ? { ok: true } : { ok: false, current: plain(outcome.tokens) };
    },
  };
}
