/**
 * What signs and checks Headgate's OAuth tokens, made from the gateway context: the signing key
 * is derived from HEADGATE_SECRET_KEY, so every replica verifies every token, and the grants
 * live in the store, so every replica sees a code or refresh token used once.
 */
import type { OAuthGrantRepository } from "@headgate/store";
import type { GatewayContext } from "../server/gateway-context.ts";
import { ActiveGrants } from "./active-grants.ts";
import { type OAuthEndpoints, oauthEndpoints } from "./oauth-metadata.ts";
import { type TokenSigner, tokenSigner } from "./signed-token.ts";

export interface OAuthAuthority {
  readonly signer: TokenSigner;
  readonly endpoints: OAuthEndpoints;
  readonly grants: OAuthGrantRepository;
  readonly active: ActiveGrants;
}

const authorities = new WeakMap<GatewayContext, OAuthAuthority>();

/**
 * One authority per gateway, shared by /oauth and /mcp: a grant revoked at /oauth/revoke is
 * forgotten by the same memory /mcp checks, so it ends at once on this replica.
 */
export function oauthAuthority(context: GatewayContext): OAuthAuthority {
  let authority = authorities.get(context);
  if (authority === undefined) {
    authority = {
      signer: tokenSigner(context.store.deriveKey("oauth")),
      endpoints: oauthEndpoints(context.publicUrl),
      grants: context.store.oauthGrants,
      active: new ActiveGrants(context.store),
    };
    authorities.set(context, authority);
  }
  return authority;
}
