/**
 * Dynamic client registration (RFC 7591) for public clients such as ChatGPT and Claude: the
 * client id is a signed statement of the client's redirect URIs and name, so any replica can
 * check an authorization request against it without a registry.
 */
import { randomBytes } from "node:crypto";
import { type OAuthRefusal, refused } from "./oauth-refusal.ts";
import type { TokenSigner } from "./signed-token.ts";

export interface RegisteredClient {
  readonly redirectUris: readonly string[];
  readonly name: string;
}

export type Registration = { readonly ok: true; readonly client: RegisteredClient } | OAuthRefusal;

const MAX_REDIRECT_URIS = 10;

export function readRegistration(body: unknown): Registration {
  const metadata = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  const uris = metadata.redirect_uris;
  if (!Array.isArray(uris) || uris.length === 0 || uris.length > MAX_REDIRECT_URIS)
    return invalid("invalid_redirect_uri", "redirect_uris must list 1 to 10 redirect URIs.");
  for (const uri of uris)
    if (typeof uri !== "string" || !isAcceptableRedirect(uri))
      return invalid(
        "invalid_redirect_uri",
        `Redirect URI ${JSON.stringify(uri)} is not accepted: use https, or http on localhost, without a fragment.`,
      );
  const method = metadata.token_endpoint_auth_method;
  if (method !== undefined && method !== "none")
    return invalid(
      "invalid_client_metadata",
      "Only public clients are registered here: token_endpoint_auth_method must be 'none' (PKCE protects the code).",
    );
  const name = typeof metadata.client_name === "string" ? metadata.client_name.slice(0, 100) : "MCP client";
  return { ok: true, client: { redirectUris: uris as string[], name } };
}

/** Each registration is a client of its own (the nonce), even with the same metadata. */
export function clientIdOf(signer: TokenSigner, client: RegisteredClient): string {
  return signer.sign("client", {
    r: client.redirectUris,
    n: client.name,
    i: randomBytes(9).toString("base64url"),
  });
}

export function clientOf(signer: TokenSigner, clientId: string): RegisteredClient | undefined {
  const payload = signer.verify("client", clientId);
  const uris = payload?.r;
  if (!Array.isArray(uris) || !uris.every((uri) => typeof uri === "string")) return undefined;
  return { redirectUris: uris, name: typeof payload?.n === "string" ? payload.n : "MCP client" };
}

function isAcceptableRedirect(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  if (url.hash !== "") return false;
  if (url.protocol === "https:") return true;
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}

function invalid(
  error: "invalid_redirect_uri" | "invalid_client_metadata",
  description: string,
): Registration {
  return refused(error, description);
}
