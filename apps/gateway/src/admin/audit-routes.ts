/**
 * /admin/audit: the workspace's audit log, newest first, paged with an opaque cursor, optionally
 * only one door's entries (`?door=mcp-http`).
 */
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import type { AdminContext } from "./admin-context.ts";
import { schemas } from "./admin-schemas.ts";
import { listAudit } from "./audit.ts";

interface AuditQueryString {
  readonly limit?: number;
  readonly before?: string;
  readonly door?: string;
}

export async function auditRoutes(app: FastifyInstance, context: AdminContext): Promise<void> {
  app.get<{ Querystring: AuditQueryString }>("/audit", { schema: schemas.listAudit }, async (request) => {
    const { limit, before, door } = request.query;
    return listAudit(context, principalOf(request).workspaceId, {
      ...(limit === undefined ? {} : { limit }),
      ...(before === undefined ? {} : { before }),
      ...(door === undefined ? {} : { door }),
    });
  });
}
