import { describe, expect, it } from "vitest";
import { eligibleToolCall, type McpHttpRequest } from "./eligible-tool-call.ts";

const ENVELOPE = {
  "io.modelcontextprotocol/protocolVersion": "2026-07-28",
  "io.modelcontextprotocol/clientInfo": { name: "claude", version: "1.0.0" },
  "io.modelcontextprotocol/clientCapabilities": {},
};
const ARGS = { entity_set: "Jobs", top: 5 };

function modern(
  overrides: { headers?: Record<string, string | undefined>; body?: unknown } = {},
): McpHttpRequest {
  const headers: Record<string, string | undefined> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2026-07-28",
    "mcp-method": "tools/call",
    "mcp-name": "query_entity_set",
    ...overrides.headers,
  };
  const body = overrides.body ?? {
    jsonrpc: "2.0",
    id: 7,
    method: "tools/call",
    params: { name: "query_entity_set", arguments: ARGS, _meta: ENVELOPE },
  };
  return { httpMethod: "POST", header: (name) => headers[name], body };
}

function legacy(
  overrides: { headers?: Record<string, string | undefined>; body?: unknown } = {},
): McpHttpRequest {
  const headers: Record<string, string | undefined> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-11-25",
    ...overrides.headers,
  };
  const body = overrides.body ?? {
    jsonrpc: "2.0",
    id: "a",
    method: "tools/call",
    params: { name: "query_entity_set", arguments: ARGS },
  };
  return { httpMethod: "POST", header: (name) => headers[name], body };
}

const isTool = (name: string) => name === "query_entity_set";

describe("the calls the direct lane takes", () => {
  it("takes a plain tool call of the 2026-07-28 revision, with its envelope and standard headers", () => {
    expect(eligibleToolCall(modern(), isTool)).toEqual({
      era: "modern",
      id: 7,
      name: "query_entity_set",
      arguments: ARGS,
    });
  });

  it("takes a plain tool call of the 2025 era, with or without a version header", () => {
    expect(eligibleToolCall(legacy(), isTool)).toMatchObject({ era: "legacy", id: "a" });
    expect(
      eligibleToolCall(legacy({ headers: { "mcp-protocol-version": undefined } }), isTool),
    ).toMatchObject({
      era: "legacy",
    });
  });

  it("reads absent arguments as none", () => {
    const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "query_entity_set" } };
    expect(eligibleToolCall(legacy({ body }), isTool)?.arguments).toEqual({});
  });
});

describe("the calls the direct lane leaves to the SDK", () => {
  const withParams = (params: Record<string, unknown>) => ({
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "query_entity_set", arguments: ARGS, ...params },
  });
  const cases: [string, McpHttpRequest][] = [
    ["another method", legacy({ body: { jsonrpc: "2.0", id: 1, method: "tools/list", params: {} } })],
    ["a tool it does not know", legacy({ body: withParams({ name: "drop_table" }) })],
    ["a batch", legacy({ body: [withParams({})] })],
    ["a notification (no id)", legacy({ body: { jsonrpc: "2.0", method: "tools/call", params: {} } })],
    ["a fractional id", legacy({ body: { ...withParams({}), id: 1.5 } })],
    ["a null id", legacy({ body: { ...withParams({}), id: null } })],
    ["arguments that are not an object", legacy({ body: withParams({ arguments: [1] }) })],
    ["a progress token (the answer streams)", legacy({ body: withParams({ _meta: { progressToken: 1 } }) })],
    ["a task request", legacy({ body: withParams({ task: { ttl: 1000 } }) })],
    ["a body that is not JSON-RPC 2.0", legacy({ body: { ...withParams({}), jsonrpc: "1.0" } })],
    ["a non-JSON content type", legacy({ headers: { "content-type": "text/plain" } })],
    ["a 2025 client that does not accept event streams", legacy({ headers: { accept: "application/json" } })],
    [
      "a protocol revision the SDK does not know",
      legacy({ headers: { "mcp-protocol-version": "2023-01-01" } }),
    ],
    ["a modern header without the envelope", legacy({ headers: { "mcp-protocol-version": "2026-07-28" } })],
    ["a modern call without its Mcp-Name header", modern({ headers: { "mcp-name": undefined } })],
    ["a modern call whose Mcp-Name disagrees", modern({ headers: { "mcp-name": "search" } })],
    ["a modern call whose Mcp-Method disagrees", modern({ headers: { "mcp-method": "tools/list" } })],
    ["a modern call without its version header", modern({ headers: { "mcp-protocol-version": undefined } })],
    [
      "an envelope the SDK refuses",
      modern({
        body: withParams({ _meta: { ...ENVELOPE, "io.modelcontextprotocol/clientInfo": "claude" } }),
      }),
    ],
    [
      "an envelope with more than the three keys",
      modern({ body: withParams({ _meta: { ...ENVELOPE, x: 1 } }) }),
    ],
  ];

  it.each(cases)("%s", (_what, request) => {
    expect(eligibleToolCall(request, isTool)).toBeUndefined();
  });

  it("a GET", () => {
    expect(eligibleToolCall({ ...legacy(), httpMethod: "GET" }, isTool)).toBeUndefined();
  });
});
