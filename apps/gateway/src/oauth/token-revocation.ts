/**
 * Token revocation (RFC 7009) for public clients: a client signing out sends its refresh or
 * access token with its client_id, and the whole grant ends (both tokens, on every replica
 * within the few seconds replicas remember a grant). An unknown, expired or foreign-format token
 * is answered as revoked, as the RFC asks, so the endpoint reveals nothing about tokens.
 */
import type { OAuthAuthority } from "./oauth-authority.ts";
import { type OAuthParams, type OAuthRefusal, refused } from "./oauth-refusal.ts";
import { clientTag } from "./token-grants.ts";

export type RevocationAnswer = { readonly ok: true } | OAuthRefusal;

export async function revokeToken(authority: OAuthAuthority, params: OAuthParams): Promise<RevocationAnswer> {
  const token = params.token ?? "";
  if (token === "") return refused("invalid_request", "Send the token to revoke in the 'token' parameter.");
  const payload = authority.signer.verify("refresh", token) ?? authority.signer.verify("access", token);
  const { w: workspaceId, g: grantId, c: tag } = payload ?? {};
  if (typeof workspaceId !== "string" || typeof grantId !== "string") return { ok: true };
  if (tag !== clientTag(params.client_id ?? ""))
    return refused("unauthorized_client", "The token was issued to another client; send its own client_id.");
  await authority.grants.revoke(workspaceId, grantId);
  authority.active.forget(workspaceId, grantId);
  return { ok: true };
}
