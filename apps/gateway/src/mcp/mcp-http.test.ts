import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installErrorHandling } from "../server/error-handler.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { mcpRoutes } from "./mcp-routes.ts";
import { CLIENT_LINES, connectClient, type TestMcpClient } from "./mcp-test-clients.ts";

let gateway: TestGateway;
let smallBudget: FastifyInstance;
let smallBudgetUrl: string;

beforeAll(async () => {
  gateway = await startTestGateway();
  // A second door on the same workspaces, with a tiny result budget, to see results cut.
  smallBudget = Fastify();
  installErrorHandling(smallBudget);
  await smallBudget.register(async (scope) => mcpRoutes(scope, gateway.context, { maxResultTokens: 400 }));
  smallBudgetUrl = `${await smallBudget.listen({ host: "127.0.0.1", port: 0 })}/mcp`;
});
afterAll(async () => {
  await smallBudget?.close();
  await gateway?.close();
});

const TOOL_ORDER = [
  "list_entity_sets",
  "describe_entity_set",
  "query_entity_set",
  "get_entity",
  "explain_query",
  "search",
  "fetch",
];

describe.each(CLIENT_LINES)("the MCP door over Streamable HTTP, %s client", (line) => {
  let client: TestMcpClient;
  beforeAll(async () => {
    client = await connectClient(line, { url: `${gateway.url}/mcp`, key: gateway.acme.queryKey });
  });
  afterAll(() => client?.close());

  it("negotiates the protocol revision of its line", () => {
    if (line === "v2-modern") expect(client.protocolVersion).toBe("2026-07-28");
    if (line === "v2-legacy") expect(client.protocolVersion).toBe("2025-11-25");
  });

  it("lists the read-only tools in a fixed order, each with an output schema", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(TOOL_ORDER);
    for (const tool of tools) {
      expect(tool.annotations).toMatchObject({ readOnlyHint: true });
      expect(typeof (tool.annotations as { openWorldHint?: boolean }).openWorldHint).toBe("boolean");
      expect(tool.outputSchema).toBeDefined();
    }
  });

  it("lists entity sets of the caller's workspace, and describes one with its pushed-down filters", async () => {
    const listed = await client.call("list_entity_sets", {});
    expect(listed.isError).toBe(false);
    const names = listed.structured.entitySets.map((s: { name: string }) => s.name);
    expect(names).toEqual(expect.arrayContaining(["Jobs", "Vendors", "Sample_Jobs"]));
    expect(JSON.parse(listed.text)).toEqual(listed.structured);
    const described = await client.call("describe_entity_set", { entity_set: "jobs" });
    expect(described.structured).toMatchObject({ name: "Jobs", key: ["Job"] });
    const job = described.structured.properties.find((p: { name: string }) => p.name === "Job");
    expect(job.pushedFilters).toContain("eq");
  });

  it("answers a query, and the same question over /odata gives the same rows", async () => {
    const args = {
      entity_set: "Jobs",
      filter: "Status eq 'In Progress'",
      select: "Job,Description,Status",
      orderby: "Job",
      top: 5,
      count: true,
    };
    const answer = await client.call("query_entity_set", args);
    expect(answer.isError).toBe(false);
    expect(answer.structured.rows.length).toBe(5);
    expect(answer.structured.count).toBeGreaterThanOrEqual(5);
    const rest = await http(
      `${gateway.url}/odata/Jobs?$filter=${encodeURIComponent("Status eq 'In Progress'")}&$select=Job,Description,Status&$orderby=Job&$top=5`,
      { key: gateway.acme.queryKey },
    );
    expect(rest.status).toBe(200);
    const strip = (rows: Record<string, unknown>[]) =>
      rows.map((row) => Object.fromEntries(Object.entries(row).filter(([name]) => !name.startsWith("@"))));
    expect(answer.structured.rows).toEqual(strip(rest.body.value));
  });

  it("gets one entity by key, explains a query, searches and fetches", async () => {
    const first = (await client.call("query_entity_set", { entity_set: "Jobs", top: 1, orderby: "Job" }))
      .structured.rows[0];
    const got = await client.call("get_entity", {
      entity_set: "Jobs",
      key: `'${first.Job}'`,
      select: "Job,Description",
    });
    expect(got.structured).toEqual({
      entitySet: "Jobs",
      asOf: expect.any(String),
      entity: { Job: first.Job, Description: first.Description },
    });
    const explained = await client.call("explain_query", {
      entity_set: "Jobs",
      filter: "Status eq 'Closed'",
    });
    expect(explained.structured.pushed.filter).toContain("Status");
    const found = await client.call("search", { query: first.Description });
    expect(found.isError).toBe(false);
    const hit = found.structured.results.find((r: { id: string }) => r.id === `Jobs('${first.Job}')`);
    expect(hit).toMatchObject({ url: `https://headgate.test/odata/Jobs('${first.Job}')` });
    const fetched = await client.call("fetch", { id: hit.id });
    expect(fetched.structured).toMatchObject({ id: hit.id, metadata: { entitySet: "Jobs" } });
    expect(JSON.parse(fetched.structured.text)).toMatchObject({
      Job: first.Job,
      Description: first.Description,
    });
  });

  it("returns invalid queries and arguments as tool errors the model can act on", async () => {
    const typo = await client.call("query_entity_set", { entity_set: "Jobs", filter: "Stauts eq 'Closed'" });
    expect(typo.isError).toBe(true);
    expect(typo.text).toContain("UnknownProperty");
    expect(typo.text).toContain("Status");
    const unknownSet = await client.call("describe_entity_set", { entity_set: "Jbos" });
    expect(unknownSet.isError).toBe(true);
    expect(unknownSet.text).toContain("Jobs");
    const syntax = await client.call("query_entity_set", { entity_set: "Jobs", filter: "Status eq" });
    expect(syntax.isError).toBe(true);
    const wrongType = await client.call("query_entity_set", { entity_set: "Jobs", top: "ten" });
    expect(wrongType.isError).toBe(true);
    const missing = await client.call("get_entity", { entity_set: "Jobs", key: "'no-such-job'" });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain("NotFound");
  });

  it("reports progress while a query runs when the client asks for it", async () => {
    const messages: string[] = [];
    const answer = await client.call("query_entity_set", { entity_set: "Vendors", top: 3 }, (m) =>
      messages.push(m),
    );
    expect(answer.isError).toBe(false);
    expect(messages[0]).toContain("query Vendors");
  });

  it("serves entity-set schemas as resources and offers starter prompts", async () => {
    const resources = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(
      expect.arrayContaining(["headgate://entity-sets", "headgate://entity-sets/Jobs"]),
    );
    const templates = await client.listResourceTemplates();
    expect(templates.map((t) => t.uriTemplate)).toContain("headgate://entity-sets/{name}");
    expect(JSON.parse(await client.readResource("headgate://entity-sets/Vendors"))).toMatchObject({
      name: "Vendors",
    });
    const prompts = await client.listPrompts();
    expect(prompts.map((p) => p.name)).toEqual(["analyse_job_cost", "explore_workspace"]);
    expect(await client.getPrompt("analyse_job_cost", { job: "23-104" })).toContain("Job eq '23-104'");
  });
});

describe.each(CLIENT_LINES)("results over budget, %s client", (line) => {
  it("are cut, say so, and continue with the cursor until every row was seen", async () => {
    const client = await connectClient(line, { url: smallBudgetUrl, key: gateway.acme.queryKey });
    try {
      const args = { entity_set: "Vendors", select: "Vendor,Name", orderby: "Vendor" };
      const seen: string[] = [];
      let answer = await client.call("query_entity_set", args);
      let calls = 1;
      expect(answer.structured.notice).toContain("Cut after");
      while (true) {
        expect(answer.isError).toBe(false);
        expect(answer.text.length).toBeLessThanOrEqual(400 * 3);
        seen.push(...answer.structured.rows.map((r: { Vendor: string }) => r.Vendor));
        if (!answer.structured.cursor) break;
        answer = await client.call("query_entity_set", { cursor: answer.structured.cursor });
        calls += 1;
      }
      expect(calls).toBeGreaterThan(1);
      const all = await http(`${gateway.url}/odata/Vendors?$select=Vendor&$orderby=Vendor`, {
        key: gateway.acme.queryKey,
      });
      expect(seen).toEqual(all.body.value.map((r: { Vendor: string }) => r.Vendor));
    } finally {
      await client.close();
    }
  });
});

describe.each(CLIENT_LINES)("a filtered result over the default budget, %s client", (line) => {
  it("carries a cursor (its filter holds integer literals) that continues where /odata's rows do", async () => {
    const client = await connectClient(line, { url: `${gateway.url}/mcp`, key: gateway.acme.queryKey });
    try {
      const args = { entity_set: "JobCostTransactions", filter: "Amount gt 0", orderby: "Row_ID" };
      const first = await client.call("query_entity_set", args);
      expect(first.isError, first.text).toBe(false);
      expect(first.structured.cursor).toEqual(expect.any(String));
      const second = await client.call("query_entity_set", { cursor: first.structured.cursor });
      expect(second.isError, second.text).toBe(false);
      const seen = [...first.structured.rows, ...second.structured.rows].map((r) => r.Row_ID);
      const rest = await http(
        `${gateway.url}/odata/JobCostTransactions?$filter=${encodeURIComponent("Amount gt 0")}&$orderby=Row_ID&$select=Row_ID&$top=${seen.length}`,
        { key: gateway.acme.queryKey },
      );
      expect(seen).toEqual(rest.body.value.map((r: { Row_ID: number }) => r.Row_ID));
    } finally {
      await client.close();
    }
  });
});

describe("workspace isolation and access control on /mcp", () => {
  it("shows a key of 'other' only its own workspace", async () => {
    const client = await connectClient("v2-modern", {
      url: `${gateway.url}/mcp`,
      key: gateway.other.queryKey,
    });
    try {
      const listed = await client.call("list_entity_sets", {});
      expect(listed.structured.entitySets.map((s: { name: string }) => s.name).sort()).toEqual([
        "Jobs",
        "Rfis",
      ]);
      const sage = await client.call("query_entity_set", { entity_set: "Vendors" });
      expect(sage.isError).toBe(true);
      expect(sage.text).toContain("UnknownEntitySet");
      const jobs = await client.call("query_entity_set", {
        entity_set: "Jobs",
        select: "Description",
        top: 1,
      });
      expect(jobs.isError).toBe(true);
      const found = await client.call("search", { query: "Vendor" });
      expect(found.structured.results.every((r: { id: string }) => /^(Jobs|Rfis)\(/.test(r.id))).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("answers 401 without a key, naming the header to send", async () => {
    const answer = await http(`${gateway.url}/mcp`, {
      json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
      headers: { accept: "application/json, text/event-stream" },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toContain("Bearer");
    expect(answer.body.error.message).toContain("Authorization: Bearer");
  });

  it("refuses a foreign Origin with 403 and admits the gateway's own origin", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } },
    };
    const ask = (origin: string) =>
      http(`${gateway.url}/mcp`, {
        key: gateway.acme.queryKey,
        json: initialize,
        headers: { origin, accept: "application/json, text/event-stream" },
      });
    const foreign = await ask("https://evil.example");
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.target).toBe("Origin");
    expect((await ask("https://headgate.test")).status).toBe(200);
  });
});
