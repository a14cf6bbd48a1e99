import type { FastifyInstance } from "fastify";
import type { GatewayContext } from "../server/gateway-context.ts";

export async function odataRoutes(_app: FastifyInstance, _context: GatewayContext): Promise<void> {}
