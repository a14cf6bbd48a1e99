/**
 * The token endpoint's two grants. `authorization_code`: the code must be genuine, unexpired,
 * issued to this client for this redirect URI, its PKCE verifier must hash to its challenge, and
 * it opens a grant in the store, which only one redemption on any replica can do (a second one
 * revokes that grant). `refresh_token`: genuine, the client's, and the grant's current one; it is
 * spent by use and the answer carries the next (rotation), and a spent one presented again
 * revokes the grant. Both need the signed-in API key to be still active. Access tokens last an
 * hour, name /mcp as their audience and carry their grant, so revoking it ends them too.
 */
import { createHash } from "node:crypto";
import type { OAuthAuthority } from "./oauth-authority.ts";
import { OAUTH_SCOPE } from "./oauth-metadata.ts";
import { type OAuthParams, type OAuthRefusal, refused } from "./oauth-refusal.ts";

export const ACCESS_TOKEN_SECONDS = 3600;
export const REFRESH_TOKEN_SECONDS = 30 * 24 * 3600;
export const CODE_SECONDS = 300;

export type TokenAnswer = { readonly ok: true; readonly body: Record<string, unknown> } | OAuthRefusal;

/** Who a grant is for, and which of its refresh tokens is current. */
interface GrantPosition {
  readonly workspaceId: string;
  readonly keyId: string;
  readonly grantId: string;
  readonly clientTag: string;
  readonly generation: number;
}

const VERIFIER = /^[A-Za-z0-9._~-]{43,128}$/;

export function issueCode(
  deps: OAuthAuthority,
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

export async function grantTokens(deps: OAuthAuthority, params: OAuthParams): Promise<TokenAnswer> {
  if (params.grant_type === "authorization_code") return exchangeCode(deps, params);
  if (params.grant_type === "refresh_token") return refresh(deps, params);
  return refused("unsupported_grant_type", "grant_type must be authorization_code or refresh_token.");
}

async function exchangeCode(deps: OAuthAuthority, params: OAuthParams): Promise<TokenAnswer> {
  const code = params.code ?? "";
  const grant = deps.signer.verify("code", code);
  if (grant === undefined)
    return refused("invalid_grant", "The authorization code is not valid or has expired.");
  if (grant.c !== clientTag(params.client_id ?? "") || grant.r !== params.redirect_uri)
    return refused("invalid_grant", "The code was issued to another client or redirect_uri.");
  const verifier = params.code_verifier ?? "";
  if (!VERIFIER.test(verifier) || pkceChallenge(verifier) !== grant.ch)
    return refused("invalid_grant", "The code_verifier does not match the code_challenge.");
  const position: GrantPosition = {
    workspaceId: String(grant.w),
    keyId: String(grant.k),
    grantId: grantIdOf(code),
    clientTag: String(grant.c),
    generation: 1,
  };
  if (!(await deps.active.keyIsActive(position.workspaceId, position.keyId))) return keyRevoked();
  const opening = await deps.grants.open({
    id: position.grantId,
    workspaceId: position.workspaceId,
    keyId: position.keyId,
    clientTag: position.clientTag,
    expiresAt: refreshExpiry(),
  });
  if (opening === "replayed") {
    deps.active.forget(position.workspaceId, position.grantId);
    return refused(
      "invalid_grant",
      "The authorization code was already used; the tokens it gave were revoked. Sign in again.",
    );
  }
  return tokensFor(deps, position);
}

async function refresh(deps: OAuthAuthority, params: OAuthParams): Promise<TokenAnswer> {
  const position = refreshPosition(deps.signer.verify("refresh", params.refresh_token ?? ""));
  if (position === undefined || position.clientTag !== clientTag(params.client_id ?? ""))
    return refused("invalid_grant", "The refresh token is not valid for this client, or has expired.");
  if (!(await deps.active.keyIsActive(position.workspaceId, position.keyId))) return keyRevoked();
  const rotation = await deps.grants.rotate(
    position.workspaceId,
    position.grantId,
    position.generation,
    refreshExpiry(),
  );
  if (rotation.outcome === "rotated")
    return tokensFor(deps, { ...position, generation: rotation.generation });
  deps.active.forget(position.workspaceId, position.grantId);
  if (rotation.outcome === "replayed")
    return refused(
      "invalid_grant",
      "This refresh token was already used. In case it was copied, the sign-in has been ended: sign in again.",
    );
  return refused("invalid_grant", "The sign-in this refresh token belongs to has ended. Sign in again.");
}

function tokensFor(deps: OAuthAuthority, position: GrantPosition): TokenAnswer {
  const { workspaceId: w, keyId: k, grantId: g, clientTag: c } = position;
  const access = deps.signer.sign(
    "access",
    { w, k, g, c, aud: deps.endpoints.resource },
    ACCESS_TOKEN_SECONDS,
  );
  const refreshToken = deps.signer.sign(
    "refresh",
    { w, k, g, c, n: position.generation },
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

/** The position a genuine refresh token names; undefined for a token of an older format. */
function refreshPosition(payload: Record<string, unknown> | undefined): GrantPosition | undefined {
  if (payload === undefined) return undefined;
  const { w, k, g, c, n } = payload;
  if (typeof w !== "string" || typeof k !== "string" || typeof g !== "string" || typeof c !== "string")
    return undefined;
  if (typeof n !== "number" || !Number.isSafeInteger(n)) return undefined;
  return { workspaceId: w, keyId: k, grantId: g, clientTag: c, generation: n };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

/** Codes and tokens carry a short tag of the client id (which is long), not the id. */
export function clientTag(clientId: string): string {
  return createHash("sha256").update(clientId).digest("base64url").slice(0, 22);
}

/** A grant's id: a hash of the code that opened it, so the code itself is never stored. */
function grantIdOf(code: string): string {
  return createHash("sha256").update(code).digest("base64url");
}

function refreshExpiry(): number {
  return Date.now() + REFRESH_TOKEN_SECONDS * 1000;
}

function keyRevoked(): TokenAnswer {
  return refused(
    "invalid_grant",
    "The API key this grant was made with has been revoked or lost its query scope.",
  );
}
