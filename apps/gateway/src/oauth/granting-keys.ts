/**
 * An OAuth grant lives as long as the API key the person signed in with: revoke the key and its
 * tokens stop working. Checking the key costs a store read, so an answer is remembered for a few
 * seconds (as API-key authentication is), bounded in size.
 */
import type { Store } from "@headgate/store";

const MAX_REMEMBERED = 10_000;

export class GrantingKeys {
  readonly #store: Store;
  readonly #ttlMs: number;
  readonly #known = new Map<string, { active: boolean; until: number }>();

  constructor(store: Store, ttlMs = 5000) {
    this.#store = store;
    this.#ttlMs = ttlMs;
  }

  /** True while the key exists, is not revoked and still has the `query` scope. */
  async isActive(workspaceId: string, keyId: string): Promise<boolean> {
    const name = `${workspaceId}/${keyId}`;
    const known = this.#known.get(name);
    if (known !== undefined && known.until > Date.now()) return known.active;
    const active = await this.#read(workspaceId, keyId);
    if (this.#known.size >= MAX_REMEMBERED) this.#known.clear();
    this.#known.set(name, { active, until: Date.now() + this.#ttlMs });
    return active;
  }

  async #read(workspaceId: string, keyId: string): Promise<boolean> {
    try {
      const key = await this.#store.apiKeys.get(workspaceId, keyId);
      return key.revokedAt === null && key.scopes.includes("query");
    } catch {
      return false;
    }
  }
}
