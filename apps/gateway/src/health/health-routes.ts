/**
 * Liveness and readiness, public and cheap. Readiness fails (503) when the store is unreachable;
 * an upstream that is down makes it `degraded` but keeps the replica in rotation, because every
 * replica shares the same upstreams and taking them all out would turn one outage into two.
 * The public body carries counts only: connection names belong to their workspace.
 *
 * The shared cache is `degraded` too, not unavailable, when Redis is lost while running: the
 * replica keeps answering with local limits (issue 16), so it stays in rotation and says since
 * when and why (the reason never names the server; the logs do).
 */
import type { CacheHealth } from "@headgate/cache";
import type { FastifyInstance } from "fastify";
import type { GatewayContext } from "../server/gateway-context.ts";

type CacheReport =
  | { readonly state: "up" }
  | { readonly state: "degraded"; readonly since: string; readonly reason: string };

function cacheReport(health: CacheHealth): CacheReport {
  return health.state === "up"
    ? { state: "up" }
    : { state: "degraded", since: health.since.toISOString(), reason: health.reason };
}

export async function healthRoutes(app: FastifyInstance, context: GatewayContext): Promise<void> {
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok", version: context.version }));

  app.get("/readyz", { schema: { hide: true } }, async (request, reply) => {
    const cache = cacheReport(context.cache.health());
    let workspaceIds: string[];
    try {
      workspaceIds = (await context.store.workspaces.list()).map((w) => w.id);
    } catch (error) {
      request.log.warn({ err: error }, "readiness: store unreachable");
      return reply.status(503).send({ status: "unavailable", store: "unreachable", cache });
    }
    let ok = 0;
    let failing = 0;
    for (const id of workspaceIds) {
      try {
        const runtime = await context.engines.runtime(id);
        ok += runtime.connections.length;
        failing += runtime.problems.length;
      } catch (error) {
        request.log.warn({ err: error, workspaceId: id }, "readiness: workspace could not be built");
        failing += 1;
      }
    }
    const status = failing === 0 && cache.state === "up" ? "ready" : "degraded";
    return { status, store: "ok", connections: { ok, failing }, cache };
  });
}
