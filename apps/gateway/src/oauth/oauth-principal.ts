/**
 * The principal behind an OAuth access token at /mcp: the workspace and key the person signed
 * in with, for as long as the token is unexpired, meant for /mcp, and its key still active.
 */
import type { Principal } from "../auth/principal.ts";
import type { GrantingKeys } from "./granting-keys.ts";
import { OAUTH_SCOPE, type OAuthEndpoints } from "./oauth-metadata.ts";
import { TOKEN_PREFIX, type TokenSigner } from "./signed-token.ts";

export function isAccessToken(bearer: string): boolean {
  return bearer.startsWith(TOKEN_PREFIX.access);
}

export async function accessTokenPrincipal(
  token: string,
  deps: { readonly signer: TokenSigner; readonly endpoints: OAuthEndpoints; readonly keys: GrantingKeys },
): Promise<Principal | undefined> {
  const grant = deps.signer.verify("access", token);
  if (grant === undefined || grant.aud !== deps.endpoints.resource) return undefined;
  const workspaceId = String(grant.w);
  const keyId = String(grant.k);
  if (!(await deps.keys.isActive(workspaceId, keyId))) return undefined;
  return { workspaceId, keyId, scopes: [OAUTH_SCOPE] };
}
