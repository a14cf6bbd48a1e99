/**
 * Which HTTP requests the direct lane may answer: a single, plain `tools/call` of a Headgate
 * tool that the SDK would serve and answer with the tool's result, in either protocol era.
 * Everything else (other methods, batches, progress tokens, task requests, unknown envelope
 * keys, header mismatches, arguments the schema refuses) is left to the SDK, which then gives
 * its own answer or its own error. The era decision is the SDK's: `classifyInboundRequest` is
 * the classifier `createMcpHandler` runs.
 */
import {
  CLIENT_CAPABILITIES_META_KEY,
  CLIENT_INFO_META_KEY,
  classifyInboundRequest,
  isJsonContentType,
  PROTOCOL_VERSION_META_KEY,
  SUPPORTED_PROTOCOL_VERSIONS,
} from "@modelcontextprotocol/server";

/** The HTTP request as the lane reads it; header names are lower case. */
export interface McpHttpRequest {
  readonly httpMethod: string;
  readonly header: (name: string) => string | undefined;
  readonly body: unknown;
}

export type ProtocolEra = "legacy" | "modern";

export interface EligibleToolCall {
  readonly era: ProtocolEra;
  readonly id: string | number;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** The one per-request-envelope revision the SDK serves (it does not export its list). */
export const MODERN_REVISION = "2026-07-28";

const REQUEST_KEYS = new Set(["jsonrpc", "id", "method", "params"]);
const PARAM_KEYS = new Set(["name", "arguments", "_meta"]);
const ENVELOPE_KEYS = new Set([
  PROTOCOL_VERSION_META_KEY,
  CLIENT_INFO_META_KEY,
  CLIENT_CAPABILITIES_META_KEY,
]);
const LEGACY_REVISIONS = new Set(SUPPORTED_PROTOCOL_VERSIONS.filter((version) => version < MODERN_REVISION));

export function eligibleToolCall(
  request: McpHttpRequest,
  isTool: (name: string) => boolean,
): EligibleToolCall | undefined {
  if (request.httpMethod !== "POST" || !isJsonContentType(request.header("content-type"))) return undefined;
  const call = plainToolCall(request.body, isTool);
  if (call === undefined) return undefined;
  const era = eraOf(request, call);
  return era === undefined ? undefined : { era, id: call.id, name: call.name, arguments: call.arguments };
}

interface PlainToolCall extends Omit<EligibleToolCall, "era"> {
  readonly meta: Record<string, unknown> | undefined;
}

function plainToolCall(body: unknown, isTool: (name: string) => boolean): PlainToolCall | undefined {
  if (!isPlainObject(body) || !hasOnlyKeys(body, REQUEST_KEYS)) return undefined;
  const { jsonrpc, id, method, params } = body;
  if (jsonrpc !== "2.0" || method !== "tools/call" || !isRequestId(id)) return undefined;
  if (!isPlainObject(params) || !hasOnlyKeys(params, PARAM_KEYS)) return undefined;
  const { name, arguments: args, _meta: meta } = params;
  if (typeof name !== "string" || !isTool(name)) return undefined;
  if (args !== undefined && !isPlainObject(args)) return undefined;
  // A progress token asks for notifications before the result: the SDK streams those.
  if (meta !== undefined && (!isPlainObject(meta) || !hasOnlyKeys(meta, ENVELOPE_KEYS))) return undefined;
  return { id, name, arguments: args ?? {}, meta };
}

function eraOf(request: McpHttpRequest, call: PlainToolCall): ProtocolEra | undefined {
  const versionHeader = request.header("mcp-protocol-version");
  const route = routeOf(versionHeader, request.header("mcp-method"), call.meta);
  if (route === "modern") {
    // The standard headers must be present and say what the body says, as the SDK requires.
    const served =
      versionHeader === MODERN_REVISION &&
      request.header("mcp-method") === "tools/call" &&
      request.header("mcp-name") === call.name;
    return served ? "modern" : undefined;
  }
  if (route === "legacy") {
    // The 2025 transport's own checks: both media types accepted, a revision it knows.
    const accept = request.header("accept") ?? "";
    const accepted = accept.includes("application/json") && accept.includes("text/event-stream");
    const known = versionHeader === undefined || LEGACY_REVISIONS.has(versionHeader);
    return accepted && known ? "legacy" : undefined;
  }
  return undefined;
}

type Route = "modern" | "legacy" | "other";

/** Envelopes whose route is known; clients repeat theirs on every call. Bounded, keys short. */
const routes = new Map<string, Route>();
const MAX_ROUTES = 1024;
const MAX_ROUTE_KEY = 2048;

/**
 * The SDK's era decision (`classifyInboundRequest`, the classifier `createMcpHandler` runs). For
 * a plain tool call it reads only the version and method headers and `params._meta` (the
 * JSON-RPC guards check `jsonrpc`, `id`, `method` and `_meta`, all settled by `plainToolCall`),
 * so it is asked once per distinct envelope: its zod checks cost more than the rest of the lane.
 */
function routeOf(
  versionHeader: string | undefined,
  methodHeader: string | undefined,
  meta: Record<string, unknown> | undefined,
): Route {
  const key = JSON.stringify([versionHeader ?? null, methodHeader ?? null, meta ?? null]);
  const known = routes.get(key);
  if (known !== undefined) return known;
  const outcome = classifyInboundRequest({
    httpMethod: "POST",
    body: { jsonrpc: "2.0", id: 0, method: "tools/call", params: meta === undefined ? {} : { _meta: meta } },
    ...optional("protocolVersionHeader", versionHeader),
    ...optional("mcpMethodHeader", methodHeader),
  });
  const route = routeFrom(outcome);
  if (key.length <= MAX_ROUTE_KEY) {
    if (routes.size >= MAX_ROUTES) routes.clear();
    routes.set(key, route);
  }
  return route;
}

function routeFrom(outcome: ReturnType<typeof classifyInboundRequest>): Route {
  if (outcome.kind === "modern")
    return outcome.messageKind === "request" && outcome.classification.revision === MODERN_REVISION
      ? "modern"
      : "other";
  return outcome.kind === "legacy" && outcome.reason === "no-claim" ? "legacy" : "other";
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasOnlyKeys(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  for (const key in value) if (!allowed.has(key)) return false;
  return true;
}

function isRequestId(id: unknown): id is string | number {
  return typeof id === "string" || Number.isSafeInteger(id);
}
