/**
 * For the benchmark: runs the SDK's 2.x client once against /mcp and keeps the exact HTTP
 * request of its `tools/call` (headers and body), so a load generator can replay what a real
 * client sends in either protocol era. Also reports the size of the `tools/list` response.
 * Lives here because the gateway, not the bench package, depends on the MCP client.
 */
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";

export interface CapturedCall {
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Characters of the full `tools/list` response body. */
  readonly toolsListChars: number;
}

export async function captureMcpToolCall(options: {
  readonly url: string;
  readonly key: string;
  readonly era: "2025-11-25" | "2026-07-28";
  readonly tool: string;
  readonly args: Record<string, unknown>;
}): Promise<CapturedCall> {
  let call: { headers: Record<string, string>; body: string } | undefined;
  let toolsListChars = 0;
  const recording = async (input: string | URL | Request, init?: RequestInit) => {
    const response = await fetch(input, init);
    const body = typeof init?.body === "string" ? init.body : "";
    if (body.includes('"tools/call"'))
      call = { headers: Object.fromEntries(new Headers(init?.headers).entries()), body };
    if (body.includes('"tools/list"')) toolsListChars = (await response.clone().text()).length;
    return response;
  };
  const client = new Client(
    { name: "headgate-bench", version: "1.0.0" },
    options.era === "2026-07-28" ? { versionNegotiation: { mode: { pin: options.era } } } : {},
  );
  await client.connect(
    new StreamableHTTPClientTransport(new URL(options.url), {
      requestInit: { headers: { authorization: `Bearer ${options.key}` } },
      fetch: recording,
    }),
  );
  await client.listTools();
  const result = await client.callTool({ name: options.tool, arguments: options.args });
  await client.close();
  if (call === undefined || result.isError) throw new Error(`the ${options.tool} call could not be captured`);
  return { ...call, toolsListChars };
}
