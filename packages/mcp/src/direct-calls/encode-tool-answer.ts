/**
 * The HTTP answer to a tool call, byte for byte what the SDK sends for it in each era:
 * - 2026-07-28: one JSON body; the result carries `resultType: "complete"` and the server's
 *   identity in `_meta` (the SDK's encode contract for that revision).
 * - 2025 era: the stateless transport's event stream holding one `message` event.
 */
import { type CallToolResult, SERVER_INFO_META_KEY } from "@modelcontextprotocol/server";
import { jsonWithMember } from "../results/json-with-member.ts";
import { structuredJsonOf } from "../results/tool-result.ts";
import type { EligibleToolCall } from "./eligible-tool-call.ts";

export interface DirectAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ServerInfo {
  readonly name: string;
  readonly version: string;
}

const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  connection: "keep-alive",
  "x-accel-buffering": "no",
};

export function encodeToolAnswer(
  call: EligibleToolCall,
  result: CallToolResult,
  server: ServerInfo,
): DirectAnswer {
  const modern = call.era === "modern";
  const message = {
    result: modern ? stampedForModernEra(result, server) : result,
    jsonrpc: "2.0",
    id: call.id,
  };
  const json = jsonWithMember(message, "result", resultJson(message.result, structuredJsonOf(result)));
  if (modern) return { status: 200, headers: { "content-type": "application/json" }, body: json };
  return { status: 200, headers: EVENT_STREAM_HEADERS, body: `event: message\ndata: ${json}\n\n` };
}

/** The structured content is already serialized as the text mirror; it is spliced in, not redone. */
function resultJson(result: Record<string, unknown>, structuredJson: string | undefined): string {
  return structuredJson === undefined
    ? JSON.stringify(result)
    : jsonWithMember(result, "structuredContent", structuredJson);
}

function stampedForModernEra(result: CallToolResult, server: ServerInfo): Record<string, unknown> {
  const meta = result._meta;
  if (meta !== undefined && meta[SERVER_INFO_META_KEY] !== undefined)
    return { ...result, resultType: "complete" };
  return {
    ...result,
    resultType: "complete",
    _meta: { ...meta, [SERVER_INFO_META_KEY]: { name: server.name, version: server.version } },
  };
}
