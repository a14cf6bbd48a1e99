/**
 * Headgate as the OAuth 2.1 authorization server of its own /mcp endpoint, for MCP clients that
 * sign in rather than send a static key (ChatGPT developer-mode connectors, Claude connectors):
 * discovery documents, dynamic registration, the authorization page, the token endpoint and
 * token revocation.
 * Answers follow RFC 6749's error format (`error`, `error_description`), not the gateway's.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { GatewayContext } from "../server/gateway-context.ts";
import { type AuthorizationRequest, checkAuthorization, redirectWith } from "./authorization-request.ts";
import { authorizePage, refusalPage } from "./authorize-page.ts";
import { clientIdOf, readRegistration } from "./client-registration.ts";
import { type OAuthAuthority, oauthAuthority } from "./oauth-authority.ts";
import { authorizationServerMetadata, protectedResourceMetadata } from "./oauth-metadata.ts";
import type { OAuthParams, OAuthRefusal } from "./oauth-refusal.ts";
import { grantTokens, issueCode } from "./token-grants.ts";
import { revokeToken } from "./token-revocation.ts";

const HIDDEN = { schema: { hide: true } };

export async function oauthRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  const authority = oauthAuthority(context);
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string" },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    },
  );
  const resourceMetadata = protectedResourceMetadata(authority.endpoints);
  app.get("/.well-known/oauth-protected-resource", HIDDEN, async () => resourceMetadata);
  app.get("/.well-known/oauth-protected-resource/mcp", HIDDEN, async () => resourceMetadata);
  const serverMetadata = authorizationServerMetadata(authority.endpoints);
  app.get("/.well-known/oauth-authorization-server", HIDDEN, async () => serverMetadata);
  app.post("/oauth/register", HIDDEN, async (request, reply) => register(authority, request.body, reply));
  app.get("/oauth/authorize", HIDDEN, async (request, reply) =>
    authorize(authority, request.query as OAuthParams, reply, undefined),
  );
  app.post("/oauth/authorize", HIDDEN, async (request, reply) => {
    const form = paramsOf(request.body);
    return authorize(authority, form, reply, async (valid) => signIn(context, authority, valid, form, reply));
  });
  app.post("/oauth/token", HIDDEN, async (request, reply) => {
    const answer = await grantTokens(authority, paramsOf(request.body));
    reply.header("cache-control", "no-store").header("pragma", "no-cache");
    return answer.ok ? answer.body : sendRefusal(reply, answer);
  });
  app.post("/oauth/revoke", HIDDEN, async (request, reply) => {
    const answer = await revokeToken(authority, paramsOf(request.body));
    return answer.ok ? reply.code(200).send() : sendRefusal(reply, answer);
  });
}

function register(authority: OAuthAuthority, body: unknown, reply: FastifyReply) {
  const registration = readRegistration(body);
  if (!registration.ok) return sendRefusal(reply, registration);
  const { client } = registration;
  return reply.code(201).send({
    client_id: clientIdOf(authority.signer, client),
    client_id_issued_at: Math.floor(Date.now() / 1000),
    client_name: client.name,
    redirect_uris: client.redirectUris,
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    response_types: ["code"],
  });
}

/** Checks the request; shows the page (GET) or runs `submit` with the valid request (POST). */
async function authorize(
  authority: OAuthAuthority,
  params: OAuthParams,
  reply: FastifyReply,
  submit: ((request: AuthorizationRequest) => Promise<FastifyReply>) | undefined,
) {
  reply.header("x-frame-options", "DENY").header("content-security-policy", "frame-ancestors 'none'");
  const checked = checkAuthorization(params, authority.signer, authority.endpoints);
  if (checked.kind === "unsafe")
    return reply.code(400).type("text/html").send(refusalPage(checked.description));
  if (checked.kind === "refused")
    return reply.redirect(
      redirectWith(checked.redirectUri, {
        error: checked.error,
        error_description: checked.description,
        state: checked.state,
        iss: authority.endpoints.issuer,
      }),
    );
  if (submit === undefined) return reply.type("text/html").send(authorizePage(checked.request, params));
  return submit(checked.request);
}

async function signIn(
  context: GatewayContext,
  authority: OAuthAuthority,
  request: AuthorizationRequest,
  form: OAuthParams,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const key = await context.store.apiKeys.authenticate(form.api_key ?? "");
  if (key === null || !key.scopes.includes("query"))
    return reply
      .code(401)
      .type("text/html")
      .send(
        authorizePage(
          request,
          form,
          "That is not an active API key with the query scope. Check it and try again.",
        ),
      );
  const code = issueCode(authority, {
    clientId: request.clientId,
    redirectUri: request.redirectUri,
    codeChallenge: request.codeChallenge,
    workspaceId: key.workspaceId,
    keyId: key.keyId,
  });
  return reply.redirect(
    redirectWith(request.redirectUri, { code, state: request.state, iss: authority.endpoints.issuer }),
  );
}

function sendRefusal(reply: FastifyReply, refusal: OAuthRefusal): FastifyReply {
  return reply.code(400).send({ error: refusal.error, error_description: refusal.description });
}

function paramsOf(body: unknown): OAuthParams {
  if (typeof body !== "object" || body === null) return {};
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") params[name] = value;
  return params;
}
