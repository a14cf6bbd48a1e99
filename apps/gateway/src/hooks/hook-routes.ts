/**
 * /hooks: where upstreams announce their changes (webhook deliveries). Not for API keys: each
 * delivery carries a token of its connection's own (hook-token.ts), which the route checks.
 */
import type { FastifyInstance } from "fastify";
import type { GatewayContext } from "../server/gateway-context.ts";
import { procoreHookRoute } from "./procore-hook-route.ts";

export async function hookRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  procoreHookRoute(app, context);
}
