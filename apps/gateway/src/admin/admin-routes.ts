/**
 * The admin API under /admin. Connections, API keys and the audit log belong to one workspace,
 * the one the admin-scoped key belongs to: a key can never reach another workspace's records;
 * they answer 404 exactly like records that do not exist. The store's workspaces themselves
 * (/admin/workspaces) are for operator-scoped keys only.
 */
import type { FastifyInstance } from "fastify";
import { requireApiKey } from "../auth/require-api-key.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { auditRoutes } from "./audit-routes.ts";
import { connectionRoutes } from "./connection-routes.ts";
import { keyRoutes } from "./key-routes.ts";
import { webhookRoutes } from "./webhook-routes.ts";
import { workspaceRoutes } from "./workspace-routes.ts";

export async function adminRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  // The key is checked before body validation: a caller without a valid key learns that first.
  await app.register(async (workspace) => {
    workspace.addHook("onRequest", requireApiKey(context.store, "admin"));
    await connectionRoutes(workspace, context);
    await keyRoutes(workspace, context);
    await auditRoutes(workspace, context);
    await webhookRoutes(workspace, context);
  });
  await app.register(async (operator) => {
    operator.addHook("onRequest", requireApiKey(context.store, "operator"));
    await workspaceRoutes(operator, context);
  });
}
