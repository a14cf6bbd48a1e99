/**
 * The admin API under /admin: connections, API keys and the audit log of one workspace, the
 * one the admin-scoped key belongs to. A key can never reach another workspace's records; they
 * answer 404 exactly like records that do not exist.
 */
import type { FastifyInstance } from "fastify";
import { requireApiKey } from "../auth/require-api-key.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { auditRoutes } from "./audit-routes.ts";
import { connectionRoutes } from "./connection-routes.ts";
import { keyRoutes } from "./key-routes.ts";

export async function adminRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  // Before body validation: a caller without a valid key learns that first, not a schema error.
  app.addHook("onRequest", requireApiKey(context.store, "admin"));
  await connectionRoutes(app, context);
  await keyRoutes(app, context);
  await auditRoutes(app, context);
}
