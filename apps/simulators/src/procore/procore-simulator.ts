/**
 * The Procore simulator: Procore's login host (OAuth) and REST v1.x API host in one server,
 * serving a company's generated Procore data with Procore's paths, company scoping, filters,
 * paging headers, rate limits and error answers; its Webhooks API, delivering events for the
 * changes a test makes through `/_simulator/procore/...`; and exact request counts.
 */

import type { ProcoreData } from "@headgate/demo-world";
import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import type { FailureKind, SimulatorDefinition } from "../core/start-simulator.ts";
import { AuthorizationCodes, OOB_REDIRECT_URI } from "./auth/authorization-codes.ts";
import { registerOAuthRoutes } from "./auth/oauth-routes.ts";
import { ProcoreTokens } from "./auth/procore-tokens.ts";
import { registerChangeRoutes } from "./changes/change-routes.ts";
import { type ProcoreChanges, recordChanges } from "./changes/record-changes.ts";
import { DEFAULT_PROCORE_CREDENTIALS } from "./credentials.ts";
import { rateLimitKey, registerApiGuard } from "./http/api-guard.ts";
import { ProcoreError, sendProcoreError } from "./http/procore-error.ts";
import { RateLimiter, type RateLimitOptions, sendRateLimited } from "./http/rate-limiter.ts";
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
import { ProcoreStore } from "./store/procore-store.ts";
import { type ProcoreUsage, UsageCounter } from "./usage/usage-counter.ts";
import { registerUsage } from "./usage/usage-routes.ts";
import { procoreWebhooks, type SimulatorWebhooks } from "./webhooks/procore-webhooks.ts";
import type { WebhookDeliveryOptions } from "./webhooks/webhook-dispatcher.ts";

export interface ProcoreSimulatorOptions {
  /** Access token lifetime; Procore's is 5400 s (1.5 h). */
  readonly tokenLifetimeSeconds?: number;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Largest `per_page` honoured; larger requests get this many (default 1000). */
  readonly perPageMax?: number;
  /** Page size when `per_page` is absent (default 100). */
  readonly perPageDefault?: number;
  /**
   * Requests per token per hour (default 3600). Procore's rate-limiting guide shows 600 in its
   * examples and warns not to assume 3600; a budget benchmark should set what it means to test.
   */
  readonly rateLimitPerHour?: number;
  /**
   * Requests per token in the spike window. Absent (the default) means no spike window, which
   * keeps tests that burst fast; real Procore has one, its guide's example being 25 per 10 s.
   */
  readonly spikeLimit?: number;
  /** Length of the spike window in seconds (default 10, Procore's). */
  readonly spikeWindowSeconds?: number;
  /** Redirect URIs registered for the app; any is accepted when absent. */
  readonly redirectUris?: readonly string[];
  /**
   * The simulator's clock (default: the real clock): "today" for daily logs, the `updated_at`
   * and `deleted_at` a change sets, webhook event times, and the rate-limit windows.
   */
  readonly now?: () => number;
  /** Webhook delivery timing; Procore's by default (5 s timeout, retries from 1 s up to 1 h, 12 h). */
  readonly webhooks?: WebhookDeliveryOptions;
}

export interface ProcoreSimulatorDefinition extends SimulatorDefinition {
  /** An authorization code for the demo user, as if they had approved the app in a browser. */
  mintAuthorizationCode(redirectUri?: string): string;
  /** Makes every access token issued so far expired (refresh tokens keep working). */
  expireAllTokens(): void;
  /** The requests answered since start-up or the last reset (also `GET /_simulator/usage`). */
  usage(): ProcoreUsage;
  resetUsage(): void;
  /** Creates, updates and deletes records as a Procore user would, delivering webhooks. */
  readonly changes: ProcoreChanges;
  readonly webhooks: SimulatorWebhooks;
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
  const now = options.now ?? Date.now;
  const limiter = new RateLimiter(rateLimits(options, now));
  const store = new ProcoreStore(data, now);
  const usage = new UsageCounter();
  // The demo user who signs in for authorization-code grants: the company admin.
  const userId = data.budgetViews[0]?.created_by.id ?? 0;
  const webhooks = procoreWebhooks(store, userId, options.webhooks);
  const changes = recordChanges(store, webhooks.publish);
  const paging = { perPageDefault: options.perPageDefault ?? 100, perPageMax: options.perPageMax ?? 1000 };
  return {
    name: "procore",
    routes(app, faults) {
      installErrorHandling(app);
      registerUsage(app, usage);
      registerApiGuard(app, { companyId: data.company.id, tokens, limiter, faults });
      registerOAuthRoutes(app, { client, tokens, codes, redirectUris: options.redirectUris, userId });
      const ctx = resourceContext(store, paging, now);
      for (const register of RESOURCES) register(app, ctx);
      webhooks.register(app);
      registerChangeRoutes(app, changes);
    },
    renderFailure: (kind, reply, retryAfter) => renderFailure(kind, reply, retryAfter, limiter, now),
    mintAuthorizationCode: (redirectUri = OOB_REDIRECT_URI) =>
      codes.mint(client.clientId, redirectUri, userId),
    expireAllTokens: () => tokens.expireAll(),
    usage: () => usage.report(),
    resetUsage: () => usage.reset(),
    changes,
    webhooks: webhooks.api,
  };
}

function rateLimits(options: ProcoreSimulatorOptions, now: () => number): RateLimitOptions {
  const perHour = options.rateLimitPerHour ?? 3600;
  if (options.spikeLimit === undefined) return { perHour, now };
  return { perHour, spike: { limit: options.spikeLimit, seconds: options.spikeWindowSeconds ?? 10 }, now };
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
  now: () => number,
): FastifyReply {
  const state = limiter.state(rateLimitKey(reply.request));
  if (kind === "rateLimit") {
    const wait = retryAfter ?? 60;
    return sendRateLimited(reply, { ...state, resetAt: Math.ceil(now() / 1000) + wait }, wait);
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
