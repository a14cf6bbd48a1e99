/**
 * MCP vs REST: the same question (`Jobs`, filtered, selected, ordered, top 20) asked as an MCP
 * `query_entity_set` tool call on /mcp and as an OData GET on /odata, against one live test
 * gateway. Each MCP request is captured from a real SDK client (2.x client, both protocol eras)
 * and replayed from a process of its own, so the figure is the door's cost, not a client's.
 *
 * The target is on the time one call takes for a single client, which is what a model waiting on
 * its tool call sees: at most 1.2 x REST. It is measured in pairs (`measurePairedCalls`: each
 * round calls REST and both eras back to back), the ratio of median call times; the mean and p90
 * ratios are printed beside it. The ratio under 8 concurrent clients (the server's cost per
 * call, from autocannon rounds) is reported too. Also prints the full `tools/list` response size
 * (target <= 8,000 characters: tool definitions are injected into every model turn). The
 * gateway's shared cache is Redis when REDIS_URL is set, as for `serve`, else memory.
 */
import { openCache } from "@headgate/cache";
import { captureMcpToolCall } from "../../apps/gateway/src/mcp/capture-mcp-call.ts";
import { startTestGateway } from "../../apps/gateway/src/testing/test-gateway.ts";
import { generateLoad } from "./load-generator.ts";
import { type Figure, median } from "./measure.ts";
import { type CallTimes, type DoorRequest, measurePairedCalls } from "./paired-calls.ts";

const PAIRED_ROUNDS = 4000;
const PAIRED_WARM_UP = 500;
const DURATION_S = 2;
const ROUNDS = 9;
const CONCURRENT = 8;
const ERAS = ["2025-11-25", "2026-07-28"] as const;
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
  // The shared cache the gateway would have in production: Redis when REDIS_URL is set, else memory.
  const cache = await openCache({
    redisUrl: process.env.REDIS_URL || undefined,
    keyPrefix: `headgate-bench:mcp-vs-rest:${Date.now().toString(36)}:`,
  });
  process.stdout.write(`  shared cache: ${cache.kind}\n`);
  const gateway = await startTestGateway({ maxPageSize: 200, context: { cache } });
  try {
    const key = gateway.acme.queryKey;
    const rest: DoorRequest = { url: `${gateway.url}${REST_PATH}`, method: "GET", headers: auth(key) };
    const captured = await Promise.all(
      ERAS.map((era) =>
        captureMcpToolCall({ url: `${gateway.url}/mcp`, key, era, tool: "query_entity_set", args: QUERY }),
      ),
    );
    const mcp = captured.map(
      (call): DoorRequest => ({
        url: `${gateway.url}/mcp`,
        method: "POST",
        headers: call.headers,
        body: call.body,
      }),
    );
    const [restTimes, ...eraTimes] = await measurePairedCalls([rest, ...mcp], {
      rounds: PAIRED_ROUNDS,
      warmUpRounds: PAIRED_WARM_UP,
    });
    const figures: Figure[] = ERAS.map((era, i) => oneClientFigure(era, eraTimes[i]!, restTimes!));
    for (const [i, era] of ERAS.entries()) {
      await generateLoad({ ...rest, connections: CONCURRENT, seconds: 1 }); // warm-up: JIT, caches
      await generateLoad({ ...mcp[i]!, connections: CONCURRENT, seconds: 1 });
      figures.push(await compareUnderLoad(rest, mcp[i]!, `same, ${CONCURRENT} concurrent clients, ${era}`));
    }
    const toolsListChars = captured[1]!.toolsListChars;
    figures.push({
      name: "tools/list response size",
      value: toolsListChars,
      unit: "chars",
      target: "<= 8,000",
      pass: toolsListChars <= 8000,
    });
    return figures;
  } finally {
    await gateway.close();
    await cache.close();
  }
}

function oneClientFigure(era: string, mcp: CallTimes, rest: CallTimes): Figure {
  const ratio = mcp.median / rest.median;
  const us = (t: CallTimes) => `${Math.round(t.median)} µs`;
  return {
    name: `query tool call / REST GET, one client, ${era}`,
    value: Number(ratio.toFixed(2)),
    unit: "x",
    target: "<= 1.2",
    pass: ratio <= 1.2,
    note:
      `median ${us(mcp)} vs ${us(rest)} over ${PAIRED_ROUNDS} paired calls; ` +
      `mean ${(mcp.mean / rest.mean).toFixed(2)} x, p90 ${(mcp.p90 / rest.p90).toFixed(2)} x`,
  };
}

const auth = (key: string) => ({ authorization: `Bearer ${key}` });

/**
 * The server's cost per call under concurrent load: the ratio of mean latencies, as the median
 * over alternating rounds (so load from elsewhere on the machine hits both alike).
 */
async function compareUnderLoad(rest: DoorRequest, mcp: DoorRequest, name: string): Promise<Figure> {
  const ratios: number[] = [];
  const rounds: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const restMs = await meanCallMs(rest);
    const mcpMs = await meanCallMs(mcp);
    ratios.push(mcpMs / restMs);
    rounds.push(`${mcpMs.toFixed(2)} vs ${restMs.toFixed(2)} ms`);
  }
  return {
    name,
    value: Number(median(ratios).toFixed(2)),
    unit: "x",
    target: "report",
    pass: true,
    note: `MCP vs REST per round: ${rounds.join("; ")}`,
  };
}

async function meanCallMs(request: DoorRequest): Promise<number> {
  const result = await generateLoad({ ...request, connections: CONCURRENT, seconds: DURATION_S });
  if (result.errors > 0)
    throw new Error(`${request.method} ${request.url}: ${result.errors} errors or non-2xx`);
  return result.meanMs;
}
