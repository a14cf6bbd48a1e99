/**
 * The `/v1.0/...` surface: every GET goes through the bearer check, query option parsing and
 * path resolution, then the resource's handler; failures are rendered as Graph errors. Writes
 * are refused as a read-only (`Sites.Read.All`) app is refused.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Faults } from "../core/faults.ts";
import type { AccessTokens } from "./auth/access-tokens.ts";
import { authenticate } from "./auth/authenticate.ts";
import { badRequest, GraphError } from "./graph-error.ts";
import { sendGraph, sendGraphError } from "./graph-response.ts";
import type { GraphStore } from "./graph-store.ts";
import type { PageLimits } from "./odata/paging.ts";
import { readQueryOptions } from "./odata/query-options.ts";
import { prefersNonIndexed, type RequestContext } from "./resources/request-context.ts";
import { resolvePath } from "./resources/resolve-path.ts";
import { serve } from "./resources/serve.ts";

export interface GraphRouteDependencies {
  readonly store: GraphStore;
  readonly tokens: AccessTokens;
  readonly faults: Faults;
  readonly limits: PageLimits;
  readonly listViewThreshold: number;
}

export function registerGraphRoutes(app: FastifyInstance, deps: GraphRouteDependencies): void {
  app.get("/v1.0/*", (request, reply) => answer(request, reply, () => read(request, deps)));
  for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
    app.route({
      method,
      url: "/v1.0/*",
      handler: (request, reply) =>
        answer(request, reply, () => {
          authenticate(request, deps.tokens, deps.faults);
          throw new GraphError(403, "accessDenied", "Access denied");
        }),
    });
  }
}

function answer(request: FastifyRequest, reply: FastifyReply, produce: () => unknown): FastifyReply {
  try {
    return sendGraph(request, reply, 200, produce());
  } catch (error) {
    if (error instanceof GraphError) return sendGraphError(request, reply, error);
    throw error;
  }
}

function read(request: FastifyRequest, deps: GraphRouteDependencies): unknown {
  authenticate(request, deps.tokens, deps.faults);
  const url = new URL(request.url, "http://graph.invalid");
  const options = readQueryOptions(url);
  const resource = resolvePath(decodePath(url.pathname.slice("/v1.0".length)), deps.store);
  const origin = `${request.protocol}://${request.headers.host}`;
  const context: RequestContext = {
    request,
    store: deps.store,
    options,
    metadata: `${origin}/v1.0/$metadata`,
    limits: deps.limits,
    honorNonIndexed: prefersNonIndexed(request),
    listViewThreshold: deps.listViewThreshold,
  };
  return serve(context, resource);
}

function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    throw badRequest("The request URI is not valid.");
  }
}
