/**
 * What an MCP client discovers before it signs in (MCP authorization, 2025-11-25 and later):
 * the protected resource metadata of /mcp (RFC 9728), which names Headgate itself as the
 * authorization server, and that server's metadata (RFC 8414). Public clients, PKCE with S256,
 * dynamic client registration (RFC 7591), token revocation (RFC 7009); the one scope is `query`.
 */

export const OAUTH_SCOPE = "query";

export interface OAuthEndpoints {
  /** The gateway's public URL: the issuer. */
  readonly issuer: string;
  /** The protected resource: the MCP endpoint's canonical URL. */
  readonly resource: string;
  readonly resourceMetadata: string;
  readonly authorization: string;
  readonly token: string;
  readonly registration: string;
  readonly revocation: string;
}

export function oauthEndpoints(publicUrl: string): OAuthEndpoints {
  return {
    issuer: publicUrl,
    resource: `${publicUrl}/mcp`,
    resourceMetadata: `${publicUrl}/.well-known/oauth-protected-resource/mcp`,
    authorization: `${publicUrl}/oauth/authorize`,
    token: `${publicUrl}/oauth/token`,
    registration: `${publicUrl}/oauth/register`,
    revocation: `${publicUrl}/oauth/revoke`,
  };
}

export function protectedResourceMetadata(endpoints: OAuthEndpoints): Record<string, unknown> {
  return {
    resource: endpoints.resource,
    authorization_servers: [endpoints.issuer],
    scopes_supported: [OAUTH_SCOPE],
    bearer_methods_supported: ["header"],
    resource_name: "Headgate MCP",
  };
}

export function authorizationServerMetadata(endpoints: OAuthEndpoints): Record<string, unknown> {
  return {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    registration_endpoint: endpoints.registration,
    revocation_endpoint: endpoints.revocation,
    revocation_endpoint_auth_methods_supported: ["none"],
    scopes_supported: [OAUTH_SCOPE],
    response_types_supported: ["code"],
    grant_types_supported: ["authorization_code", "refresh_token"],
    code_challenge_methods_supported: ["S256"],
    token_endpoint_auth_methods_supported: ["none"],
    authorization_response_iss_parameter_supported: true,
  };
}
