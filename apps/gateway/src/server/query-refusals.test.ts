/**
 * What the gateway cannot serve, every door refuses up front with a 400 that names the part:
 * a count that is not a whole number from 0 to MAX_COUNT, a query past one of the query limits,
 * text holding the NUL character. /odata, /api and MCP (a real SDK client, and raw JSON for a
 * number JSON can write but a client library cannot send) answer alike, over the demo's data.
 */
import { MAX_COUNT, QUERY_LIMITS } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureMcpToolCall } from "../mcp/capture-mcp-call.ts";
import { connectClient, type TestMcpClient } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
let mcp: TestMcpClient;
beforeAll(async () => {
  gateway = await startTestGateway();
  mcp = await connectClient("v2-modern", { url: `${gateway.url}/mcp`, key: gateway.acme.queryKey });
});
afterAll(async () => {
  await mcp?.close();
  await gateway?.close();
});

const odata = (query: string) => http(`${gateway.url}/odata/Jobs?${query}`, { key: gateway.acme.queryKey });
const api = (parameters: Record<string, string>) =>
  http(`${gateway.url}/api/entity-sets/Jobs/rows?${new URLSearchParams(parameters)}`, {
    key: gateway.acme.queryKey,
  });
const tool = (args: Record<string, unknown>) => mcp.call("query_entity_set", { entity_set: "Jobs", ...args });

const BAD_COUNTS = ["1e400", "-1", "1.5", "abc", String(2 ** 53)];

describe.each(["top", "skip"])("%s is a whole number from 0 to MAX_COUNT on every door", (name) => {
  it.each(BAD_COUNTS)("%s is refused with a 400 naming the parameter", async (value) => {
    const viaOData = await odata(`$${name}=${encodeURIComponent(value)}`);
    expect(viaOData.status, viaOData.text).toBe(400);
    expect(viaOData.body.error.target).toBe(`$${name}`);

    const viaApi = await api({ [name]: value });
    expect(viaApi.status, viaApi.text).toBe(400);
    expect(viaApi.body.error).toMatchObject({ code: "SyntaxError", target: name });
    expect(viaApi.body.error.message).toContain(name);

    const number = Number(value);
    const viaTool = await tool({ [name]: Number.isFinite(number) ? number : value });
    expect(viaTool.isError).toBe(true);
    expect(viaTool.text).toContain(`${name}:`);
  });

  it("takes the largest count held exactly, also with the other count as large", async () => {
    const largest = String(MAX_COUNT);
    expect((await odata(`$${name}=${largest}&$select=Job`)).status).toBe(200);
    expect((await api({ [name]: largest, select: "Job" })).status).toBe(200);
    expect((await tool({ [name]: MAX_COUNT, select: "Job" })).isError).toBe(false);
    const both = await odata(`$top=${largest}&$skip=${largest}&$select=Job`);
    expect(both.status, both.text).toBe(200);
    expect((await api({ top: largest, skip: largest, select: "Job" })).status).toBe(200);
    expect((await tool({ top: MAX_COUNT, skip: MAX_COUNT, select: "Job" })).isError).toBe(false);
  });

  it("refuses a number JSON can write but no client library sends (1e400) as invalid MCP arguments", async () => {
    const call = await captureMcpToolCall({
      url: `${gateway.url}/mcp`,
      key: gateway.acme.queryKey,
      era: "2025-11-25",
      tool: "query_entity_set",
      args: { entity_set: "Jobs", [name]: 7 },
    });
    const body = call.body.replace(`"${name}":7`, `"${name}":1e400`);
    expect(body).toContain("1e400");
    const answer = await fetch(`${gateway.url}/mcp`, { method: "POST", headers: call.headers, body });
    const text = await answer.text();
    expect(answer.status).toBeLessThan(500);
    expect(text).toContain(`${name}:`);
    expect(text).not.toContain("rows");
  });
});

describe("a query past a limit is refused on every door with the limit, its value and the rewrite", () => {
  const operators = (n: number) => Array.from({ length: n + 1 }, () => "1").join(" add ");
  const overOperators = `${operators(QUERY_LIMITS.operators + 1)} eq 1`;
  const overSteps = Array.from({ length: QUERY_LIMITS.applySteps + 1 }, () => "identity").join("/");

  it.each([
    { option: "filter", limit: "operators", value: overOperators },
    { option: "apply", limit: "applySteps", value: overSteps },
    {
      option: "expand",
      limit: "expandDepth",
      value: "Commitments($expand=JobDetails($expand=Commitments($expand=JobDetails($expand=Commitments))))",
    },
  ])("$option past the limit $limit", async ({ option, value, limit }) => {
    // Spaces as `+`: an URL over 16 KB is refused by the HTTP server itself (431).
    const answers = [
      (await odata(`$${option}=${encodeURIComponent(value).replaceAll("%20", "+")}`)).body.error,
      (await api({ [option]: value })).body.error,
    ];
    for (const error of answers) {
      expect(error).toMatchObject({ code: "QueryLimitExceeded", target: `$${option}` });
      expect(error.message).toContain(`(limit '${limit}')`);
      expect(error.message).toContain(
        QUERY_LIMITS[limit as keyof typeof QUERY_LIMITS].toLocaleString("en-US"),
      );
    }
    const viaTool = await tool({ [option]: value });
    expect(viaTool.isError).toBe(true);
    expect(viaTool.text).toContain("QueryLimitExceeded");
    expect(viaTool.text).toContain(`(limit '${limit}')`);
  });

  it("serves what the limits allow: a filter of 1,000 and-terms, 100 $apply steps, 4 levels of $expand", async () => {
    const terms = Array.from({ length: 1000 }, (_, i) => `Job ne '${i}'`).join(" and ");
    const filtered = await tool({ filter: terms, select: "Job", top: 3 });
    expect(filtered.isError, filtered.text).toBe(false);
    expect(filtered.structured.rows).toHaveLength(3);
    const steps = Array.from({ length: QUERY_LIMITS.applySteps }, () => "top(5)").join("/");
    expect((await tool({ apply: steps })).isError).toBe(false);
    const expand =
      "Commitments($select=Commitment;$expand=JobDetails($select=Job;$expand=Commitments($top=1;$select=Commitment;$expand=JobDetails($select=Job))))";
    const expanded = await odata(`$top=2&$select=Job&$expand=${encodeURIComponent(expand)}`);
    expect(expanded.status, expanded.text).toBe(200);
    expect((await api({ top: "2", select: "Job", expand })).status).toBe(200);
  });
});

describe("text holding the NUL character is refused on every door, never sent to a database", () => {
  it.each(["contains(Description,'a%00')", "endswith(Description,'%00')"])("$filter=%s", async (filter) => {
    const viaOData = await odata(`$filter=${filter}`);
    expect(viaOData.status).toBe(400);
    expect(viaOData.body.error).toMatchObject({ code: "InvalidValue", target: "$filter" });
    const plain = decodeURIComponent(filter);
    const viaApi = await api({ filter: plain });
    expect(viaApi.status).toBe(400);
    expect(viaApi.body.error.code).toBe("InvalidValue");
    const viaTool = await tool({ filter: plain });
    expect(viaTool.isError).toBe(true);
    expect(viaTool.text).toContain("NUL character");
  });

  it("in a key and in a search", async () => {
    expect((await http(`${gateway.url}/odata/Jobs('a%00')`, { key: gateway.acme.queryKey })).status).toBe(
      400,
    );
    expect((await api({ search: "a\u0000" })).status).toBe(400);
  });
});
