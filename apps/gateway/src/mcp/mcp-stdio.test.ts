import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { CLIENT_LINES, connectClient, type TestMcpClient } from "./mcp-test-clients.ts";

const TSX = join(import.meta.dirname, "../../node_modules/.bin/tsx");
const ENTRY = join(import.meta.dirname, "stdio-test-entry.ts");

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const stdio = (workspaceId: string, maxResultTokens?: number) => ({
  command: TSX,
  args: [ENTRY, gateway.dataDir, workspaceId, ...(maxResultTokens ? [String(maxResultTokens)] : [])],
});

describe.each(CLIENT_LINES)("the MCP door over stdio, %s client", (line) => {
  let client: TestMcpClient;
  beforeAll(async () => {
    client = await connectClient(line, stdio(gateway.acme.id));
  }, 30_000);
  afterAll(() => client?.close());

  it("lists the tools and answers every one of them against the demo world", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual([
      "list_entity_sets",
      "describe_entity_set",
      "query_entity_set",
      "get_entity",
      "explain_query",
      "search",
      "fetch",
    ]);
    const listed = await client.call("list_entity_sets", {});
    expect(listed.structured.entitySets.length).toBeGreaterThan(5);
    expect((await client.call("describe_entity_set", { entity_set: "Vendors" })).structured.name).toBe(
      "Vendors",
    );
    const vendors = await client.call("query_entity_set", {
      entity_set: "Vendors",
      top: 2,
      orderby: "Vendor",
    });
    expect(vendors.structured.rows).toHaveLength(2);
    const vendor = vendors.structured.rows[0];
    const got = await client.call("get_entity", { entity_set: "Vendors", key: `'${vendor.Vendor}'` });
    expect(got.structured.entity.Vendor).toBe(vendor.Vendor);
    expect((await client.call("explain_query", { entity_set: "Vendors", top: 2 })).isError).toBe(false);
    const found = await client.call("search", { query: vendor.Name });
    const id = `Vendors('${vendor.Vendor}')`;
    expect(found.structured.results.map((r: { id: string }) => r.id)).toContain(id);
    expect((await client.call("fetch", { id })).structured.id).toBe(id);
    const bad = await client.call("query_entity_set", { entity_set: "Vendors", filter: "Nmae eq 'x'" });
    expect(bad).toMatchObject({ isError: true });
    expect(bad.text).toContain("Name");
  });
});

describe("stdio isolation and budgets", () => {
  it("serves only the principal's workspace", async () => {
    const client = await connectClient("v2-modern", stdio(gateway.other.id));
    try {
      const listed = await client.call("list_entity_sets", {});
      expect(listed.structured.entitySets.map((s: { name: string }) => s.name).sort()).toEqual([
        "Jobs",
        "Rfis",
      ]);
    } finally {
      await client.close();
    }
  }, 30_000);

  it("cuts a result to the budget and continues it with the cursor", async () => {
    const client = await connectClient("v1", stdio(gateway.acme.id, 300));
    try {
      const first = await client.call("query_entity_set", { entity_set: "Jobs", select: "Job,Description" });
      expect(first.structured.cursor).toBeDefined();
      expect(first.text.length).toBeLessThanOrEqual(900);
      const second = await client.call("query_entity_set", { cursor: first.structured.cursor });
      expect(second.structured.rows[0]).not.toEqual(first.structured.rows[0]);
    } finally {
      await client.close();
    }
  }, 30_000);
});
