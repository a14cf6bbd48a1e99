/**
 * A failure that is not the client's fault, on every door: the client is told an InternalError
 * (or the 5xx the error carries) whose message quotes a correlation id, and the log holds that
 * failure, with its stack, under the same id. On HTTP the id is Fastify's request id, sent as
 * `x-request-id` on every answer; over stdio each failed call gets its own. The client never sees
 * the underlying message or a stack.
 *
 * The failure: the store can no longer list connections (its database went away), so every
 * engine build, and the admin connection list, throws a plain driver error.
 */
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_LINES, connectClient } from "../mcp/mcp-test-clients.ts";
import { storeFailingConnections } from "../testing/failing-store.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { WorkspaceEngines } from "../workspaces/workspace-engines.ts";
import { buildGateway } from "./build-gateway.ts";

/** What the driver said: it must reach the log, never the client. */
const DRIVER_MESSAGE = "SQLITE_IOERR: disk I/O error reading /var/lib/headgate/headgate.sqlite";
const QUOTED_ID = /\(request id ([A-Za-z0-9._-]+)\)/;

let gateway: TestGateway;
let failing: FastifyInstance;
let failingUrl: string;
let failingEngines: WorkspaceEngines;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  gateway = await startTestGateway();
  const store = storeFailingConnections(gateway.store, new Error(DRIVER_MESSAGE));
  failingEngines = new WorkspaceEngines({
    store,
    skipTokenSecret: randomBytes(32),
    limits: { maxPageSize: 200, timeoutMs: 30_000 },
    baseDir: gateway.dataDir,
    log: { info: () => {}, warn: () => {} },
    drainMs: 0,
  });
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split("\n")) if (line) logLines.push(JSON.parse(line));
      done();
    },
  });
  failing = await buildGateway(
    { ...gateway.context, store, engines: failingEngines },
    { logger: { level: "info", stream: logStream } },
  );
  failingUrl = await failing.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await failing?.close();
  await failingEngines?.close();
  await gateway?.close();
});

/** The error lines logged under `id`: Fastify's request logger binds it as `reqId`. */
function failuresLoggedUnder(id: string, lines: readonly Record<string, unknown>[] = logLines) {
  return lines.filter((line) => line.reqId === id && (line.level === 50 || line.level === "error"));
}

function expectLoggedWithStack(id: string, lines?: readonly Record<string, unknown>[]): void {
  const [logged] = failuresLoggedUnder(id, lines);
  expect(logged, `an error line logged under ${id}`).toBeDefined();
  const err = logged?.err as { message?: string; stack?: string };
  expect(err.message).toBe(DRIVER_MESSAGE);
  expect(err.stack).toMatch(/\n\s+at /);
}

function expectNothingLeaked(text: string): void {
  expect(text).not.toContain(DRIVER_MESSAGE);
  expect(text).not.toContain("SQLITE_IOERR");
  expect(text).not.toMatch(/\n\s+at /);
}

describe("an internal error on an HTTP door", () => {
  const doors: [string, string, () => string][] = [
    ["/odata", "/odata/Jobs?$top=1", () => gateway.acme.queryKey],
    ["/api", "/api/entity-sets/Jobs/rows?top=1", () => gateway.acme.queryKey],
    ["/admin", "/admin/connections", () => gateway.acme.adminKey],
  ];
  it.each(doors)(
    "%s: a 500 whose message and x-request-id carry the id it was logged under",
    async (_door, path, key) => {
      const answer = await http(`${failingUrl}${path}`, { key: key() });
      expect(answer.status).toBe(500);
      const id = answer.headers.get("x-request-id");
      expect(id).toEqual(expect.any(String));
      expect(answer.body.error.code).toBe("InternalError");
      expect(QUOTED_ID.exec(answer.body.error.message)?.[1]).toBe(id);
      expectNothingLeaked(answer.text);
      expectLoggedWithStack(id ?? "");
    },
  );

  it("quotes the id a proxy sent in x-request-id, so the proxy's logs line up", async () => {
    const answer = await http(`${failingUrl}/odata/Jobs`, {
      key: gateway.acme.queryKey,
      headers: { "x-request-id": "edge-7f3a9c" },
    });
    expect(answer.headers.get("x-request-id")).toBe("edge-7f3a9c");
    expect(answer.body.error.message).toContain("(request id edge-7f3a9c)");
    expectLoggedWithStack("edge-7f3a9c");
  });
});

describe.each(CLIENT_LINES)("an internal error on /mcp, %s client", (line) => {
  it("is a tool error quoting the id it was logged under, in the direct lane and through the SDK", async () => {
    const client = await connectClient(line, { url: `${failingUrl}/mcp`, key: gateway.acme.queryKey });
    try {
      const direct = await client.call("query_entity_set", { entity_set: "Jobs", top: 1 });
      // A progress token sends the call through the SDK server rather than the direct lane.
      const viaSdk = await client.call("list_entity_sets", {}, () => {});
      for (const answer of [direct, viaSdk]) {
        expect(answer.isError).toBe(true);
        expect(answer.text).toMatch(/^InternalError: /);
        expectNothingLeaked(answer.text);
        expectLoggedWithStack(QUOTED_ID.exec(answer.text)?.[1] ?? "(no id quoted)");
      }
    } finally {
      await client.close();
    }
  });
});

describe("an internal error over stdio", () => {
  it("is a tool error quoting the correlation id its stderr log line carries", async () => {
    const client = await connectClient("v2-modern", {
      command: join(import.meta.dirname, "../../node_modules/.bin/tsx"),
      args: [join(import.meta.dirname, "../mcp/stdio-test-entry.ts"), gateway.dataDir, gateway.acme.id],
      env: { HEADGATE_TEST_STORE_FAILURE: DRIVER_MESSAGE },
    });
    try {
      const answer = await client.call("query_entity_set", { entity_set: "Jobs", top: 1 });
      expect(answer.isError).toBe(true);
      expect(answer.text).toMatch(/^InternalError: /);
      expectNothingLeaked(answer.text);
      const id = QUOTED_ID.exec(answer.text)?.[1] ?? "(no id quoted)";
      const stderrLines = client
        .stderr()
        .split("\n")
        .filter((text) => text.startsWith("{"))
        .map((text) => JSON.parse(text) as Record<string, unknown>);
      expectLoggedWithStack(id, stderrLines);
    } finally {
      await client.close();
    }
  }, 30_000);
});
