/**
 * The token endpoint's two grants. `authorization_code`: the code must be genuine, unexpired,
 * unused, issued to this client for this redirect URI, and the PKCE verifier must hash to its
 * challenge. `refresh_token`: genuine and the client's. Both need the signed-in API key to be
 * still active. Access tokens last an hour and name /mcp as their audience.
 */
import { createHash } from "node:crypto";
import type { GrantingKeys } from "./granting-keys.ts";
import { OAUTH_SCOPE, type OAuthEndpoints } from "./oauth-metadata.ts";
import type { TokenSigner } from "./signed-token.ts";

export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
export const CODE_SECONDS = 300;

export interface GrantDeps {
  readonly signer: TokenSigner;
  readonly endpoints: OAuthEndpoints;
  readonly keys: GrantingKeys;
  readonly usedCodes: UsedCodes;
}

export type TokenAnswer =
  | { readonly ok: true; readonly body: Record<string, unknown> }
  | { readonly ok: false; readonly error: string; readonly description: string };

type Params = Readonly<Record<string, string | undefined>>;

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export function issueCode(
  deps: GrantDeps,
  grant: { clientId: string; redirectUri: string; codeChallenge: string; workspaceId: string; keyId: string },
): string {
  return deps.signer.sign(
    "code",
    {
      c: clientTag(grant.clientId),
      r: grant.redirectUri,
      ch: grant.codeChallenge,
      w: grant.workspaceId,
      k: grant.keyId,
    },
    CODE_SECONDS,
  );
}

export async function grantTokens(deps: GrantDeps, params: Params): Promise<TokenAnswer> {
  if (params.grant_type === "authorization_code") return exchangeCode(deps, params);
  if (params.grant_type === "refresh_token") return refresh(deps, params);
  return refused("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
}

async function exchangeCode(deps: GrantDeps, params: Params): Promise<TokenAnswer> {
  const code = params.code ?? "";
  const grant = deps.signer.verify("code", code);
  if (grant === undefined)
    return refused("invalid_grant", "The authorization code is not valid or has expired.");
  if (grant.c !== clientTag(params.client_id ?? "") || grant.r !== params.redirect_uri)
    return refused("invalid_grant", "The code was issued to another client or redirect_uri.");
  const verifier = params.code_verifier ?? "";
  if (!VERIFIER.test(verifier) || pkceChallenge(verifier) !== grant.ch)
    return refused("invalid_grant", "The code_verifier does not match the code_challenge.");
  if (!deps.usedCodes.claim(code))
    return refused("invalid_grant", "The authorization code was already used.");
  return tokensFor(deps, String(grant.w), String(grant.k), params.client_id ?? "");
}

async function refresh(deps: GrantDeps, params: Params): Promise<TokenAnswer> {
  const grant = deps.signer.verify("refresh", params.refresh_token ?? "");
  if (grant === undefined || grant.c !== clientTag(params.client_id ?? ""))
    return refused("invalid_grant", "The refresh token is not valid for this client, or has expired.");
  return tokensFor(deps, String(grant.w), String(grant.k), params.client_id ?? "");
}

async function tokensFor(
  deps: GrantDeps,
  workspaceId: string,
  keyId: string,
  clientId: string,
): Promise<TokenAnswer> {
  if (!(await deps.keys.isActive(workspaceId, keyId)))
    return refused(
      "invalid_grant",
      "The API key this grant was made with has been revoked or lost its query scope.",
    );
  const access = deps.signer.sign(
    "access",
    { w: workspaceId, k: keyId, aud: deps.endpoints.resource },
    ACCESS_TOKEN_SECONDS,
  );
  const refreshToken = deps.signer.sign(
    "refresh",
    { w: workspaceId, k: keyId, c: clientTag(clientId) },
    REFRESH_TOKEN_SECONDS,
  );
  return {
    ok: true,
    body: {
      access_token: access,
      token_type: "Bearer",
      expires_in: ACCESS_TOKEN_SECONDS,
      refresh_token: refreshToken,
      scope: OAUTH_SCOPE,
    },
  };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Codes and refresh tokens carry a short tag of the client id (which is long), not the id. */
function clientTag(clientId: string): string {
  return createHash("sha256").update(clientId).digest("base64url").slice(0, 22);
}

function refused(error: string, description: string): TokenAnswer {
  return { ok: false, error, description };
}

/**
 * Codes already exchanged, until they expire. Per replica: a code replayed to another replica
 * within its five minutes would be accepted there (it still needs the PKCE verifier).
 */
export class UsedCodes {
  readonly #used = new Map<string, number>();

  claim(code: string): boolean {
    const now = Date.now();
    for (const [used, until] of this.#used) if (until <= now) this.#used.delete(used);
    if (this.#used.has(code)) return false;
    this.#used.set(code, now + CODE_SECONDS * 1000);
    return true;
  }
}
