/**
 * A long query keeps its client informed and stops when the client gives up: progress
 * notifications while the scan runs (for a client that sent a progress token), and a cancelled
 * call aborts the connector's scan. The connector here holds its scan until the test lets it go.
 */
import { randomBytes } from "node:crypto";
import { Catalog, Engine } from "@headgate/engine";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createMcpServer } from "../create-mcp-server.ts";
import { heldConnector, type MemoryConnector } from "../testing/held-connector.ts";

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function connect(connector: MemoryConnector): Promise<Client> {
  const catalog = await Catalog.build([{ name: "jobs", connector }]);
  const engine = new Engine({ catalog, skipTokenSecret: randomBytes(32) });
  const server = createMcpServer({ engine: async () => engine, progressIntervalMs: 20 });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

const QUERY = { name: "query_entity_set", arguments: { entity_set: "Jobs", top: 5 } };

describe("a long query_entity_set call", () => {
  it("reports progress while the scan runs, then answers", async () => {
    const { connector, state } = heldConnector();
    const mcp = await connect(connector);
    const messages: string[] = [];
    const call = mcp.callTool(QUERY, {
      onprogress: (progress) => messages.push(String(progress.message)),
    });
    await vi.waitFor(() => expect(messages.length).toBeGreaterThanOrEqual(3), { timeout: 5000 });
    state.release();
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect((result.structuredContent as { rows: unknown[] }).rows).toHaveLength(5);
    expect(messages[0]).toBe("query Jobs: started");
    expect(messages.slice(1).every((m) => m.startsWith("query Jobs: still running"))).toBe(true);
  });

  it("stops the connector's scan when the client cancels the call", async () => {
    const { connector, state } = heldConnector();
    const mcp = await connect(connector);
    const cancel = new AbortController();
    const call = mcp.callTool(QUERY, { signal: cancel.signal });
    await vi.waitFor(() => expect(state.started).toBe(1));
    cancel.abort(new Error("the user stopped it"));
    await expect(call).rejects.toThrow();
    await vi.waitFor(() => expect(state.aborted).toBe(1));
    state.release();
  });
});
