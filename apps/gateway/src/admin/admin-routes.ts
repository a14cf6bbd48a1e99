import type { FastifyInstance } from "fastify";
import { requireApiKey } from "../auth/require-api-key.ts";
import type { GatewayContext } from "../server/gateway-context.ts";

export async function adminRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  app.addHook("preHandler", requireApiKey(context.store, "admin"));
  app.get("/keys", async () => ({ value: [] }));
}
