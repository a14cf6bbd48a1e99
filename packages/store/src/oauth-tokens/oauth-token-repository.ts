/**
 * OAuth tokens per connection, sealed like secrets. Refresh tokens are often single-use, so
 * two replicas refreshing at once must not both write: `rotate` is a compare-and-swap on a
 * version counter. The winner's tokens land; the loser learns it lost and receives the
 * winner's tokens instead of overwriting them (which would lose the live refresh token).
 */
import type { Knex } from "knex";
import { toDate, toOptionalDate } from "../database/column-values.ts";
import { withStorageErrors } from "../database/storage-errors.ts";
import { REDACTED, redactedView } from "../encryption/redaction.ts";
import { invalidInput, notFound, StoreError } from "../errors.ts";
import { inSealingTransaction, type StoreContext } from "../store-context.ts";
import { openTokens, sealTokens, type TokenRow } from "./token-row.ts";

export interface OAuthTokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly expiresAt: Date | null;
}

/** Tokens as stored; `JSON.stringify` and `inspect` show everything but the tokens. */
export interface StoredOAuthTokens extends OAuthTokens {
  readonly connectionId: string;
  /** Increments with every write; what `rotate` compares. */
  readonly version: number;
  readonly updatedAt: Date;
}

export type TokenRotation =
  | { readonly outcome: "rotated"; readonly tokens: StoredOAuthTokens }
  /** Someone else rotated first (or the expected refresh token is stale): use these instead. */
  | { readonly outcome: "conflict"; readonly tokens: StoredOAuthTokens };

const MAX_TOKEN_BYTES = 16_384;

export class OAuthTokenRepository {
  readonly #context: StoreContext;

  constructor(context: StoreContext) {
    this.#context = context;
  }

  async get(workspaceId: string, connectionId: string): Promise<StoredOAuthTokens | undefined> {
    const row = await withStorageErrors(() => readRow(this.#context.knex, workspaceId, connectionId));
    return row === undefined ? undefined : this.#open(row);
  }

  /** Stores tokens from a fresh authorisation, replacing whatever was there. */
  async set(workspaceId: string, connectionId: string, tokens: OAuthTokens): Promise<StoredOAuthTokens> {
    validateTokens(tokens);
    return inSealingTransaction(this.#context, async (trx) => {
      const connection = await trx("connections")
        .where({ id: connectionId, workspace_id: workspaceId })
        .first("id");
      if (connection === undefined) throw notFound("Connection", connectionId);
      const existing = await readRow(trx, workspaceId, connectionId);
      const row = this.#seal(workspaceId, connectionId, tokens, (existing?.version ?? 0) + 1);
      await trx("oauth_tokens").insert(row).onConflict("connection_id").merge();
      return this.#open(row);
    });
  }

  /**
   * Replaces the tokens only if the stored refresh token is still `expectedRefreshToken`,
   * atomically: of two concurrent rotations from the same token exactly one wins.
   */
  async rotate(
    workspaceId: string,
    connectionId: string,
    expectedRefreshToken: string,
    next: OAuthTokens,
  ): Promise<TokenRotation> {
    validateTokens(next);
    return inSealingTransaction(this.#context, async (trx) => {
      const current = await readRow(trx, workspaceId, connectionId);
      if (current === undefined) throw noTokens(connectionId);
      const opened = this.#open(current);
      if (opened.refreshToken !== expectedRefreshToken) return { outcome: "conflict", tokens: opened };
      const row = this.#seal(workspaceId, connectionId, next, current.version + 1);
      // The version guard is what makes this a compare-and-swap on Postgres, where a
      // concurrent rotation may have committed since our read.
      const swapped = await trx("oauth_tokens")
        .where({ connection_id: connectionId, workspace_id: workspaceId, version: current.version })
        .update(row);
      if (swapped === 1) return { outcome: "rotated", tokens: this.#open(row) };
      const winner = await readRow(trx, workspaceId, connectionId);
      if (winner === undefined) throw noTokens(connectionId);
      return { outcome: "conflict", tokens: this.#open(winner) };
    });
  }

  async delete(workspaceId: string, connectionId: string): Promise<void> {
    await withStorageErrors(() =>
      this.#context
        .knex("oauth_tokens")
        .where({ connection_id: connectionId, workspace_id: workspaceId })
        .del(),
    );
  }

  #seal(workspaceId: string, connectionId: string, tokens: OAuthTokens, version: number): TokenRow {
    const ids = { workspace_id: workspaceId, connection_id: connectionId };
    return {
      ...ids,
      ...sealTokens(this.#context.keyring.active, ids, tokens),
      expires_at: tokens.expiresAt === null ? null : tokens.expiresAt.getTime(),
      version,
      updated_at: this.#context.now(),
    };
  }

  #open(row: TokenRow): StoredOAuthTokens {
    const tokens: StoredOAuthTokens = {
      connectionId: row.connection_id,
      ...openTokens(this.#context.keyring, row),
      expiresAt: toOptionalDate(row.expires_at),
      version: Number(row.version),
      updatedAt: toDate(row.updated_at),
    };
    return redactedView(tokens, () => ({
      ...tokens,
      accessToken: REDACTED,
      refreshToken: tokens.refreshToken === null ? null : REDACTED,
    }));
  }
}

function readRow(knex: Knex, workspaceId: string, connectionId: string): Promise<TokenRow | undefined> {
  return knex("oauth_tokens").where({ connection_id: connectionId, workspace_id: workspaceId }).first();
}

function noTokens(connectionId: string): StoreError {
  return new StoreError(
    "NotFound",
    `Connection '${connectionId}' has no OAuth tokens in this workspace; authorise it first.`,
    connectionId,
  );
}

function validateTokens(tokens: OAuthTokens): void {
  const check = (value: unknown, field: string, nullable: boolean) => {
    if (value === null && nullable) return;
    if (typeof value !== "string" || value.length === 0 || Buffer.byteLength(value) > MAX_TOKEN_BYTES) {
      throw invalidInput(
        field,
        `${field} must be a non-empty string of at most ${MAX_TOKEN_BYTES} bytes${nullable ? " (or null)" : ""}.`,
      );
    }
  };
  check(tokens.accessToken, "accessToken", false);
  check(tokens.refreshToken, "refreshToken", true);
  if (
    tokens.expiresAt !== null &&
    !(tokens.expiresAt instanceof Date && Number.isFinite(tokens.expiresAt.getTime()))
  ) {
    throw invalidInput("expiresAt", "expiresAt must be a valid Date or null.");
  }
}
