/**
 * MCP vs REST: the same question (`Jobs`, filtered, selected, ordered, top 20) asked as an MCP
 * `query_entity_set` tool call on /mcp and as an OData GET on /odata, against one live test
 * gateway. Each MCP request is captured from a real SDK client (2.x client, both protocol eras)
 * and replayed with autocannon, so the figure is the door's cost, not a client's. Target: MCP
 * mean latency at most 1.2 x REST. Also prints the full `tools/list` response size (target
 * <= 8,000 characters: tool definitions are injected into every model turn).
 */
import autocannon from "autocannon";
import { captureMcpToolCall } from "../../../apps/gateway/src/mcp/capture-mcp-call.ts";
import { startTestGateway } from "../../../apps/gateway/src/testing/test-gateway.ts";
import type { Figure } from "../measure.ts";

const DURATION_S = 5;
const CONNECTIONS = 8;
const QUERY = {
  entity_set: "Jobs",
  filter: "Status eq 'In Progress'",
  select: "Job,Description,Status,Original_Contract_Amount",
  orderby: "Job",
  top: 20,
};
const REST_PATH =
  `/odata/Jobs?$filter=${encodeURIComponent("Status eq 'In Progress'")}` +
  "&$select=Job,Description,Status,Original_Contract_Amount&$orderby=Job&$top=20";

export async function mcpVsRest(): Promise<Figure[]> {
  const gateway = await startTestGateway({ maxPageSize: 200 });
  try {
    const key = gateway.acme.queryKey;
    const rest = await meanLatencyMs(gateway.url, { method: "GET", path: REST_PATH, headers: auth(key) });
    const figures: Figure[] = [];
    for (const era of ["2025-11-25", "2026-07-28"] as const) {
      const call = await captureMcpToolCall({
        url: `${gateway.url}/mcp`,
        key,
        era,
        tool: "query_entity_set",
        args: QUERY,
      });
      const { toolsListChars } = call;
      const mcp = await meanLatencyMs(gateway.url, {
        method: "POST",
        path: "/mcp",
        headers: call.headers,
        body: call.body,
      });
      const ratio = mcp / rest;
      figures.push({
        name: `query tool call / REST GET, ${era} (${mcp.toFixed(2)} ms vs ${rest.toFixed(2)} ms mean)`,
        value: ratio,
        unit: "x",
        target: "<= 1.2",
        pass: ratio <= 1.2,
      });
      if (era === "2026-07-28")
        figures.push({
          name: "tools/list response size",
          value: toolsListChars,
          unit: "chars",
          target: "<= 8,000",
          pass: toolsListChars <= 8000,
        });
    }
    return figures;
  } finally {
    await gateway.close();
  }
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

async function meanLatencyMs(
  url: string,
  request: { method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string },
): Promise<number> {
  const options = {
    url,
    connections: CONNECTIONS,
    requests: [request],
  };
  await autocannon({ ...options, duration: 1 }); // warm-up: JIT, engine and caches
  const result = await autocannon({ ...options, duration: DURATION_S });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${request.method} ${request.path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.latency.mean;
}
