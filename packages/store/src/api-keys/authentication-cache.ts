/**
 * Recently authenticated keys, so that a busy key costs one database lookup every few seconds
 * instead of one per request. Entries are keyed by the key's hash (the plaintext is never kept)
 * and live `ttlMs`. Whatever changes a key through this store (revocation, new scopes, a deleted
 * workspace) forgets it at once; a change made by another replica is honoured within `ttlMs`.
 * Unknown and revoked keys are never remembered, so they are always looked up.
 */

import type { ApiKeyScope } from "./api-key-input.ts";

/** How long an authentication is remembered; the longest another replica's revocation may lag. */
export const AUTHENTICATION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedPrincipal {
  readonly workspaceId: string;
  readonly keyId: string;
  readonly scopes: readonly ApiKeyScope[];
}

export class AuthenticationCache {
  readonly #entries = new Map<string, { readonly principal: CachedPrincipal; readonly until: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs: number = AUTHENTICATION_CACHE_MS,
  ) {}

  get(hash: string): CachedPrincipal | undefined {
    const entry = this.#entries.get(hash);
    if (entry === undefined) return undefined;
    if (entry.until > this.now()) return entry.principal;
    this.#entries.delete(hash);
    return undefined;
  }

  remember(hash: string, principal: CachedPrincipal): void {
    if (this.ttlMs <= 0) return;
    // A Map iterates in insertion order: the first entry is the oldest.
    if (this.#entries.size >= MAX_ENTRIES) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(hash, { principal, until: this.now() + this.ttlMs });
  }

  forgetKey(keyId: string): void {
    this.#forgetWhere((principal) => principal.keyId === keyId);
  }

  forgetWorkspace(workspaceId: string): void {
    this.#forgetWhere((principal) => principal.workspaceId === workspaceId);
  }

  #forgetWhere(matches: (principal: CachedPrincipal) => boolean): void {
    for (const [hash, entry] of this.#entries) if (matches(entry.principal)) this.#entries.delete(hash);
  }
}
