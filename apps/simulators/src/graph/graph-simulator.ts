/**
 * Microsoft Graph v1.0 over SharePoint Online, as a simulator definition: the identity
 * platform's client-credentials token endpoint and the sites, lists, list items and drives
 * routes, with Graph's throttling and error bodies for the shared fault switches.
 */
import type { FastifyReply } from "fastify";
import type { FailureKind, SimulatorDefinition } from "../core/start-simulator.ts";
import { TokenStore } from "../core/tokens.ts";
import { aadOutageBody } from "./auth/aad-error.ts";
import { AccessTokens } from "./auth/access-tokens.ts";
import { registerTokenEndpoint } from "./auth/token-endpoint.ts";
import { GraphError } from "./graph-error.ts";
import { sendGraphError } from "./graph-response.ts";
import { registerGraphRoutes } from "./graph-routes.ts";
import { GraphStore, type IndexedColumns } from "./graph-store.ts";
import type { SharepointData } from "./model.ts";

export interface GraphSimulatorOptions {
  readonly tenantId?: string;
  readonly clientId?: string;
  readonly clientSecret?: string;
  /** Indexed columns per list (by display name or id), replacing the generated choice. */
  readonly indexedColumns?: IndexedColumns;
  /** `expires_in` of issued tokens; Entra's is about an hour. */
  readonly tokenLifetimeSeconds?: number;
  /** Page size without `$top` (Graph: 200). */
  readonly pageSizeDefault?: number;
  /** Larger `$top` values are clamped to this. */
  readonly pageSizeMax?: number;
  /** Lists above this many items refuse non-indexed queries even with `Prefer` (SharePoint: 5,000). */
  readonly listViewThreshold?: number;
}

export interface GraphSimulatorDefinition extends SimulatorDefinition {
  /** The issued tokens, so a test can expire them (`tokens.expireAll()`). */
  readonly tokens: TokenStore;
  readonly store: GraphStore;
  readonly credentials: {
    readonly tenantId: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
}

/** The demo tenant's app registration, used when no credentials are given. */
export const DEFAULT_GRAPH_CREDENTIALS = {
  tenantId: "6f1c2b3a-8d4e-4f5a-9b6c-7d8e9f0a1b2c",
  clientId: "3e7a9c1d-2b4f-4e6a-8c0d-1f2e3a4b5c6d",
  clientSecret: "Hq8~demo.Secret_Cascade-Ridge~2024",
} as const;

export function graphSimulator(
  data: SharepointData,
  options: GraphSimulatorOptions = {},
): GraphSimulatorDefinition {
  const credentials = {
    tenantId: options.tenantId ?? DEFAULT_GRAPH_CREDENTIALS.tenantId,
    clientId: options.clientId ?? DEFAULT_GRAPH_CREDENTIALS.clientId,
    clientSecret: options.clientSecret ?? DEFAULT_GRAPH_CREDENTIALS.clientSecret,
  };
  const store = new GraphStore(data, options.indexedColumns);
  const tokenStore = new TokenStore(options.tokenLifetimeSeconds ?? 3599);
  const tokens = new AccessTokens(tokenStore, credentials.tenantId, credentials.clientId);
  return {
    name: "graph",
    tokens: tokenStore,
    store,
    credentials,
    routes(app, faults) {
      registerTokenEndpoint(
        app,
        {
          ...credentials,
          tenantAliases: [data.tenantDomain],
          sharepointResource: `https://${data.hostname}`,
        },
        tokens,
      );
      registerGraphRoutes(app, {
        store,
        tokens,
        faults,
        limits: { defaultSize: options.pageSizeDefault ?? 200, maxSize: options.pageSizeMax ?? 5000 },
        listViewThreshold: options.listViewThreshold ?? 5000,
      });
    },
    renderFailure,
  };
}

const FAILURE_STATUS: Readonly<Record<FailureKind, number>> = {
  rateLimit: 429,
  unavailable: 503,
  serverError: 500,
};

function graphFailure(kind: FailureKind): GraphError {
  switch (kind) {
    case "rateLimit":
      return new GraphError(
        429,
        "activityLimitReached",
        "The request has been throttled",
        "throttledRequest",
      );
    case "unavailable":
      return new GraphError(
        503,
        "serviceNotAvailable",
        "The service is temporarily unavailable. Please retry later.",
      );
    case "serverError":
      return new GraphError(500, "generalException", "General exception while processing");
  }
}

/**
 * Graph throttling (429 `activityLimitReached` with SharePoint's RateLimit headers, 503
 * `serviceNotAvailable`), 500 `generalException`; `Retry-After` in seconds when given.
 */
function renderFailure(
  kind: FailureKind,
  reply: FastifyReply,
  retryAfterSeconds: number | undefined,
): FastifyReply {
  if (retryAfterSeconds !== undefined) reply.header("Retry-After", String(retryAfterSeconds));
  if (reply.request.url.includes("/oauth2/")) return renderTokenEndpointFailure(kind, reply);
  if (kind === "rateLimit")
    reply
      .header("RateLimit-Limit", "1200")
      .header("RateLimit-Remaining", "0")
      .header("RateLimit-Reset", String(retryAfterSeconds ?? 0));
  return sendGraphError(reply.request, reply, graphFailure(kind));
}

/** The identity platform answers its own outages with OAuth error bodies, not Graph's. */
function renderTokenEndpointFailure(kind: FailureKind, reply: FastifyReply): FastifyReply {
  const body = aadOutageBody(kind === "serverError" ? "server_error" : "temporarily_unavailable");
  return reply
    .code(FAILURE_STATUS[kind])
    .header("Content-Type", "application/json; charset=utf-8")
    .send(JSON.stringify(body));
}
