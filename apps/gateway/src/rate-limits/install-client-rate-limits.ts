/**
 * Hooks the client rate limits into every route of the data doors (/odata, /api, /mcp) once,
 * where routes are registered: a preHandler appended after the route's own, so it runs after
 * whichever authentication the door does and sees its principal. Health checks, the API
 * description, the OAuth pages and the admin API are not limited (an admin must be able to revoke
 * the key that exhausts a workspace's limit), nor is stdio MCP, which has no HTTP request.
 */

import type { Cache } from "@headgate/cache";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preHandlerAsyncHookHandler,
  RouteOptions,
} from "fastify";
import { type ClientRateLimits, takeRequestTokens } from "./client-rate-limits.ts";
import { setRateLimitHeaders } from "./rate-limit-headers.ts";
import { tooManyRequests } from "./too-many-requests.ts";

export const LIMITED_DOORS = ["/odata", "/api", "/mcp"] as const;

export interface ClientRateLimitOptions {
  readonly cache: Cache;
  /** Read on every request, so a reloaded headgate.yaml applies at once. */
  readonly limits: () => ClientRateLimits;
}

/** Call before the doors are registered: routes registered earlier are not limited. */
export function installClientRateLimits(app: FastifyInstance, options: ClientRateLimitOptions): void {
  const limit: preHandlerAsyncHookHandler = (request, reply) => enforce(request, reply, options);
  app.addHook("onRoute", (route) => {
    if (!isLimited(route.url)) return;
    route.preHandler = [...asList(route.preHandler), limit];
  });
}

async function enforce(request: FastifyRequest, reply: FastifyReply, options: ClientRateLimitOptions) {
  const principal = request.principal;
  if (principal === undefined) return; // a public route under a door's prefix
  let takes: Awaited<ReturnType<typeof takeRequestTokens>>;
  try {
    takes = await takeRequestTokens(options.cache, principal, options.limits());
  } catch (error) {
    // A limit that cannot be read must not take the gateway down with it: answer unlimited.
    request.log.warn({ err: error }, "client rate limits not checked");
    return;
  }
  setRateLimitHeaders(reply, takes);
  const refused = takes.find((t) => !t.take.allowed);
  if (refused !== undefined) throw tooManyRequests(refused);
}

function isLimited(url: string | undefined): boolean {
  return url !== undefined && LIMITED_DOORS.some((door) => url === door || url.startsWith(`${door}/`));
}

type ElementOf<T> = T extends readonly (infer H)[] ? H : never;
type PreHandler = ElementOf<NonNullable<RouteOptions["preHandler"]>>;

function asList(handlers: RouteOptions["preHandler"]): PreHandler[] {
  if (handlers === undefined) return [];
  return Array.isArray(handlers) ? handlers : [handlers as PreHandler];
}
