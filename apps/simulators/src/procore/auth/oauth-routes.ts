/**
 * Procore's login-host endpoints: `POST /oauth/token` (client credentials, authorization code,
 * rotating refresh tokens), `GET /oauth/authorize` (auto-approved for the signed-in demo user),
 * `GET /oauth/token/info`, `POST /oauth/revoke`; plus a simulator-only endpoint that mints an
 * authorization code without a browser, for tests.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearerToken } from "../../core/tokens.ts";
import { type AuthorizationCodes, OOB_REDIRECT_URI } from "./authorization-codes.ts";
import { type ClientCredentials, type FormBody, formBody, presentedClient } from "./client-credentials.ts";
import { OAUTH_ERRORS, sendMissingParameter, sendOAuthError } from "./oauth-errors.ts";
import type { ProcoreTokens, TokenResponse } from "./procore-tokens.ts";

export interface OAuthContext {
  readonly client: ClientCredentials;
  readonly tokens: ProcoreTokens;
  readonly codes: AuthorizationCodes;
  /** Where codes may be sent; any redirect URI when absent. */
  readonly redirectUris: readonly string[] | undefined;
  /** The Procore user an authorization-code grant acts as. */
  readonly userId: number;
}

export const AUTHORIZATION_CODE_ENDPOINT = "/_simulator/procore/authorization-code";

export function registerOAuthRoutes(app: FastifyInstance, ctx: OAuthContext): void {
  app.post("/oauth/token", (request, reply) => tokenEndpoint(ctx, request, reply));
  app.get("/oauth/authorize", (request, reply) => authorizeEndpoint(ctx, request, reply));
  app.get<{ Querystring: { code?: string } }>("/oauth/authorize/native", (request, reply) =>
    reply
      .type("text/html; charset=utf-8")
      .send(
        `<html><body><h1>Authorization code</h1><code>${escapeHtml(request.query.code ?? "")}</code></body></html>`,
      ),
  );
  app.get("/oauth/token/info", (request, reply) => {
    const info = ctx.tokens.info(bearerToken(request.headers.authorization) ?? "");
    if (info) return reply.send(info);
    return reply.code(401).send({ error: "invalid_token", error_description: "The access token is invalid" });
  });
  app.post("/oauth/revoke", (request, reply) => {
    const body = formBody(request);
    if (!isClient(ctx, presentedClient(request, body)))
      return sendOAuthError(reply, OAUTH_ERRORS.invalidClient);
    if (body.token) ctx.tokens.revoke(body.token);
    return reply.send({});
  });
  app.post(AUTHORIZATION_CODE_ENDPOINT, (request, reply) => {
    const redirectUri = formBody(request).redirect_uri ?? OOB_REDIRECT_URI;
    return reply.send({
      code: ctx.codes.mint(ctx.client.clientId, redirectUri, ctx.userId),
      redirect_uri: redirectUri,
    });
  });
}

function isClient(ctx: OAuthContext, presented: ClientCredentials | null): boolean {
  return presented?.clientId === ctx.client.clientId && presented.clientSecret === ctx.client.clientSecret;
}

function tokenEndpoint(ctx: OAuthContext, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = formBody(request);
  const grantType = body.grant_type;
  if (!grantType) return sendMissingParameter(reply, "grant_type");
  if (!["client_credentials", "authorization_code", "refresh_token"].includes(grantType))
    return sendOAuthError(reply, OAUTH_ERRORS.unsupportedGrantType);
  if (!isClient(ctx, presentedClient(request, body)))
    return sendOAuthError(reply, OAUTH_ERRORS.invalidClient);
  const answer = grant(ctx, grantType, body);
  if ("missing" in answer) return sendMissingParameter(reply, answer.missing);
  if ("error" in answer) return sendOAuthError(reply, answer.error);
  return reply.header("Cache-Control", "no-store").header("Pragma", "no-cache").send(answer.token);
}

type GrantAnswer =
  | { token: TokenResponse }
  | { missing: string }
  | { error: (typeof OAUTH_ERRORS)["invalidGrant"] | (typeof OAUTH_ERRORS)["invalidRefreshToken"] };

function grant(ctx: OAuthContext, grantType: string, body: FormBody): GrantAnswer {
  const clientId = ctx.client.clientId;
  if (grantType === "client_credentials") return { token: ctx.tokens.issue(clientId, false) };
  if (grantType === "authorization_code") {
    if (!body.code) return { missing: "code" };
    if (!body.redirect_uri) return { missing: "redirect_uri" };
    const userId = ctx.codes.redeem(body.code, clientId, body.redirect_uri);
    return userId === null
      ? { error: OAUTH_ERRORS.invalidGrant }
      : { token: ctx.tokens.issue(clientId, true, userId) };
  }
  if (!body.refresh_token) return { missing: "refresh_token" };
  const token = ctx.tokens.refresh(body.refresh_token, clientId);
  return token ? { token } : { error: OAUTH_ERRORS.invalidRefreshToken };
}

function authorizeEndpoint(ctx: OAuthContext, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const query = request.query as Record<string, string | undefined>;
  if (query.client_id !== ctx.client.clientId) return sendOAuthError(reply, OAUTH_ERRORS.invalidClient);
  const redirectUri = query.redirect_uri;
  if (!redirectUri || (ctx.redirectUris && !ctx.redirectUris.includes(redirectUri)))
    return sendOAuthError(reply, OAUTH_ERRORS.invalidRedirectUri);
  if (query.response_type !== "code") return sendOAuthError(reply, OAUTH_ERRORS.unsupportedResponseType);
  const isOob = redirectUri === OOB_REDIRECT_URI;
  const target = isOob ? null : URL.canParse(redirectUri) ? new URL(redirectUri) : undefined;
  if (target === undefined) return sendOAuthError(reply, OAUTH_ERRORS.invalidRedirectUri);
  const code = ctx.codes.mint(ctx.client.clientId, redirectUri, ctx.userId);
  if (!target) return reply.redirect(`/oauth/authorize/native?code=${code}`);
  target.searchParams.set("code", code);
  if (query.state !== undefined) target.searchParams.set("state", query.state);
  return reply.redirect(target.toString());
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
