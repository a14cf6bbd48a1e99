import type { FastifyInstance } from "fastify";
import type { GatewayContext } from "../server/gateway-context.ts";

export async function actionRoutes(_app: FastifyInstance, _context: GatewayContext): Promise<void> {}
