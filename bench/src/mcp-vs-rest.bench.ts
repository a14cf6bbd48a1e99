/**
 * MCP vs REST: the same question (`Jobs`, filtered, selected, ordered, top 20) asked as an MCP
 * `query_entity_set` tool call on /mcp and as an OData GET on /odata, against one live test
 * gateway. Each MCP request is captured from a real SDK client (2.x client, both protocol eras)
 * and replayed with autocannon (in a process of its own), so the figure is the door's cost, not a
 * client's. The target is on the time one call takes for a single client (calls back to back),
 * which is what a model waiting on its tool call sees: at most 1.2 x REST. The same ratio under 8
 * concurrent clients (the server's cost per call) is reported beside it. Also prints the full `tools/list` response size (target
 * <= 8,000 characters: tool definitions are injected into every model turn).
 */
import { captureMcpToolCall } from "../../apps/gateway/src/mcp/capture-mcp-call.ts";
import { startTestGateway } from "../../apps/gateway/src/testing/test-gateway.ts";
import { generateLoad, median } from "./load-generator.ts";
import type { Figure } from "./measure.ts";

const DURATION_S = 3;
const ROUNDS = 5;
const CONCURRENT = 8;
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
    const rest = { url: `${gateway.url}${REST_PATH}`, method: "GET" as const, headers: auth(key) };
    const figures: Figure[] = [];
    for (const era of ["2025-11-25", "2026-07-28"] as const) {
      const call = await captureMcpToolCall({
        url: `${gateway.url}/mcp`,
        key,
        era,
        tool: "query_entity_set",
        args: QUERY,
      });
      const mcp = {
        url: `${gateway.url}/mcp`,
        method: "POST" as const,
        headers: call.headers,
        body: call.body,
      };
      await generateLoad({ ...rest, connections: CONCURRENT, seconds: 1 }); // warm-up: JIT, caches
      await generateLoad({ ...mcp, connections: CONCURRENT, seconds: 1 });
      figures.push(
        await compare(rest, mcp, 1, {
          name: `query tool call / REST GET, one client, ${era}`,
          target: "<= 1.2",
          pass: (ratio) => ratio <= 1.2,
        }),
        await compare(rest, mcp, CONCURRENT, {
          name: `same, ${CONCURRENT} concurrent clients, ${era}`,
          target: "report",
          pass: () => true,
        }),
      );
      if (era === "2026-07-28")
        figures.push({
          name: "tools/list response size",
          value: call.toolsListChars,
          unit: "chars",
          target: "<= 8,000",
          pass: call.toolsListChars <= 8000,
        });
    }
    return figures;
  } finally {
    await gateway.close();
  }
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

type Target = { url: string; method: "GET" | "POST"; headers: Record<string, string>; body?: string };

/**
 * The time a call takes through each door, as the median over alternating rounds (so load from
 * elsewhere on the machine hits both alike). One client: requests back to back, time per call =
 * 1 / throughput. Several clients: the ratio of mean latencies, i.e. of the server's cost.
 */
async function compare(
  rest: Target,
  mcp: Target,
  connections: number,
  figure: { name: string; target: string; pass: (ratio: number) => boolean },
): Promise<Figure> {
  const ratios: number[] = [];
  const rounds: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const restMs = await callMs(rest, connections);
    const mcpMs = await callMs(mcp, connections);
    ratios.push(mcpMs / restMs);
    rounds.push(`${mcpMs.toFixed(2)} vs ${restMs.toFixed(2)} ms`);
  }
  const ratio = median(ratios);
  return {
    name: figure.name,
    value: Number(ratio.toFixed(2)),
    unit: "x",
    target: figure.target,
    pass: figure.pass(ratio),
    note: `MCP vs REST per round: ${rounds.join("; ")}`,
  };
}

async function callMs(request: Target, connections: number): Promise<number> {
  const result = await generateLoad({ ...request, connections, seconds: DURATION_S });
  if (result.errors > 0)
    throw new Error(`${request.method} ${request.url}: ${result.errors} errors or non-2xx`);
  return connections === 1 ? 1000 / result.rps : result.meanMs;
}
