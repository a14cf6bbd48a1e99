/**
 * The connector only reads, and says truthfully whether its database user could write: an
 * administrator who sees `canWrite: true` should give the connection a read-only role.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseQueryOptions } from "@headgate/odata";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WriteAttemptError } from "./build-queries.ts";
import { postgresDialect } from "./dialects/postgres.ts";
import { sqliteDialect } from "./dialects/sqlite.ts";
import { QueryRunner } from "./run-query.ts";
import { createSqlConnector } from "./sql-connector.ts";
import {
  createJobsTables,
  JOB_ROWS,
  openPostgres,
  openSqlite,
  POSTGRES_CONNECTION,
  type TestDatabase,
} from "./testing/jobs-fixture.ts";

describe("Postgres", () => {
  let db: TestDatabase;
  const role = `sqlc_ro_${randomBytes(5).toString("hex")}`;
  beforeAll(async () => {
    db = await openPostgres();
    await createJobsTables(db.knex, "postgres", db.schema);
    await db.knex.raw("CREATE ROLE ?? LOGIN", [role]);
    await db.knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [db.schema!, role]);
    await db.knex.raw("GRANT SELECT ON ALL TABLES IN SCHEMA ?? TO ??", [db.schema!, role]);
  });
  afterAll(async () => {
    await db.knex.raw("DROP OWNED BY ??", [role]);
    await db.knex.raw("DROP ROLE IF EXISTS ??", [role]);
    await db.close();
  });

  it("reports that a superuser could write any table, and warns in the connection's inspection", async () => {
    const connector = createSqlConnector({ knex: db.knex, dialect: "postgres", schema: db.schema! });
    const report = await connector.checkWriteAccess();
    expect(report.canWrite).toBe(true);
    expect([...report.writableEntitySets].sort()).toEqual(["Jobs", "rfis"]);
    expect(report.summary).toMatch(/^Database user 'postgres' is a superuser: it may change any table/);
    expect((await connector.inspect()).warnings).toEqual([{ code: "UserCanWrite", message: report.summary }]);
  });

  it("reports a superuser even when no table is exposed", async () => {
    const connector = createSqlConnector({
      knex: db.knex,
      dialect: "postgres",
      schema: db.schema!,
      tables: [{ table: "no_such_table" }],
    });
    const report = await connector.checkWriteAccess();
    expect(report).toMatchObject({ canWrite: true, writableEntitySets: [] });
    expect(report.summary).toContain("is a superuser");
  });

  it("names the tables a role that is not a superuser was granted writes on", async () => {
    const writer = `${role}_w`;
    await db.knex.raw("CREATE ROLE ?? LOGIN", [writer]);
    try {
      await db.knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [db.schema!, writer]);
      await db.knex.raw("GRANT SELECT ON ALL TABLES IN SCHEMA ?? TO ??", [db.schema!, writer]);
      await db.knex.raw('GRANT DELETE ON ??."Jobs" TO ??', [db.schema!, writer]);
      const knex = knexFactory({ client: "pg", connection: { ...POSTGRES_CONNECTION, user: writer } });
      try {
        const connector = createSqlConnector({ knex, dialect: "postgres", schema: db.schema! });
        expect(await connector.checkWriteAccess()).toEqual({
          canWrite: true,
          writableEntitySets: ["Jobs"],
          summary: `Database user '${writer}' may change 1 of 2 exposed tables (Jobs). Headgate only reads, but a read-only user is safer: connect as a role with USAGE on the schema and SELECT on its tables only.`,
        });
      } finally {
        await knex.destroy();
      }
    } finally {
      await db.knex.raw("DROP OWNED BY ??", [writer]);
      await db.knex.raw("DROP ROLE IF EXISTS ??", [writer]);
    }
  });

  it("reports that a SELECT-only role cannot write, and reads through it", async () => {
    const knex = knexFactory({ client: "pg", connection: { ...POSTGRES_CONNECTION, user: role } });
    try {
      const connector = createSqlConnector({ knex, dialect: "postgres", schema: db.schema! });
      const report = await connector.checkWriteAccess();
      expect(report).toEqual({
        canWrite: false,
        writableEntitySets: [],
        summary: `Database user '${role}' can only read the exposed tables.`,
      });
      expect((await connector.inspect()).warnings).toEqual([]);
      const pages = [];
      for await (const page of connector.scan({
        entitySet: "Jobs",
        count: true,
        top: 0,
        signal: new AbortController().signal,
        deadline: Date.now() + 10_000,
      }))
        pages.push(page);
      expect(pages[0]?.count).toBe(JOB_ROWS.length);
    } finally {
      await knex.destroy();
    }
  });

  it("refuses to run any statement but a SELECT", async () => {
    const runner = new QueryRunner(db.knex, postgresDialect, 5000);
    const jobs = db.knex.withSchema(db.schema!).table("Jobs");
    await expect(runner.rows(jobs.clone().insert({ JobNumber: "x" }))).rejects.toBeInstanceOf(
      WriteAttemptError,
    );
    await expect(runner.rows(jobs.clone().update({ Name: "x" }))).rejects.toBeInstanceOf(WriteAttemptError);
    await expect(runner.rows(jobs.clone().delete())).rejects.toBeInstanceOf(WriteAttemptError);
    await expect(runner.rows(jobs.clone().truncate())).rejects.toBeInstanceOf(WriteAttemptError);
    const [row] = await db.knex.withSchema(db.schema!).table("Jobs").count({ n: "*" });
    expect(Number(row?.n)).toBe(JOB_ROWS.length);
  });
});

describe("SQLite", () => {
  const directory = mkdtempSync(join(tmpdir(), "sqlc-"));
  const filename = join(directory, "jobs.sqlite");
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("reports that a database opened for writing could be written", async () => {
    const db = await openSqlite();
    try {
      await createJobsTables(db.knex, "sqlite");
      const report = await createSqlConnector({ knex: db.knex, dialect: "sqlite" }).checkWriteAccess();
      expect(report.canWrite).toBe(true);
      expect(report.writableEntitySets).toEqual(["Jobs", "rfis"]);
    } finally {
      await db.close();
    }
  });

  it("reports that a database opened read-only cannot, and reads from it", async () => {
    const writer = knexFactory({
      client: "better-sqlite3",
      connection: { filename },
      useNullAsDefault: true,
    });
    await createJobsTables(writer, "sqlite");
    await writer.destroy();
    const knex = knexFactory({
      client: "better-sqlite3",
      connection: { filename, options: { readonly: true } },
      useNullAsDefault: true,
    });
    try {
      const connector = createSqlConnector({ knex, dialect: "sqlite" });
      expect(await connector.checkWriteAccess()).toEqual({
        canWrite: false,
        writableEntitySets: [],
        summary: "The SQLite database is opened read-only.",
      });
      const runner = new QueryRunner(knex, sqliteDialect, 5000);
      await expect(runner.rows(knex.table("Jobs").delete())).rejects.toBeInstanceOf(WriteAttemptError);
      const { Catalog, Engine } = await import("@headgate/engine");
      const engine = new Engine({
        catalog: await Catalog.build([{ name: "db", connector }]),
        skipTokenSecret: "s",
      });
      const result = await engine.query({
        entitySet: "Jobs",
        options: parseQueryOptions("$count=true&$top=1"),
      });
      expect(result.count).toBe(JOB_ROWS.length);
    } finally {
      await knex.destroy();
    }
  });
});
