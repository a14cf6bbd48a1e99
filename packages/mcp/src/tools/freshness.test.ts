/**
 * How old a tool's answer is, how a caller asks for fresh data, and when to retry a call a budget
 * refused: the data tools' results carry `asOf` (in the structured content and its text),
 * `fresh: true` reaches the connector's scan, and an error that knows when the call can succeed
 * again says so in its last sentence. Every call goes to both lanes, the SDK server and the
 * direct tool-call lane, which must agree.
 */
import { randomBytes } from "node:crypto";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import { JOBS, jobRows } from "@headgate/engine/testing";
import { ODataError } from "@headgate/odata";
import { Client, InMemoryTransport } from "@modelcontextprotocol/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createMcpServer } from "../create-mcp-server.ts";
import { answerToolCallDirectly } from "../direct-calls/answer-tool-call.ts";

const jobs = { ...JOBS, entityType: { ...JOBS.entityType, navigation: [] } };
/** A set whose upstream budget is spent: every scan is refused for 42 seconds. */
const rfis = { ...jobs, name: "Rfis", entityType: { ...jobs.entityType, name: "Rfi" } };
/** A set answered from a scan read upstream at `CACHED_AT`, as a scan cache answers. */
const archive = { ...jobs, name: "Archive", entityType: { ...jobs.entityType, name: "ArchivedJob" } };
const CACHED_AT = Date.parse("2026-12-07T09:30:00.000Z");

type MemoryConnector = ReturnType<typeof createMemoryConnector>;
type ScanRequest = Parameters<MemoryConnector["scan"]>[0];

/** The memory connector over `definition`, recording every scan request it receives. */
function recordingConnector(definition: typeof jobs, scans: ScanRequest[]): MemoryConnector {
  const inner = createMemoryConnector({ entitySets: [{ definition, rows: jobRows(12) }] });
  return {
    ...inner,
    scan(request, stats) {
      scans.push(request);
      return inner.scan(request, stats);
    },
  };
}

function exhaustedConnector(): MemoryConnector {
  const inner = createMemoryConnector({ entitySets: [{ definition: rfis, rows: jobRows(2) }] });
  return {
    ...inner,
    scan() {
      throw new ODataError({
        code: "UpstreamBudgetExhausted",
        status: 429,
        message: "Procore's hourly request budget is spent; filter on project_id to need fewer requests.",
        retryAfterSeconds: 41.3,
      });
    },
  };
}

function cachedConnector(): MemoryConnector {
  const inner = createMemoryConnector({ entitySets: [{ definition: archive, rows: jobRows(3) }] });
  return {
    ...inner,
    async *scan(request, stats) {
      for await (const page of inner.scan(request, stats)) yield { ...page, asOf: CACHED_AT };
    },
  };
}

let scans: ScanRequest[];
let engine: Engine;
let client: Client | undefined;
beforeEach(async () => {
  scans = [];
  const catalog = await Catalog.build([
    { name: "jobs", connector: recordingConnector(jobs, scans) },
    { name: "procore", connector: exhaustedConnector() },
    { name: "archive", connector: cachedConnector() },
  ]);
  engine = new Engine({ catalog, skipTokenSecret: randomBytes(32) });
  const server = createMcpServer({ engine: async () => engine });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "test", version: "1.0.0" });
  await client.connect(clientSide);
});
afterEach(async () => {
  await client?.close();
  client = undefined;
});

interface ToolAnswer {
  readonly isError: boolean;
  readonly text: string;
  readonly structured: Record<string, unknown> | undefined;
}

async function viaSdk(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const result = await (client as Client).callTool({ name, arguments: args });
  return answerOf(result);
}

async function viaLane(name: string, args: Record<string, unknown>): Promise<ToolAnswer> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    accept: "application/json, text/event-stream",
    "mcp-protocol-version": "2025-11-25",
  };
  const body = { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } };
  const answer = await answerToolCallDirectly(
    { engine: async () => engine },
    { httpMethod: "POST", header: (header) => headers[header], body },
    new AbortController().signal,
  );
  const message = JSON.parse(/^data: (.*)$/m.exec(answer?.body ?? "")?.[1] ?? "null");
  return answerOf(message.result);
}

function answerOf(result: { isError?: unknown; content?: unknown; structuredContent?: unknown }): ToolAnswer {
  const content = (result.content ?? []) as { type: string; text: string }[];
  return {
    isError: result.isError === true,
    text: content.map((c) => c.text).join(""),
    structured: result.structuredContent as Record<string, unknown> | undefined,
  };
}

/** The call answered by both lanes, with the instants just before and after it. */
async function bothLanes(name: string, args: Record<string, unknown>) {
  const answers: (ToolAnswer & { before: number; after: number })[] = [];
  for (const lane of [viaSdk, viaLane]) {
    const before = Date.now();
    const answer = await lane(name, args);
    answers.push({ ...answer, before, after: Date.now() });
  }
  return answers;
}

function expectAsOfWithin(value: unknown, before: number, after: number): void {
  expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  expect(Date.parse(value as string)).toBeGreaterThanOrEqual(before);
  expect(Date.parse(value as string)).toBeLessThanOrEqual(after);
}

describe("asOf in a data tool's result", () => {
  it("is when a live query_entity_set read its rows, in the structured content and its text", async () => {
    for (const answer of await bothLanes("query_entity_set", { entity_set: "Jobs", top: 3 })) {
      expect(answer.isError, answer.text).toBe(false);
      expectAsOfWithin(answer.structured?.asOf, answer.before, answer.after);
      expect(JSON.parse(answer.text)).toEqual(answer.structured);
      expect(Object.keys(answer.structured ?? {}).slice(0, 2)).toEqual(["entitySet", "asOf"]);
    }
  });

  it("is when get_entity read its row, and is in fetch's metadata", async () => {
    for (const answer of await bothLanes("get_entity", { entity_set: "Jobs", key: "23-101" })) {
      expect(answer.isError, answer.text).toBe(false);
      expectAsOfWithin(answer.structured?.asOf, answer.before, answer.after);
      expect(JSON.parse(answer.text).asOf).toBe(answer.structured?.asOf);
    }
    for (const answer of await bothLanes("fetch", { id: "Jobs('23-101')" })) {
      expect(answer.isError, answer.text).toBe(false);
      const metadata = answer.structured?.metadata as Record<string, string>;
      expectAsOfWithin(metadata.asOf, answer.before, answer.after);
    }
  });

  it("is when the scan behind the answer was read upstream, for an answer from a cached scan", async () => {
    for (const answer of await bothLanes("query_entity_set", { entity_set: "Archive" }))
      expect(answer.structured?.asOf).toBe("2026-12-07T09:30:00.000Z");
    for (const answer of await bothLanes("get_entity", { entity_set: "Archive", key: "23-102" }))
      expect(answer.structured?.asOf).toBe("2026-12-07T09:30:00.000Z");
  });
});

describe("fresh", () => {
  it("reaches the connector's scan from query_entity_set and get_entity, only when true", async () => {
    const calls: [string, Record<string, unknown>][] = [
      ["query_entity_set", { entity_set: "Jobs", top: 2, fresh: true }],
      ["get_entity", { entity_set: "Jobs", key: "23-101", fresh: true }],
      ["query_entity_set", { entity_set: "Jobs", top: 2, fresh: false }],
      ["query_entity_set", { entity_set: "Jobs", top: 2 }],
    ];
    for (const [name, args] of calls) await bothLanes(name, args);
    expect(scans.map((scan) => scan.fresh)).toEqual([
      true,
      true,
      true,
      true,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("is declared on the data tools alone, as an optional boolean", async () => {
    const { tools } = await (client as Client).listTools();
    const withFresh = tools.filter((tool) => tool.inputSchema.properties?.fresh !== undefined);
    expect(withFresh.map((tool) => tool.name).sort()).toEqual(["get_entity", "query_entity_set"]);
    for (const tool of withFresh) {
      expect(tool.inputSchema.properties?.fresh).toMatchObject({ type: "boolean" });
      expect(tool.inputSchema.required ?? []).not.toContain("fresh");
    }
  });
});

describe("a call a budget refused", () => {
  it("is a tool error whose text ends by saying when to retry, in whole seconds", async () => {
    for (const [name, args] of [
      ["query_entity_set", { entity_set: "Rfis" }],
      ["get_entity", { entity_set: "Rfis", key: "23-101" }],
    ] as const) {
      const [sdk, lane] = await bothLanes(name, args);
      expect(sdk?.isError).toBe(true);
      expect(sdk?.text).toBe(
        "UpstreamBudgetExhausted: Procore's hourly request budget is spent; filter on project_id to need fewer requests. Retry after 42 seconds.",
      );
      expect(lane?.text).toBe(sdk?.text);
    }
  });
});
