/**
 * The MCP front door over Streamable HTTP at /mcp. Stateless, so any replica answers any request,
 * for clients of both the 2025-11-25 revision (initialize, stateless fallback) and the
 * 2026-07-28 revision (per-request envelope). A plain tool call is answered by the direct lane
 * (`answerToolCallDirectly`); everything else gets a fresh SDK server for the caller's workspace
 * (the SDK's `createMcpHandler`). Same API keys, engines and audit as REST.
 */
import type { Engine } from "@headgate/engine";
import {
  answerToolCallDirectly,
  createMcpServer,
  type DirectAnswer,
  type McpHttpRequest,
  type McpQueryOutcome,
  type McpServerOptions,
} from "@headgate/mcp";
import type { ODataError } from "@headgate/odata";
import { type AuthInfo, createMcpHandler } from "@modelcontextprotocol/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { auditToolCall } from "../audit/audit-tool-call.ts";
import type { Principal } from "../auth/principal.ts";
import {
  authenticate,
  principalOf as authenticatedPrincipal,
  bearerTokenOf,
} from "../auth/require-api-key.ts";
import { GatewayError } from "../errors/gateway-error.ts";
import { type OAuthAuthority, oauthAuthority } from "../oauth/oauth-authority.ts";
import { accessTokenPrincipal, isAccessToken } from "../oauth/oauth-principal.ts";
import { answerError } from "../server/error-handler.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { listFromEnv, type OriginPolicyOptions, originPolicy } from "./origin-policy.ts";

export interface McpRoutesOptions extends Partial<Omit<OriginPolicyOptions, "publicUrl">> {
  /** Result budget of one tool result, in tokens (default 20,000). */
  readonly maxResultTokens?: number;
  /**
   * Answer plain `tools/call` requests in the direct lane instead of building an SDK server for
   * each (default true). Off, every request goes through the SDK; tests compare the two.
   */
  readonly directToolCalls?: boolean;
}

/** What the per-request server factory needs to know about the caller. */
interface Caller {
  readonly principal: Principal;
  readonly engine: () => Promise<Engine>;
  readonly audit: (outcome: McpQueryOutcome) => void;
  /** Logs a failure under the request id and returns what the client is shown. */
  readonly onFailure: (error: unknown) => ODataError;
}

export async function mcpRoutes(
  app: FastifyInstance,
  context: GatewayContext,
  options: McpRoutesOptions = {},
): Promise<void> {
  const policy = originPolicy({
    publicUrl: context.publicUrl,
    allowedOrigins: options.allowedOrigins ?? listFromEnv(process.env.HEADGATE_MCP_ALLOWED_ORIGINS),
    allowedHosts: options.allowedHosts ?? listFromEnv(process.env.HEADGATE_MCP_ALLOWED_HOSTS),
  });
  // The SDK hands our AuthInfo object to the factory unchanged; it keys the caller.
  const callers = new WeakMap<AuthInfo, Caller>();
  const handler = createMcpHandler(({ authInfo }) => {
    const caller = authInfo === undefined ? undefined : callers.get(authInfo);
    if (caller === undefined) throw new GatewayError("InternalError", "MCP request without a caller");
    return createMcpServer(serverOptions(caller));
  });
  const serverOptions = (caller: Caller): McpServerOptions => ({
    engine: caller.engine,
    onQuery: caller.audit,
    onFailure: caller.onFailure,
    serverInfo: { name: "headgate", version: context.version },
    odataRoot: `${context.publicUrl}/odata`,
    ...(options.maxResultTokens === undefined
      ? {}
      : { budget: { maxResultTokens: options.maxResultTokens } }),
  });
  const direct = options.directToolCalls ?? true;
  const oauth = oauthAuthority(context);
  app.addHook("onClose", () => handler.close());

  app.route({
    method: ["GET", "POST", "DELETE"],
    url: "/mcp",
    schema: { hide: true },
    // Authentication is a preHandler so that what follows it (client rate limits) sees the principal.
    preHandler: async (request, reply) => {
      policy.check({ origin: request.headers.origin, host: request.headers.host });
      request.principal = await authenticateMcp(context, oauth, request, reply);
    },
    handler: async (request, reply) => {
      const principal = authenticatedPrincipal(request);
      const authInfo: AuthInfo = {
        token: "api-key",
        clientId: principal.keyId ?? "local",
        scopes: [...principal.scopes],
      };
      const caller = callerOf(context, request, principal);
      const hangUp = abortOnHangUp(reply);
      if (direct) {
        const answer = await answerToolCallDirectly(serverOptions(caller), mcpRequestOf(request), hangUp);
        if (answer !== undefined) return sendDirect(reply, answer);
      }
      callers.set(authInfo, caller);
      const response = await handler.fetch(toWebRequest(request, hangUp), {
        authInfo,
        ...(request.body === undefined ? {} : { parsedBody: request.body }),
      });
      return sendResponse(reply, response);
    },
  });
}

/**
 * A JSON answer is complete when the SDK hands it over, so it goes out in one write with a
 * Content-Length; only event streams (progress notifications before the result) are piped.
 * Piping a web stream costs a write per chunk plus the chunked-encoding trailer.
 */
async function sendResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  const type = response.headers.get("content-type") ?? "";
  if (response.body === null || !type.startsWith("application/json")) return reply.send(response);
  const body = Buffer.from(await response.arrayBuffer());
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  return reply.send(body);
}

async function authenticateMcp(
  context: GatewayContext,
  oauth: OAuthAuthority,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<Principal> {
  try {
    const principal = await principalOf(context, oauth, request.headers.authorization);
    if (!principal.scopes.includes("query"))
      throw new GatewayError(
        "Forbidden",
        "This API key lacks the 'query' scope that /mcp needs. Use a key created with --scope query.",
        "Authorization",
      );
    return principal;
  } catch (error) {
    if (error instanceof GatewayError && error.code === "Unauthorized")
      reply.header(
        "WWW-Authenticate",
        `Bearer realm="headgate", resource_metadata="${oauth.endpoints.resourceMetadata}"`,
      );
    throw error;
  }
}

/** An OAuth access token (clients that signed in), or else an API key. */
async function principalOf(
  context: GatewayContext,
  oauth: OAuthAuthority,
  authorization: string | undefined,
): Promise<Principal> {
  const bearer = bearerTokenOf(authorization);
  if (bearer === undefined || !isAccessToken(bearer)) return authenticate(context.store, authorization);
  const principal = await accessTokenPrincipal(bearer, oauth);
  if (principal === undefined)
    throw new GatewayError(
      "Unauthorized",
      "The access token is not valid: it expired, or the API key it was granted with was revoked. Sign in again from your MCP client.",
      "Authorization",
    );
  return principal;
}

function callerOf(context: GatewayContext, request: FastifyRequest, principal: Principal): Caller {
  return {
    principal,
    engine: () => context.engines.engine(principal.workspaceId),
    onFailure: (error) => answerError(error, request.id, request.log),
    audit: (outcome) => auditToolCall(context.audit, request.log, principal, "mcp-http", outcome),
  };
}

const SKIPPED_HEADERS = new Set(["content-length", "transfer-encoding", "connection"]);

/** A buffer, as the SDK's answers go out: Fastify would add a charset to a string's type. */
function sendDirect(reply: FastifyReply, answer: DirectAnswer): FastifyReply {
  return reply.code(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
}

function mcpRequestOf(request: FastifyRequest): McpHttpRequest {
  return {
    httpMethod: request.method,
    header: (name: string) => {
      const value = request.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: request.body,
  };
}

/** A client that hangs up cancels its tool call, and the engine stops upstream work. */
function abortOnHangUp(reply: FastifyReply): AbortSignal {
  const aborted = new AbortController();
  reply.raw.on("close", () => {
    if (!reply.raw.writableFinished) aborted.abort();
  });
  return aborted.signal;
}

/** The web `Request` the SDK handler reads; the body travels pre-parsed beside it. */
function toWebRequest(request: FastifyRequest, signal: AbortSignal): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined || SKIPPED_HEADERS.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  return new Request(`http://${request.headers.host ?? "localhost"}${request.url}`, {
    method: request.method,
    headers,
    signal,
  });
}
