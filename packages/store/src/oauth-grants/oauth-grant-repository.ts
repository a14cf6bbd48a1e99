/**
 * Grants of Headgate's own OAuth authorization server (the /mcp sign-in), shared by every
 * replica through the store. A grant is opened when an authorization code is redeemed, under an
 * id derived from that code, so a code redeemed twice (on any replica) is caught and the grant
 * it made is revoked (RFC 6749 §4.1.2). Each refresh token names its grant and generation; using
 * one moves the grant to the next generation, so a refresh token works once, and presenting a
 * spent one revokes the grant: someone holds a copy (OAuth 2.1 §4.3.1, refresh token rotation).
 */
import { toMillis } from "../database/column-values.ts";
import { isUniqueViolation, withStorageErrors } from "../database/storage-errors.ts";
import type { StoreContext } from "../store-context.ts";

export interface NewOAuthGrant {
  /** Derived from the authorization code (a hash), never the code itself. */
  readonly id: string;
  readonly workspaceId: string;
  readonly keyId: string;
  /** Which client the grant belongs to (a short hash of its client id). */
  readonly clientTag: string;
  readonly expiresAt: number;
}

export type GrantOpening = "opened" | "replayed";

export type GrantRotation =
  /** The token was the current one; `generation` is the next token's. */
  | { readonly outcome: "rotated"; readonly generation: number }
  /** A spent token came back: the grant is revoked now. */
  | { readonly outcome: "replayed" }
  /** No such live grant (never opened, expired, revoked, or of another workspace). */
  | { readonly outcome: "unknown" };

const TABLE = "oauth_grants";

export class OAuthGrantRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  /** Opens the grant at generation 1; a second opening under the same id revokes it instead. */
  open(grant: NewOAuthGrant): Promise<GrantOpening> {
    const { knex, now } = this.#context;
    return withStorageErrors(async () => {
      await knex(TABLE).where("expires_at", "<", now()).delete();
      try {
        await knex(TABLE).insert({
          id: grant.id,
          workspace_id: grant.workspaceId,
          key_id: grant.keyId,
          client_tag: grant.clientTag,
          generation: 1,
          created_at: now(),
          expires_at: grant.expiresAt,
          revoked_at: null,
        });
        return "opened";
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        await this.#revoke(grant.workspaceId, grant.id);
        return "replayed";
      }
    });
  }

  /**
   * Spends the refresh token of `generation`: a compare-and-set, so of two uses of one token
   * (concurrent or not) exactly one rotates and the other revokes the grant.
   */
  rotate(
    workspaceId: string,
    grantId: string,
    generation: number,
    expiresAt: number,
  ): Promise<GrantRotation> {
    return withStorageErrors(async () => {
      const rotated = await this.#live(workspaceId, grantId)
        .where({ generation })
        .update({ generation: generation + 1, expires_at: expiresAt });
      if (rotated === 1) return { outcome: "rotated", generation: generation + 1 };
      const current = await this.#live(workspaceId, grantId).first("generation");
      if (current === undefined || toMillis(current.generation) < generation) return { outcome: "unknown" };
      await this.#revoke(workspaceId, grantId);
      return { outcome: "replayed" };
    });
  }

  /** True while the grant is open: not revoked, not expired. */
  isLive(workspaceId: string, grantId: string): Promise<boolean> {
    return withStorageErrors(async () => (await this.#live(workspaceId, grantId).first("id")) !== undefined);
  }

  /** Ends the grant (sign-out, a revoked token); revoking twice keeps the first time. */
  revoke(workspaceId: string, grantId: string): Promise<void> {
    return withStorageErrors(() => this.#revoke(workspaceId, grantId));
  }

  async #revoke(workspaceId: string, grantId: string): Promise<void> {
    await this.#context
      .knex(TABLE)
      .where({ id: grantId, workspace_id: workspaceId })
      .whereNull("revoked_at")
      .update({ revoked_at: this.#context.now() });
  }

  #live(workspaceId: string, grantId: string) {
    return this.#context
      .knex(TABLE)
      .where({ id: grantId, workspace_id: workspaceId })
      .whereNull("revoked_at")
      .where("expires_at", ">", this.#context.now());
  }
}
