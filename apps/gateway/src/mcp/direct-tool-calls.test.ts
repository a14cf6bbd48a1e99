/**
 * The direct tool-call lane answers exactly as the SDK would. Every request below goes to two
 * doors on the same workspaces: the gateway's /mcp (lane on) and a door with the lane off, where
 * the SDK serves everything. Status, headers that matter and the JSON-RPC message must agree, in
 * both protocol eras, for every tool, for tool errors, and for requests the lane leaves to the
 * SDK. Each valid call is also checked to be one the lane takes, so equality is not vacuous.
 */
import { answerToolCallDirectly } from "@headgate/mcp";
import fc from "fast-check";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandling } from "../server/error-handler.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { captureMcpToolCall } from "./capture-mcp-call.ts";
import { type McpRoutesOptions, mcpRoutes } from "./mcp-routes.ts";

type Era = "2025-11-25" | "2026-07-28";
const ERAS: readonly Era[] = ["2025-11-25", "2026-07-28"];

let gateway: TestGateway;
const doors: FastifyInstance[] = [];
let sdkOnlyUrl: string;
/** Both doors with a tiny result budget, to see results cut and continued. */
let smallBudget: { lane: string; sdk: string };
const templates = new Map<Era, { headers: Record<string, string>; body: Record<string, unknown> }>();

beforeAll(async () => {
  gateway = await startTestGateway();
  sdkOnlyUrl = await startDoor({ directToolCalls: false });
  smallBudget = {
    lane: await startDoor({ maxResultTokens: 400 }),
    sdk: await startDoor({ maxResultTokens: 400, directToolCalls: false }),
  };
  for (const era of ERAS) {
    const call = await captureMcpToolCall({
      url: `${gateway.url}/mcp`,
      key: gateway.acme.queryKey,
      era,
      tool: "list_entity_sets",
      args: {},
    });
    templates.set(era, { headers: call.headers, body: JSON.parse(call.body) });
  }
});
afterAll(async () => {
  for (const door of doors) await door.close();
  await gateway?.close();
});

async function startDoor(options: McpRoutesOptions): Promise<string> {
  const door = Fastify();
  doors.push(door);
  installErrorHandling(door);
  await door.register(async (scope) => mcpRoutes(scope, gateway.context, options));
  return `${await door.listen({ host: "127.0.0.1", port: 0 })}/mcp`;
}

/** A `tools/call` as the SDK client of `era` sends it, with `name` and `args` swapped in. */
function toolCall(era: Era, name: string, args: unknown): { headers: Record<string, string>; body: string } {
  const template = templates.get(era);
  if (template === undefined) throw new Error(`no ${era} template`);
  const params = { ...(template.body.params as Record<string, unknown>), name, arguments: args };
  const headers = { ...template.headers, ...("mcp-name" in template.headers ? { "mcp-name": name } : {}) };
  return { headers, body: JSON.stringify({ ...template.body, params }) };
}

interface Seen {
  readonly status: number;
  readonly headers: Record<string, string | null>;
  readonly message: unknown;
}

/**
 * `asOf` (in a result's structured content and, escaped, in its text) is when each door's own
 * query started, so two doors agree on everything but its instant: each is checked to be an ISO
 * 8601 UTC instant, then compared as a placeholder.
 */
const AS_OF = /(\\?"asOf\\?":\\?")([^"\\]*)/g;

function withoutAsOfInstants(data: string): string {
  return data.replace(AS_OF, (_match, member: string, instant: string) => {
    expect(instant).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    return `${member}<instant>`;
  });
}

async function send(url: string, request: { headers: Record<string, string>; body: string }): Promise<Seen> {
  const response = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
  const text = withoutAsOfInstants(await response.text());
  const type = response.headers.get("content-type");
  const data = type === "text/event-stream" ? /^data: (.*)$/m.exec(text)?.[1] : text;
  const headers: Record<string, string | null> = {};
  for (const name of ["content-type", "cache-control", "x-accel-buffering"])
    headers[name] = response.headers.get(name);
  return { status: response.status, headers, message: data ? JSON.parse(data) : null };
}

async function bothDoors(
  request: { headers: Record<string, string>; body: string },
  urls = { lane: `${gateway.url}/mcp`, sdk: sdkOnlyUrl },
) {
  const [lane, sdk] = await Promise.all([send(urls.lane, request), send(urls.sdk, request)]);
  return { lane, sdk };
}

/** Whether the lane takes this request (it runs the call on the caller's engine to find out). */
async function laneTakes(request: { headers: Record<string, string>; body: string }): Promise<boolean> {
  const answer = await answerToolCallDirectly(
    { engine: () => gateway.engines.engine(gateway.acme.id) },
    { httpMethod: "POST", header: (name) => request.headers[name], body: JSON.parse(request.body) },
    new AbortController().signal,
  );
  return answer !== undefined;
}

const CALLS: readonly [string, Record<string, unknown>][] = [
  ["list_entity_sets", {}],
  ["describe_entity_set", { entity_set: "Jobs" }],
  ["describe_entity_set", { entity_set: "NoSuchSet" }],
  [
    "query_entity_set",
    { entity_set: "Jobs", filter: "Status eq 'In Progress'", select: "Job,Status", top: 5 },
  ],
  ["query_entity_set", { entity_set: "Jobs", orderby: "Original_Contract_Amount desc", top: 3, count: true }],
  ["query_entity_set", { entity_set: "Jobs", apply: "groupby((Status),aggregate($count as Jobs))" }],
  ["query_entity_set", { entity_set: "Jobs", top: 150 }],
  ["query_entity_set", { entity_set: "JobCostTransactions", filter: "Amount gt 0", top: 200 }],
  ["query_entity_set", { entity_set: "Jobs", filter: "Status eq" }],
  ["query_entity_set", { entity_set: "Jobz" }],
  ["query_entity_set", { filter: "Status eq 'In Progress'" }],
  ["query_entity_set", { cursor: "not-a-cursor" }],
  ["get_entity", { entity_set: "Jobs", key: "'23-104'", select: "Job,Description" }],
  ["get_entity", { entity_set: "Jobs", key: "'99-999'" }],
  ["explain_query", { entity_set: "Jobs", filter: "contains(Description,'Clinic')", top: 5 }],
  ["search", { query: "Summit" }],
  ["fetch", { id: "Jobs('23-104')" }],
  ["fetch", { id: "Jobs(" }],
];

describe.each(ERAS)("the direct lane against the SDK, %s client", (era) => {
  it.each(CALLS)("%s %j: taken by the lane, answered as the SDK answers", async (name, args) => {
    const request = toolCall(era, name, args);
    expect(await laneTakes(request)).toBe(true);
    const { lane, sdk } = await bothDoors(request);
    expect(lane).toEqual(sdk);
    expect(lane.status).toBe(200);
  });

  it("cuts a result to the budget and continues it with the cursor exactly as the SDK does", async () => {
    let args: Record<string, unknown> = { entity_set: "Vendors", select: "Vendor,Name", orderby: "Vendor" };
    for (let page = 0; page < 3; page++) {
      const request = toolCall(era, "query_entity_set", args);
      expect(await laneTakes(request)).toBe(true);
      const { lane, sdk } = await bothDoors(request, smallBudget);
      expect(lane).toEqual(sdk);
      const structured = (lane.message as { result: { structuredContent: { cursor?: string } } }).result
        .structuredContent;
      expect(structured.cursor).toEqual(expect.any(String));
      args = { cursor: structured.cursor };
    }
  });

  it("agrees with the SDK on generated queries", async () => {
    const filters = [
      "Status eq 'In Progress'",
      "Original_Contract_Amount gt 1000000",
      "startswith(Job,'23')",
      "Job eq",
    ];
    const query = fc.record(
      {
        filter: fc.constantFrom(...filters),
        select: fc.subarray(["Job", "Description", "Status", "Original_Contract_Amount"], { minLength: 1 }),
        orderby: fc.constantFrom("Job", "Original_Contract_Amount desc", "Nope"),
        top: fc.integer({ min: 0, max: 30 }),
        skip: fc.integer({ min: 0, max: 10 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(query, async (options) => {
        const args = {
          entity_set: "Jobs",
          ...options,
          ...(options.select ? { select: options.select.join(",") } : {}),
        };
        const { lane, sdk } = await bothDoors(toolCall(era, "query_entity_set", args));
        expect(lane).toEqual(sdk);
      }),
      { numRuns: 25 },
    );
  });

  it.each([
    ["arguments the schema refuses", { entity_set: 5 }],
    ["an unknown argument type for top", { entity_set: "Jobs", top: "ten" }],
  ])("leaves %s to the SDK, which answers its own way", async (_what, args) => {
    const request = toolCall(era, "query_entity_set", args);
    expect(await laneTakes(request)).toBe(false);
    const { lane, sdk } = await bothDoors(request);
    expect(lane).toEqual(sdk);
  });
});
