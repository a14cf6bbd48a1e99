/**
 * An authorization request (`/oauth/authorize`), checked in the order OAuth 2.1 asks: first the
 * client and its redirect URI (a fault there is shown to the person, never redirected, so an
 * attacker cannot bounce codes to their own site), then the rest (a fault there is sent back to
 * the client at its redirect URI).
 */
import { clientOf, type RegisteredClient } from "./client-registration.ts";
import { OAUTH_SCOPE, type OAuthEndpoints } from "./oauth-metadata.ts";
import type { OAuthParams } from "./oauth-refusal.ts";
import type { TokenSigner } from "./signed-token.ts";

export interface AuthorizationRequest {
  readonly clientId: string;
  readonly client: RegisteredClient;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly state: string | undefined;
}

export type CheckedAuthorization =
  | { readonly kind: "valid"; readonly request: AuthorizationRequest }
  /** Shown to the person: the client or its redirect URI cannot be trusted. */
  | { readonly kind: "unsafe"; readonly description: string }
  /** Sent back to the client at its redirect URI. */
  | {
      readonly kind: "refused";
      readonly redirectUri: string;
      readonly state: string | undefined;
      readonly error: string;
      readonly description: string;
    };

const CODE_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

export function checkAuthorization(
  params: OAuthParams,
  signer: TokenSigner,
  endpoints: OAuthEndpoints,
): CheckedAuthorization {
  const clientId = params.client_id ?? "";
  const client = clientOf(signer, clientId);
  if (client === undefined)
    return {
      kind: "unsafe",
      description: "This client is not registered with this gateway (unknown client_id).",
    };
  const redirectUri =
    params.redirect_uri ?? (client.redirectUris.length === 1 ? client.redirectUris[0] : undefined);
  if (redirectUri === undefined || !client.redirectUris.includes(redirectUri))
    return { kind: "unsafe", description: "The redirect_uri is not one this client registered." };
  const state = params.state;
  const refuse = (error: string, description: string): CheckedAuthorization => ({
    kind: "refused",
    redirectUri,
    state,
    error,
    description,
  });
  if (params.response_type !== "code")
    return refuse("unsupported_response_type", "Only response_type=code is supported.");
  if (params.code_challenge_method !== "S256" || !CODE_CHALLENGE.test(params.code_challenge ?? ""))
    return refuse(
      "invalid_request",
      "PKCE is required: send code_challenge with code_challenge_method=S256.",
    );
  if (params.resource !== undefined && params.resource !== endpoints.resource)
    return refuse("invalid_target", `The only resource here is ${endpoints.resource}.`);
  const scopes = (params.scope ?? OAUTH_SCOPE).split(" ").filter((scope) => scope !== "");
  if (scopes.some((scope) => scope !== OAUTH_SCOPE))
    return refuse("invalid_scope", `The only scope is '${OAUTH_SCOPE}'.`);
  return {
    kind: "valid",
    request: { clientId, client, redirectUri, codeChallenge: params.code_challenge ?? "", state },
  };
}

/** Where the person's browser goes with the answer: the redirect URI plus the given parameters. */
export function redirectWith(
  redirectUri: string,
  params: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(redirectUri);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return url.toString();
}
