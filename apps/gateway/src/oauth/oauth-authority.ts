/**
 * What signs and checks Headgate's OAuth tokens, made from the gateway context: the key is
 * derived from HEADGATE_SECRET_KEY, so every replica agrees without sharing state.
 */
import type { GatewayContext } from "../server/gateway-context.ts";
import { GrantingKeys } from "./granting-keys.ts";
import { type OAuthEndpoints, oauthEndpoints } from "./oauth-metadata.ts";
import { type TokenSigner, tokenSigner } from "./signed-token.ts";

export interface OAuthAuthority {
  readonly signer: TokenSigner;
  readonly endpoints: OAuthEndpoints;
  readonly keys: GrantingKeys;
}

export function oauthAuthority(context: GatewayContext): OAuthAuthority {
  return {
    signer: tokenSigner(context.store.deriveKey("oauth")),
    endpoints: oauthEndpoints(context.publicUrl),
    keys: new GrantingKeys(context.store),
  };
}
