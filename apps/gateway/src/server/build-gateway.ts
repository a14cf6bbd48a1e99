/**
 * The gateway's HTTP server: one Fastify app with the OData service (/odata), the ChatGPT
 * Action API (/api), the admin API (/admin), the API description (/openapi.json, /docs),
 * upstreams' webhook deliveries (/hooks) and health checks. The caller owns the store and the
 * engines and closes them after the app; closing the app writes the audit entries still waiting.
 */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { actionRoutes } from "../action/action-routes.ts";
import { adminRoutes } from "../admin/admin-routes.ts";
import { healthRoutes } from "../health/health-routes.ts";
import { hookRoutes } from "../hooks/hook-routes.ts";
import { loggerOptions } from "../logging/logger-options.ts";
import { mcpRoutes } from "../mcp/mcp-routes.ts";
import { oauthRoutes } from "../oauth/oauth-routes.ts";
import { odataRoutes } from "../odata/odata-routes.ts";
import { registerOpenApi } from "../openapi/register-openapi.ts";
import { installClientRateLimits } from "../rate-limits/install-client-rate-limits.ts";
import { installErrorHandling } from "./error-handler.ts";
import type { GatewayContext } from "./gateway-context.ts";
import { answerClientError, requestSizeOptions } from "./request-size.ts";

export interface BuildGatewayOptions {
  /** `false` for silence (tests), or pino options; credentials in URLs and headers are always redacted. */
  readonly logger?: FastifyServerOptions["logger"];
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export async function buildGateway(
  context: GatewayContext,
  options: BuildGatewayOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    genReqId: (request) => {
      const given = request.headers["x-request-id"];
      return typeof given === "string" && REQUEST_ID.test(given) ? given : randomUUID();
    },
    http: requestSizeOptions.http,
    clientErrorHandler: answerClientError,
    // OData URLs carry quotes, parentheses and `$`; keep them verbatim for our own parser.
    routerOptions: { ...requestSizeOptions.routerOptions, ignoreTrailingSlash: true },
    return503OnClosing: true,
  });
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("onClose", () => context.audit.flush());
  installErrorHandling(app);
  const { rateLimits } = context;
  if (rateLimits) installClientRateLimits(app, { cache: context.cache, limits: rateLimits });
  await registerOpenApi(app, context);
  await app.register(async (scope) => healthRoutes(scope, context));
  await app.register(async (scope) => odataRoutes(scope, context), { prefix: "/odata" });
  await app.register(async (scope) => actionRoutes(scope, context), { prefix: "/api" });
  await app.register(async (scope) => adminRoutes(scope, context), { prefix: "/admin" });
  await app.register(async (scope) => mcpRoutes(scope, context));
  await app.register(async (scope) => oauthRoutes(scope, context));
  await app.register(async (scope) => hookRoutes(scope, context), { prefix: "/hooks" });
  return app;
}
