/**
 * A query that cannot finish within the MCP door's time budget (a cold read of a metered
 * upstream, paced at a few requests a second) answers in time with what it is sure of, a cursor
 * and a notice that says why and how to continue, instead of failing at the query's time limit.
 */
import { randomBytes } from "node:crypto";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import { JOBS, jobRows } from "@headgate/engine/testing";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { describe, expect, it } from "vitest";
import { createMcpServer } from "../create-mcp-server.ts";

const jobs = { ...JOBS, entityType: { ...JOBS.entityType, navigation: [] } };

async function slowEngine(): Promise<Engine> {
  const inner = createMemoryConnector({ entitySets: [{ definition: jobs, rows: jobRows(12) }] });
  const connector = {
    ...inner,
    async *scan(request: Parameters<typeof inner.scan>[0], stats?: Parameters<typeof inner.scan>[1]) {
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      request.signal.throwIfAborted();
      yield* inner.scan(request, stats);
    },
  };
  return new Engine({
    catalog: await Catalog.build([{ name: "slow", connector }]),
    skipTokenSecret: randomBytes(32),
  });
}

describe("query_entity_set past its time budget", () => {
  it("answers in time with a cursor and a notice saying the page stopped early", async () => {
    const engine = await slowEngine();
    const server = createMcpServer({
      engine: async () => engine,
      budget: { maxResultTokens: 20_000, maxPageSize: 100, softDeadlineMs: 50 },
    });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await server.connect(serverSide);
    const client = new Client({ name: "test", version: "1.0.0" });
    await client.connect(clientSide);
    const answer = await client.callTool({
      name: "query_entity_set",
      arguments: { entity_set: "Jobs", orderby: "JobNumber" },
    });
    await client.close();
    expect(answer.isError).toBeFalsy();
    const structured = answer.structuredContent as Record<string, unknown>;
    expect(structured.rows).toEqual([]);
    expect(typeof structured.cursor).toBe("string");
    expect(structured.notice).toMatch(/time budget before the page was complete.*Pass cursor to continue\./);
  });
});
