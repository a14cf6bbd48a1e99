/**
 * How a connection's OAuth tokens are laid out in `oauth_tokens`: both tokens sealed under one
 * key (the row's `key_id`), each with its own IV and tag, and bound by associated data to the
 * workspace and connection they belong to.
 */
import type { Knex } from "knex";
import { type SealedValue, seal } from "../encryption/cipher.ts";
import type { Keyring } from "../encryption/keyring.ts";
import type { SecretKey } from "../encryption/secret-key.ts";

export interface TokenRow {
  connection_id: string;
  workspace_id: string;
  key_id: string;
  access_token_iv: string;
  access_token_tag: string;
  access_token_ciphertext: string;
  refresh_token_iv: string | null;
  refresh_token_tag: string | null;
  refresh_token_ciphertext: string | null;
  expires_at: number | string | null;
  version: number;
  updated_at: number | string;
}

export interface TokenValues {
  readonly accessToken: string;
  readonly refreshToken: string | null;
}

type TokenIds = Pick<TokenRow, "workspace_id" | "connection_id">;
type SealedTokenColumns = Pick<
  TokenRow,
  | "key_id"
  | "access_token_iv"
  | "access_token_tag"
  | "access_token_ciphertext"
  | "refresh_token_iv"
  | "refresh_token_tag"
  | "refresh_token_ciphertext"
>;

function tokenContext(ids: TokenIds, which: "access" | "refresh"): string {
  return `oauth-${which}-token\0${ids.workspace_id}\0${ids.connection_id}`;
}

export function sealTokens(key: SecretKey, ids: TokenIds, values: TokenValues): SealedTokenColumns {
  const access = seal(key, values.accessToken, tokenContext(ids, "access"));
  const refresh =
    values.refreshToken === null ? null : seal(key, values.refreshToken, tokenContext(ids, "refresh"));
  return {
    key_id: key.id,
    access_token_iv: access.iv,
    access_token_tag: access.tag,
    access_token_ciphertext: access.ciphertext,
    refresh_token_iv: refresh?.iv ?? null,
    refresh_token_tag: refresh?.tag ?? null,
    refresh_token_ciphertext: refresh?.ciphertext ?? null,
  };
}

export function openTokens(keyring: Keyring, row: TokenRow): TokenValues {
  const what = (which: string) => `The OAuth ${which} token of connection '${row.connection_id}'`;
  const access: SealedValue = {
    keyId: row.key_id,
    iv: row.access_token_iv,
    tag: row.access_token_tag,
    ciphertext: row.access_token_ciphertext,
  };
  const hasRefresh =
    row.refresh_token_ciphertext !== null && row.refresh_token_iv !== null && row.refresh_token_tag !== null;
  return {
    accessToken: keyring.unseal(access, tokenContext(row, "access"), what("access")),
    refreshToken: hasRefresh
      ? keyring.unseal(
          {
            keyId: row.key_id,
            iv: row.refresh_token_iv!,
            tag: row.refresh_token_tag!,
            ciphertext: row.refresh_token_ciphertext!,
          },
          tokenContext(row, "refresh"),
          what("refresh"),
        )
      : null,
  };
}

/** Re-seals every stored token under `next` (a key rotation), inside its transaction. */
export async function resealAllTokens(
  trx: Knex.Transaction,
  keyring: Keyring,
  next: SecretKey,
): Promise<number> {
  const rows: TokenRow[] = await trx("oauth_tokens").select();
  for (const row of rows) {
    await trx("oauth_tokens")
      .where({ connection_id: row.connection_id })
      .update(sealTokens(next, row, openTokens(keyring, row)));
  }
  return rows.length;
}
