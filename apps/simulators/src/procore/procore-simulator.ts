/**
 * The Procore simulator: Procore's login host (OAuth) and REST v1.x API host in one server,
 * serving a company's generated Procore data with Procore's paths, company scoping, filters,
 * paging headers, rate limits and error answers.
 */

import type { ProcoreData } from "@headgate/demo-world";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { FailureKind, SimulatorDefinition } from "../core/start-simulator.ts";
import { AuthorizationCodes, OOB_REDIRECT_URI } from "./auth/authorization-codes.ts";
import { registerOAuthRoutes } from "./auth/oauth-routes.ts";
import { ProcoreTokens } from "./auth/procore-tokens.ts";
import { DEFAULT_PROCORE_CREDENTIALS } from "./credentials.ts";
import { rateLimitKey, registerApiGuard } from "./http/api-guard.ts";
import { ProcoreError, sendProcoreError } from "./http/procore-error.ts";
import { RateLimiter, sendRateLimited } from "./http/rate-limiter.ts";
import { registerBudgetRoutes } from "./resources/budget.ts";
import { registerChangeOrderRoutes } from "./resources/change-orders.ts";
import { registerCommitmentRoutes } from "./resources/commitments.ts";
import { registerDailyLogRoutes } from "./resources/daily-logs.ts";
import { registerObservationRoutes } from "./resources/observations.ts";
import { registerProjectRoutes } from "./resources/projects.ts";
import { resourceContext } from "./resources/resource-context.ts";
import { registerRfiRoutes } from "./resources/rfis.ts";
import { registerSubmittalRoutes } from "./resources/submittals.ts";
import { registerVendorRoutes } from "./resources/vendors.ts";

export interface ProcoreSimulatorOptions {
  /** Access token lifetime; Procore's is 5400 s (1.5 h). */
  readonly tokenLifetimeSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Largest `per_page` honoured; larger requests get this many (default 1000). */
  readonly perPageMax?: number;
  /** Page size when `per_page` is absent (default 100). */
  readonly perPageDefault?: number;
  /** Requests per token per hour (default 3600, Procore's documented limit). */
  readonly rateLimitPerHour?: number;
  /** Redirect URIs registered for the app; any is accepted when absent. */
  readonly redirectUris?: readonly string[];
  /** The clock behind "today" for daily logs (default: the real clock). */
  readonly now?: () => number;
}

export interface ProcoreSimulatorDefinition extends SimulatorDefinition {
  /** An authorization code for the demo user, as if they had approved the app in a browser. */
  mintAuthorizationCode(redirectUri?: string): string;
  /** Makes every access token issued so far expired (refresh tokens keep working). */
  expireAllTokens(): void;
}

export function procoreSimulator(
  data: ProcoreData,
  options: ProcoreSimulatorOptions = {},
): ProcoreSimulatorDefinition {
  const client = {
    clientId: options.clientId ?? DEFAULT_PROCORE_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_PROCORE_CREDENTIALS.clientSecret,
  };
  const tokens = new ProcoreTokens(options.tokenLifetimeSeconds ?? 5400);
  const codes = new AuthorizationCodes();
  const limiter = new RateLimiter(options.rateLimitPerHour ?? 3600);
  // The demo user who signs in for authorization-code grants: the company admin.
  const userId = data.budgetViews[0]?.created_by.id ?? 0;
  const paging = { perPageDefault: options.perPageDefault ?? 100, perPageMax: options.perPageMax ?? 1000 };
  return {
    name: "procore",
    routes(app, faults) {
      installErrorHandling(app);
      registerApiGuard(app, { companyId: data.company.id, tokens, limiter, faults });
      registerOAuthRoutes(app, { client, tokens, codes, redirectUris: options.redirectUris, userId });
      const ctx = resourceContext(data, paging, options.now ?? Date.now);
      for (const register of RESOURCES) register(app, ctx);
    },
    renderFailure: (kind, reply, retryAfter) => renderFailure(kind, reply, retryAfter, limiter),
    mintAuthorizationCode: (redirectUri = OOB_REDIRECT_URI) =>
      codes.mint(client.clientId, redirectUri, userId),
    expireAllTokens: () => tokens.expireAll(),
  };
}

const RESOURCES = [
  registerProjectRoutes,
  registerVendorRoutes,
  registerRfiRoutes,
  registerSubmittalRoutes,
  registerObservationRoutes,
  registerBudgetRoutes,
  registerCommitmentRoutes,
  registerChangeOrderRoutes,
  registerDailyLogRoutes,
];

function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    if (error instanceof ProcoreError) return sendProcoreError(reply, error);
    const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 500;
    return sendProcoreError(
      reply,
      new ProcoreError(status, status === 500 ? "Internal Server Error" : error.message),
    );
  });
  app.setNotFoundHandler((_request, reply) => sendProcoreError(reply, new ProcoreError(404, "Not Found")));
}

/**
 * Forced failures the way Procore answers them: 429 with the rate-limit headers, `Retry-After`
 * and the plain-text message; 503 from the load balancer (HTML, `Retry-After` when known); 500
 * as a JSON error.
 */
function renderFailure(
  kind: FailureKind,
  reply: FastifyReply,
  retryAfter: number | undefined,
  limiter: RateLimiter,
): FastifyReply {
  const state = limiter.state(rateLimitKey(reply.request));
  if (kind === "rateLimit") {
    const wait = retryAfter ?? 60;
    return sendRateLimited(reply, { ...state, resetAt: Math.ceil(Date.now() / 1000) + wait }, wait);
  }
  if (kind === "unavailable") {
    if (retryAfter !== undefined) reply.header("Retry-After", String(retryAfter));
    return reply
      .code(503)
      .type("text/html; charset=utf-8")
      .send(
        "<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
      );
  }
  return sendProcoreError(reply, new ProcoreError(500, "Internal Server Error"));
}
