/**
 * The principal behind an OAuth access token at /mcp: the workspace and key the person signed
 * in with, for as long as the token is unexpired, meant for /mcp, its grant live and its key
 * still active.
 */
import type { Principal } from "../auth/principal.ts";
import type { OAuthAuthority } from "./oauth-authority.ts";
import { OAUTH_SCOPE } from "./oauth-metadata.ts";
import { TOKEN_PREFIX } from "./signed-token.ts";

export function isAccessToken(bearer: string): boolean {
  return bearer.startsWith(TOKEN_PREFIX.access);
}

export async function accessTokenPrincipal(
  token: string,
  authority: Pick<OAuthAuthority, "signer" | "endpoints" | "active">,
): Promise<Principal | undefined> {
  const grant = authority.signer.verify("access", token);
  if (grant === undefined || grant.aud !== authority.endpoints.resource) return undefined;
  const { w: workspaceId, k: keyId, g: grantId } = grant;
  if (typeof workspaceId !== "string" || typeof keyId !== "string" || typeof grantId !== "string")
    return undefined;
  if (!(await authority.active.isActive({ workspaceId, keyId, grantId }))) return undefined;
  return { workspaceId, keyId, scopes: [OAUTH_SCOPE] };
}
