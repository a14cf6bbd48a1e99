/**
 * How a scan talks to the database: one SELECT per page window, large results in pages of
 * `pageSize` rows (so memory stays bounded), counts as a separate COUNT(*), upstream calls
 * counted, and a scan that stops (consumer done, signal aborted, time limit) stops querying.
 * Postgres cancels a running statement when the scan is aborted or runs out of time.
 */
import type { ConnectorStats, ScanPage, ScanRequest } from "@headgate/connector-kit";
import { ODataError, parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSqlConnector, type SqlConnector } from "./sql-connector.ts";
import {
  createJobsTables,
  JOB_ROWS,
  openDatabase,
  openPostgres,
  type TestDatabase,
  type TestDialect,
} from "./testing/jobs-fixture.ts";

function request(overrides: Partial<ScanRequest> = {}): ScanRequest {
  return {
    entitySet: "Jobs",
    signal: new AbortController().signal,
    deadline: Date.now() + 30_000,
    ...overrides,
  };
}

async function collect(
  connector: SqlConnector,
  scan: ScanRequest,
): Promise<{ pages: ScanPage[]; calls: number }> {
  const stats: ConnectorStats = { upstreamCalls: 0 };
  const pages: ScanPage[] = [];
  for await (const page of connector.scan(scan, stats)) pages.push(page);
  return { pages, calls: stats.upstreamCalls };
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let db: TestDatabase;
  let connector: SqlConnector;
  const statements: string[] = [];
  beforeAll(async () => {
    db = await openDatabase(dialect);
    await createJobsTables(db.knex, dialect, db.schema);
    connector = createSqlConnector({
      knex: db.knex,
      dialect,
      ...(db.schema === undefined ? {} : { schema: db.schema }),
      pageSize: 10,
    });
    await connector.describe();
    db.knex.on("query", (data: { sql: string }) => statements.push(data.sql));
  });
  afterAll(async () => {
    await db?.close();
  });

  it("streams a full read in pages of pageSize rows, one SELECT per page", async () => {
    statements.length = 0;
    const { pages, calls } = await collect(connector, request());
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 10, 10, 6]);
    expect(pages.flatMap((p) => p.rows)).toEqual(JOB_ROWS);
    expect(calls).toBe(5);
    expect(statements).toHaveLength(5);
    for (const s of statements) expect(s).toMatch(/^select .* limit/i);
  });

  it("asks for the count once, with its own COUNT(*), and delivers it on the first page", async () => {
    statements.length = 0;
    const { pages, calls } = await collect(connector, request({ count: true, top: 25 }));
    expect(pages.map((p) => p.count)).toEqual([JOB_ROWS.length, undefined, undefined]);
    expect(pages.map((p) => p.rows.length)).toEqual([10, 10, 5]);
    expect(calls).toBe(4);
    expect(statements[0]).toMatch(/count\(\*\)/i);
  });

  it("pushes top and skip as LIMIT and OFFSET", async () => {
    const { pages, calls } = await collect(connector, request({ skip: 40, top: 25 }));
    expect(pages.flatMap((p) => p.rows)).toEqual(JOB_ROWS.slice(40));
    expect(calls).toBe(1);
  });

  it("reads a window the engine asks for (a page plus one row) in one statement", async () => {
    statements.length = 0;
    const { pages } = await collect(connector, request({ skip: 3, top: 11 }));
    expect(pages.map((p) => p.rows)).toEqual([JOB_ROWS.slice(3, 14)]);
    expect(statements).toHaveLength(1);
  });

  it("answers top 0 with one empty page and no row query", async () => {
    statements.length = 0;
    const { pages } = await collect(connector, request({ top: 0, count: true }));
    expect(pages).toEqual([{ rows: [], count: JOB_ROWS.length }]);
    expect(statements).toHaveLength(1);
  });

  it("stops querying when the consumer stops reading", async () => {
    const stats: ConnectorStats = { upstreamCalls: 0 };
    for await (const page of connector.scan(request(), stats)) {
      expect(page.rows).toHaveLength(10);
      break;
    }
    expect(stats.upstreamCalls).toBe(1);
  });

  it("stops between pages when the signal aborts, with the signal's reason", async () => {
    const controller = new AbortController();
    const stats: ConnectorStats = { upstreamCalls: 0 };
    const reason = new Error("client went away");
    const pages = connector.scan(request({ signal: controller.signal }), stats)[Symbol.asyncIterator]();
    await pages.next();
    controller.abort(reason);
    await expect(pages.next()).rejects.toBe(reason);
    expect(stats.upstreamCalls).toBe(1);
  });

  it("refuses to start after the deadline", async () => {
    const error = await collect(connector, request({ deadline: Date.now() - 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).code).toBe("QueryTimeout");
  });

  it("fails clearly instead of reading more than maxRows", async () => {
    const limited = createSqlConnector({
      knex: db.knex,
      dialect,
      ...(db.schema === undefined ? {} : { schema: db.schema }),
      pageSize: 10,
      maxRows: 20,
    });
    const error = await collect(limited, request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).code).toBe("ResultTooLarge");
    expect((await collect(limited, request({ top: 20 }))).pages.flatMap((p) => p.rows)).toHaveLength(20);
    expect(
      (await collect(limited, request({ filter: parseQueryOptions("$filter=Units eq 1").filter! }))).calls,
    ).toBe(1);
  });

  it("rejects a scan for an entity set it does not have", async () => {
    const error = await collect(connector, request({ entitySet: "Nope" })).catch((e: unknown) => e);
    expect((error as ODataError).code).toBe("UnknownEntitySet");
  });
});

describe("Postgres cancellation", () => {
  let db: TestDatabase;
  let connector: SqlConnector;
  beforeAll(async () => {
    db = await openPostgres();
    await db.knex.raw("CREATE VIEW ??.slow AS SELECT 1 AS id, CAST(pg_sleep(5) AS text) AS nap", [
      db.schema!,
    ]);
    connector = createSqlConnector({
      knex: db.knex,
      dialect: "postgres",
      schema: db.schema!,
      tables: [{ table: "slow", key: ["id"] }],
    });
    await connector.describe();
  });
  afterAll(async () => {
    await db?.close();
  });

  async function running(): Promise<number> {
    const rows = await db.knex
      .select(db.knex.raw("count(*) AS n"))
      .from("pg_stat_activity")
      .where("state", "active")
      .andWhere("query", "like", `%${db.schema}%slow%`)
      .andWhereNot("query", "like", "%pg_stat_activity%");
    return Number(rows[0]?.n);
  }

  it("cancels the running statement when the scan's signal aborts", async () => {
    const controller = new AbortController();
    const started = Date.now();
    const scan = collect(connector, request({ entitySet: "slow", signal: controller.signal })).catch(
      (e: unknown) => e,
    );
    await expect.poll(running, { timeout: 2000 }).toBe(1);
    controller.abort(new Error("cancelled by the client"));
    expect(((await scan) as Error).message).toBe("cancelled by the client");
    expect(Date.now() - started).toBeLessThan(2500);
    await expect.poll(running, { timeout: 2000 }).toBe(0);
  });

  it("stops a statement at the connection's time limit", async () => {
    const hurried = createSqlConnector({
      knex: db.knex,
      dialect: "postgres",
      schema: db.schema!,
      tables: [{ table: "slow", key: ["id"] }],
      timeoutMs: 250,
    });
    const started = Date.now();
    const error = await collect(hurried, request({ entitySet: "slow" })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).code).toBe("QueryTimeout");
    expect((error as ODataError).message).toContain("did not answer within 250 ms");
    expect(Date.now() - started).toBeLessThan(2500);
    await expect.poll(running, { timeout: 2000 }).toBe(0);
  });

  it("stops a statement at the engine's deadline", async () => {
    const { Catalog, Engine } = await import("@headgate/engine");
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "pg", connector }]),
      skipTokenSecret: "s",
    });
    const started = Date.now();
    const error = await engine
      .query({ entitySet: "slow", options: parseQueryOptions(""), timeoutMs: 300 })
      .catch((e: unknown) => e);
    expect((error as ODataError).code).toBe("QueryTimeout");
    expect(Date.now() - started).toBeLessThan(2500);
    await expect.poll(running, { timeout: 2000 }).toBe(0);
  });
});
