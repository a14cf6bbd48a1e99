/**
 * Whether an OAuth grant still holds: the API key the person signed in with must be active
 * (revoke the key and its tokens stop working), and the grant itself must be live in the store
 * (not revoked by a replayed code or refresh token, or by the client signing out). Each check
 * costs a store read, so an answer is remembered for a few seconds (as API-key authentication
 * is), bounded in size.
 */
import type { Store } from "@headgate/store";

const MAX_REMEMBERED = 10_000;

export class ActiveGrants {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #known = new Map<string, { active: boolean; until: number }>();

  constructor(store: Store, ttlMs = 5000) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  /** True while the key exists, is not revoked and still has the `query` scope. */
  keyIsActive(workspaceId: string, keyId: string): Promise<boolean> {
    return this.#remembered(`key ${workspaceId}/${keyId}`, () => this.#readKey(workspaceId, keyId));
  }

  /** True while the grant is live and its key active. */
  isActive(grant: { readonly workspaceId: string; readonly keyId: string; readonly grantId: string }) {
    const { workspaceId, keyId, grantId } = grant;
    return this.#remembered(
      `grant ${workspaceId}/${grantId}`,
      async () =>
        (await this.#store.oauthGrants.isLive(workspaceId, grantId)) &&
        (await this.#readKey(workspaceId, keyId)),
    );
  }

  /** Forgets what this replica remembered of a grant it just ended. */
  forget(workspaceId: string, grantId: string): void {
    this.#known.delete(`grant ${workspaceId}/${grantId}`);
  }

  async #remembered(name: string, read: () => Promise<boolean>): Promise<boolean> {
    const known = this.#known.get(name);
    if (known !== undefined && known.until > Date.now()) return known.active;
    const active = await read();
    if (this.#known.size >= MAX_REMEMBERED) this.#known.clear();
    this.#known.set(name, { active, until: Date.now() + this.#ttlMs });
    return active;
  }

  async #readKey(workspaceId: string, keyId: string): Promise<boolean> {
    try {
      const key = await this.#store.apiKeys.get(workspaceId, keyId);
      return key.revokedAt === null && key.scopes.includes("query");
    } catch {
      return false;
    }
  }
}
