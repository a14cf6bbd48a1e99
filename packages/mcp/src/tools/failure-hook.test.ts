/**
 * What the MCP server does with a failure that is not the caller's mistake: it hands it to the
 * host's `onFailure` (the gateway logs it under a correlation id) and shows the caller what the
 * host returns, never the failure's own message. The caller's own mistakes reach neither.
 */
import { randomBytes } from "node:crypto";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import { JOBS, jobRows } from "@headgate/engine/testing";
import { ODataError } from "@headgate/odata";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterEach, describe, expect, it } from "vitest";
import { createMcpServer } from "../create-mcp-server.ts";
import type { McpServerOptions } from "../options.ts";

const DRIVER_MESSAGE = "ECONNRESET reading from 10.0.0.7:1433";

const jobs = { ...JOBS, entityType: { ...JOBS.entityType, navigation: [] } };
/** A second set like Jobs, in a connection whose every scan fails. */
const archive = { ...jobs, name: "Archive", entityType: { ...jobs.entityType, name: "ArchivedJob" } };

function brokenConnector(): ReturnType<typeof createMemoryConnector> {
  const inner = createMemoryConnector({ entitySets: [{ definition: archive, rows: jobRows(3) }] });
  return {
    ...inner,
    scan: () => {
      throw new Error(DRIVER_MESSAGE);
    },
  };
}

async function workspaceEngine(): Promise<Engine> {
  const catalog = await Catalog.build([
    {
      name: "jobs",
      connector: createMemoryConnector({ entitySets: [{ definition: jobs, rows: jobRows(8) }] }),
    },
    { name: "archive", connector: brokenConnector() },
  ]);
  return new Engine({ catalog, skipTokenSecret: randomBytes(32) });
}

let client: Client | undefined;
afterEach(async () => {
  await client?.close();
  client = undefined;
});

async function connect(
  options: Omit<McpServerOptions, "engine"> & Partial<Pick<McpServerOptions, "engine">>,
) {
  const engine = await workspaceEngine();
  const server = createMcpServer({ engine: async () => engine, ...options });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(clientSide);
  return client;
}

/** A host hook that records what it heard and shows an error quoting a correlation id. */
function recordingHost() {
  const heard: unknown[] = [];
  const onFailure = (error: unknown) => {
    heard.push(error);
    return new ODataError({
      code: "InternalError",
      status: 500,
      message: `It was logged. (request id t-${heard.length})`,
    });
  };
  return { heard, onFailure };
}

const textOf = (result: Awaited<ReturnType<Client["callTool"]>>) =>
  (result.content as { type: string; text: string }[]).map((c) => c.text).join("");

describe("a failure that is not the caller's mistake", () => {
  it("goes to the host, and the caller is shown what the host returns", async () => {
    const host = recordingHost();
    const mcp = await connect({ onFailure: host.onFailure });
    const result = await mcp.callTool({ name: "query_entity_set", arguments: { entity_set: "Archive" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toBe("InternalError: It was logged. (request id t-1)");
    expect(host.heard).toEqual([expect.objectContaining({ message: DRIVER_MESSAGE })]);
  });

  it("without a host hook is a generic InternalError that does not repeat the failure's message", async () => {
    const mcp = await connect({});
    const result = await mcp.callTool({ name: "query_entity_set", arguments: { entity_set: "Archive" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^InternalError: /);
    expect(textOf(result)).not.toContain("ECONNRESET");
  });

  it("in a resource read is the host's error, not the failure's message", async () => {
    const host = recordingHost();
    const mcp = await connect({
      onFailure: host.onFailure,
      engine: () => Promise.reject(new Error(DRIVER_MESSAGE)),
    });
    await expect(mcp.readResource({ uri: "headgate://entity-sets" })).rejects.toThrow(/request id t-1/);
    expect(host.heard).toHaveLength(1);
  });

  it("in one set of a search still answers from the others, and the host hears of it", async () => {
    const host = recordingHost();
    const mcp = await connect({ onFailure: host.onFailure });
    const result = await mcp.callTool({ name: "search", arguments: { query: "Clinic" } });
    expect(result.isError).toBeFalsy();
    const { results } = result.structuredContent as { results: { id: string }[] };
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.id.startsWith("Jobs("))).toBe(true);
    expect(host.heard).toEqual([expect.objectContaining({ message: DRIVER_MESSAGE })]);
  });
});

describe("the caller's own mistake", () => {
  it("is shown as raised and never reaches the host", async () => {
    const host = recordingHost();
    const mcp = await connect({ onFailure: host.onFailure });
    const result = await mcp.callTool({ name: "describe_entity_set", arguments: { entity_set: "Jbos" } });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain("Jobs");
    expect(host.heard).toEqual([]);
  });
});
