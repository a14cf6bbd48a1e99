/**
 * What every `/rest/...` call passes before reaching a resource: the rate limits, a valid
 * bearer token (401 "The access token is invalid", also while the `rejectTokens` fault is on),
 * and the `Procore-Company-Id` header naming this company. `/rest/v1.0/companies` and `/me` may
 * omit the header when a user is signed in; a service account (client credentials) must send it.
 */
import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Faults } from "../../core/faults.ts";
import { bearerToken } from "../../core/tokens.ts";
import type { ProcoreTokens } from "../auth/procore-tokens.ts";
import { MESSAGES, ProcoreError, sendProcoreError } from "./procore-error.ts";
import { type RateLimiter, sendRateLimited, setRateLimitHeaders } from "./rate-limiter.ts";

export interface GuardContext {
  readonly companyId: number;
  readonly tokens: ProcoreTokens;
  readonly limiter: RateLimiter;
  readonly faults: Faults;
}

const API_PREFIX = "/rest/";
const HEADER_OPTIONAL = new Set(["/rest/v1.0/companies", "/rest/v1.0/me"]);

/** Whose rate-limit budget a request spends: its token's, or its address's when it has none. */
export function rateLimitKey(request: FastifyRequest): string {
  return bearerToken(request.headers.authorization) ?? `address:${request.ip}`;
}

function pathOf(request: FastifyRequest): string {
  return request.url.split("?")[0] ?? "";
}

export function registerApiGuard(app: FastifyInstance, ctx: GuardContext): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!request.url.startsWith(API_PREFIX)) return;
    const { allowed, state, retryAfterSeconds } = ctx.limiter.consume(rateLimitKey(request));
    if (!allowed) return sendRateLimited(reply, state, retryAfterSeconds);
    const failure = guardFailure(ctx, request);
    if (failure) return sendProcoreError(reply, failure);
  });
  app.addHook("onSend", async (request, reply: FastifyReply, payload) => {
    if (request.url.startsWith("/_simulator")) return payload;
    if (!reply.hasHeader("X-Request-Id")) reply.header("X-Request-Id", randomUUID());
    if (request.url.startsWith(API_PREFIX) && !reply.hasHeader("X-Rate-Limit-Limit"))
      setRateLimitHeaders(reply, ctx.limiter.state(rateLimitKey(request)));
    return payload;
  });
}

function guardFailure(ctx: GuardContext, request: FastifyRequest): ProcoreError | null {
  const token = bearerToken(request.headers.authorization);
  if (ctx.faults.rejectTokens || !token || !ctx.tokens.isValid(token))
    return new ProcoreError(401, MESSAGES.invalidToken);
  const raw = request.headers["procore-company-id"];
  const header = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!header) {
    const signedIn = ctx.tokens.userOf(token) !== null;
    return signedIn && HEADER_OPTIONAL.has(pathOf(request))
      ? null
      : new ProcoreError(400, MESSAGES.missingCompanyHeader);
  }
  return header === String(ctx.companyId) ? null : new ProcoreError(403, MESSAGES.notConnected);
}
