/**
 * One paging-token design for every door: OData's `$skiptoken`, the Action API's `nextCursor`
 * and MCP's `cursor` are all signed with the gateway's secret and bound to the workspace. A
 * second replica with the same secret continues them; another workspace, or an altered token,
 * gets a 400 that names the parameter and says to run the query again without it.
 */
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditTrail } from "../audit/audit-trail.ts";
import { connectClient, type TestMcpClient } from "../mcp/mcp-test-clients.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { WorkspaceEngines } from "../workspaces/workspace-engines.ts";
import { buildGateway } from "./build-gateway.ts";

const secret = randomBytes(32);
let gateway: TestGateway;
let replica: { url: string; app: FastifyInstance; engines: WorkspaceEngines };

beforeAll(async () => {
  gateway = await startTestGateway({ skipTokenSecret: secret });
  // Another replica: its own engines and app over the same store, sharing only the secret.
  const engines = new WorkspaceEngines({
    store: gateway.store,
    skipTokenSecret: Buffer.from(secret),
    limits: { maxPageSize: 200, timeoutMs: 30_000 },
    baseDir: gateway.dataDir,
    log: { info: () => {}, warn: () => {} },
    drainMs: 0,
  });
  const app = await buildGateway(
    { ...gateway.context, engines, audit: new AuditTrail(gateway.store) },
    { logger: false },
  );
  replica = { url: await app.listen({ host: "127.0.0.1", port: 0 }), app, engines };
});
afterAll(async () => {
  await replica.app.close();
  await replica.engines.close();
  await gateway.close();
});

/** Changes one character of a token's signature, as a client that edits a token would. */
const altered = (token: string) =>
  `${token.slice(0, -3)}${token.at(-3) === "A" ? "B" : "A"}${token.slice(-2)}`;

const RESTART = /run the query again without the cursor/;

describe("the Action API's nextCursor", () => {
  const rows = (base: string, key: string, query: Record<string, string>) =>
    http(`${base}/api/entity-sets/Jobs/rows?${new URLSearchParams(query)}`, { key });
  const first = () =>
    rows(gateway.url, gateway.acme.queryKey, { select: "Job", orderby: "Job", top: "5" }).then((a) => {
      expect(a.status).toBe(200);
      return a.body.nextCursor as string;
    });

  it("is continued by another replica with the same secret, exactly after the rows returned", async () => {
    const next = await rows(replica.url, gateway.acme.queryKey, { cursor: await first() });
    expect(next.status).toBe(200);
    const direct = await rows(gateway.url, gateway.acme.queryKey, {
      select: "Job",
      orderby: "Job",
      skip: "5",
      top: "5",
    });
    expect(next.body.rows).toEqual(direct.body.rows);
  });

  it("is refused in another workspace, even for an entity set of the same name", async () => {
    const answer = await rows(gateway.url, gateway.other.queryKey, { cursor: await first() });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidCursor", target: "cursor" });
    expect(answer.body.error.message).toMatch(RESTART);
  });

  it("is refused when altered", async () => {
    const answer = await rows(gateway.url, gateway.acme.queryKey, { cursor: altered(await first()) });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidCursor", target: "cursor" });
    expect(answer.body.error.message).toMatch(RESTART);
  });
});

describe("MCP's cursor", () => {
  const connect = (base: string, key: string) => connectClient("v2-modern", { url: `${base}/mcp`, key });
  const withClient = async (client: TestMcpClient, work: (c: TestMcpClient) => Promise<void>) => {
    try {
      await work(client);
    } finally {
      await client.close();
    }
  };
  // More rows than MCP's page (100): the answer carries a cursor to the next page.
  const ARGS = { entity_set: "JobCostTransactions", select: "Row_ID", orderby: "Row_ID", top: 150 };
  const firstCursor = async () => {
    let cursor = "";
    await withClient(await connect(gateway.url, gateway.acme.queryKey), async (client) => {
      const answer = await client.call("query_entity_set", ARGS);
      expect(answer.isError, answer.text).toBe(false);
      cursor = answer.structured.cursor;
    });
    expect(cursor).toEqual(expect.any(String));
    return cursor;
  };

  it("is continued by another replica with the same secret", async () => {
    const cursor = await firstCursor();
    await withClient(await connect(replica.url, gateway.acme.queryKey), async (client) => {
      const next = await client.call("query_entity_set", { cursor });
      expect(next.isError, next.text).toBe(false);
      const all = await http(
        `${gateway.url}/odata/JobCostTransactions?$select=Row_ID&$orderby=Row_ID&$top=150`,
        { key: gateway.acme.queryKey },
      );
      const expected = all.body.value.slice(-next.structured.rows.length);
      expect(next.structured.rows).toEqual(expected);
    });
  });

  it("is refused in another workspace, when altered, and as an Action API cursor, naming the parameter", async () => {
    const cursor = await firstCursor();
    const action = await http(`${gateway.url}/api/entity-sets/Jobs/rows?top=2`, {
      key: gateway.acme.queryKey,
    });
    const attempts: [string, string][] = [
      [gateway.other.queryKey, cursor],
      [gateway.acme.queryKey, altered(cursor)],
      [gateway.acme.queryKey, action.body.nextCursor],
    ];
    for (const [key, text] of attempts) {
      await withClient(await connect(gateway.url, key), async (client) => {
        const answer = await client.call("query_entity_set", { cursor: text });
        expect(answer.isError).toBe(true);
        expect(answer.text).toMatch(/^InvalidCursor \(cursor\)/);
        expect(answer.text).toMatch(RESTART);
      });
    }
  });
});

describe("OData's $skiptoken", () => {
  const prefer = { prefer: "maxpagesize=5" };
  // No options: the same query means the same thing in both workspaces, only the workspace differs.
  const nextLinkOf = async () => {
    const page = await http(`${gateway.url}/odata/Jobs`, { key: gateway.acme.queryKey, headers: prefer });
    return new URL(page.body["@odata.nextLink"] as string);
  };

  it("is continued by another replica with the same secret", async () => {
    const link = await nextLinkOf();
    const next = await http(`${replica.url}/odata/Jobs${link.search}`, {
      key: gateway.acme.queryKey,
      headers: prefer,
    });
    expect(next.status).toBe(200);
    const direct = await http(`${gateway.url}/odata/Jobs?$skip=5&$top=5`, { key: gateway.acme.queryKey });
    expect(next.body.value).toEqual(direct.body.value);
  });

  it("is refused in another workspace, even for an entity set of the same name", async () => {
    const link = await nextLinkOf();
    const answer = await http(`${gateway.url}/odata/Jobs${link.search}`, { key: gateway.other.queryKey });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidSkipToken", target: "$skiptoken" });
  });
});
