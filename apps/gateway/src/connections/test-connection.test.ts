import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { type AddressInfo, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCompany } from "@headgate/demo-world";
import { createMemoryConnector } from "@headgate/engine";
import { type EntitySetDef, NO_PUSHDOWN } from "@headgate/model";
import { createSageSqlite } from "@headgate/simulators";
import { testDatabaseConnection, testDatabaseUrl } from "@headgate/testing";
import fc from "fast-check";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedConnection } from "./open-connection.ts";
import {
  maskSecrets,
  probeConnection,
  type TestProgress,
  testConnection,
  testOpenedConnection,
} from "./test-connection.ts";

let dir: string;
let sageFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "headgate-test-connection-"));
  sageFile = join(dir, "sage.sqlite");
  const sage = await createSageSqlite(generateCompany({ scale: 1 }), sageFile);
  await sage.knex.destroy();
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const SECRET = "s3cr3t-value";
const POSTGRES_URL = testDatabaseUrl();

describe("testConnection", () => {
  it("reads one row of every entity set of the Sage database, reporting progress as it goes", async () => {
    const progress: TestProgress[] = [];
    const report = await testConnection(
      { name: "sage", kind: "sage300", settings: { dialect: "sqlite", file: "sage.sqlite" } },
      {},
      { baseDir: dir, onProgress: (p) => progress.push(p) },
    );
    expect(report).toMatchObject({
      connection: "sage",
      kind: "sage300",
      ok: true,
      target: `sqlite:${sageFile}`,
    });
    expect(report.entitySets.length).toBeGreaterThanOrEqual(9);
    for (const set of report.entitySets)
      expect(set).toMatchObject({ ok: true, sampleRow: expect.any(Object) });
    expect(progress[0]).toMatchObject({ type: "opened", target: `sqlite:${sageFile}` });
    const perSet = progress.filter((p) => p.type === "entitySet");
    expect(perSet.map((p) => p.check.name)).toEqual(report.entitySets.map((s) => s.name));
    expect(perSet.at(-1)).toMatchObject({
      index: report.entitySets.length - 1,
      total: report.entitySets.length,
    });
  });

  it("reports settings it cannot use without throwing", async () => {
    const report = await testConnection(
      { name: "lost", kind: "sql", settings: { dialect: "sqlite", file: "missing.sqlite" } },
      {},
      { baseDir: dir },
    );
    expect(report).toMatchObject({
      ok: false,
      target: null,
      entitySets: [],
      error: { code: "InvalidRequest" },
    });
    expect(report.error?.message).toContain("no SQLite database at");
  });

  it("reports an upstream that refuses, with the database's reason and without the password", async () => {
    const report = await testConnection(
      { name: "pg", kind: "sql", settings: {} },
      { url: testDatabaseUrl({ user: "headgate_nobody", password: SECRET }) },
      { baseDir: dir },
    );
    const { host, port, database } = testDatabaseConnection();
    expect(report).toMatchObject({
      ok: false,
      target: `postgres://headgate_nobody@${host}:${port}/${database}`,
    });
    // The role is the settings' fault, named as the secret that holds it; not a missing grant.
    expect(report.error).toMatchObject({ code: "InvalidRequest", target: "secrets.url" });
    expect(report.error?.message).toContain("refused the connection's user");
    expect(report.error?.message).not.toContain("grant");
    expect(report.error?.message).toContain('role "headgate_nobody" does not exist');
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it("reaches for a SQL Server through tedious and reports it unreachable, without the password", async () => {
    const closed = await closedPort();
    const report = await testConnection(
      {
        name: "replica",
        kind: "sage300",
        settings: { dialect: "mssql", host: "127.0.0.1", port: closed, database: "Sage", user: "reader" },
      },
      { password: SECRET },
      { baseDir: dir },
    );
    expect(report).toMatchObject({ ok: false, target: `mssql://reader@127.0.0.1:${closed}/Sage` });
    expect(report.error?.code).toBe("ConnectionUnavailable");
    expect(JSON.stringify(report)).not.toContain(SECRET);
  });

  it("skips a set that cannot be listed without a filter, and reports a set that fails to read", async () => {
    const progress: TestProgress[] = [];
    const report = await testOpenedConnection(opened(), {}, { onProgress: (p) => progress.push(p) });
    expect(report.ok).toBe(false);
    const [projects, rfis, broken] = report.entitySets;
    expect(projects).toMatchObject({ name: "Projects", ok: true, sampleRow: { Id: 1 } });
    expect(rfis).toMatchObject({ name: "Rfis", ok: true });
    expect(rfis?.skipped).toContain("needs a filter on ProjectId");
    expect(rfis?.sampleRow).toBeUndefined();
    expect(broken).toMatchObject({ name: "Broken", ok: false, error: { code: "UpstreamError" } });
    expect(broken?.error?.message).toBe("reading Broken failed: the upstream refused");
    expect(progress.filter((p) => p.type === "entitySet")).toHaveLength(3);
  });
});

describe("what a connection leaves out, and what its administrator should know", () => {
  let file: string;
  beforeAll(async () => {
    file = join(dir, "keyless.sqlite");
    const knex = knexFactory({
      client: "better-sqlite3",
      connection: { filename: file },
      useNullAsDefault: true,
    });
    await knex.raw("CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT)");
    await knex.raw("CREATE TABLE notes (job INTEGER, note TEXT)");
    await knex.raw("CREATE VIEW v_jobs AS SELECT id, name FROM jobs");
    await knex("jobs").insert({ id: 1, name: "Main St" });
    await knex.destroy();
  });
  const sqlite = (tables?: readonly object[]) => ({
    name: "db",
    kind: "sql",
    settings: { dialect: "sqlite", file: "keyless.sqlite", ...(tables ? { tables } : {}) },
  });

  it("is not ok when every listed view is left out, and says why and what to set", async () => {
    const report = await testConnection(sqlite([{ table: "v_jobs" }]), {}, { baseDir: dir });
    expect(report).toMatchObject({ ok: false, entitySets: [], warnings: [] });
    expect(report.leftOut).toEqual([
      {
        name: "v_jobs",
        kind: "view",
        reason: "NoKey",
        message: "View 'v_jobs' has no key (a view has no primary key); it is not exposed.",
        fix: {
          message: "Set its 'key' to the column(s) whose values identify one row, for example ['id'].",
          settings: { tables: [{ table: "v_jobs", key: ["id"] }] },
        },
        setting: "tables[0]",
      },
    ]);
    expect(report.error?.code).toBe("NothingExposed");
    expect(report.error?.message).toContain("View 'v_jobs' has no key");
    const fixed = await testConnection(sqlite([{ table: "v_jobs", key: ["id"] }]), {}, { baseDir: dir });
    expect(fixed).toMatchObject({ ok: true, leftOut: [], entitySets: [{ name: "v_jobs", ok: true }] });
  });

  it("lists what it leaves out beside what it exposes, and stays ok", async () => {
    const report = await testConnection(sqlite(), {}, { baseDir: dir });
    expect(report.ok).toBe(true);
    expect(report.entitySets.map((s) => s.name)).toEqual(["jobs"]);
    expect(report.leftOut.map((i) => [i.name, i.kind, i.reason])).toEqual([
      ["notes", "table", "NoKey"],
      ["v_jobs", "view", "NoKey"],
    ]);
    // The gateway opens SQLite read-only: nothing to warn of.
    expect(report.warnings).toEqual([]);
  });

  it("is not ok when the upstream offers nothing where the settings point", async () => {
    const report = await testConnection(
      { name: "pg", kind: "sql", settings: { schema: "headgate_no_such_schema" } },
      { url: POSTGRES_URL },
      { baseDir: dir },
    );
    expect(report).toMatchObject({
      ok: false,
      entitySets: [],
      leftOut: [],
      error: { code: "NothingExposed" },
    });
    expect(report.error?.message).toContain("offers nothing to expose where the settings point");
  });

  describe("on Postgres", () => {
    let admin: Knex;
    const schema = `hg_tc_${randomBytes(4).toString("hex")}`;
    const reader = `${schema}_ro`;
    beforeAll(async () => {
      admin = knexFactory({ client: "pg", connection: POSTGRES_URL });
      await admin.raw("CREATE SCHEMA ??", [schema]);
      await admin.raw("CREATE TABLE ??.jobs (id integer PRIMARY KEY, name text)", [schema]);
      await admin.raw("CREATE ROLE ?? LOGIN", [reader]);
      await admin.raw("GRANT USAGE ON SCHEMA ?? TO ??", [schema, reader]);
      await admin.raw("GRANT SELECT ON ALL TABLES IN SCHEMA ?? TO ??", [schema, reader]);
    });
    afterAll(async () => {
      await admin.raw("DROP SCHEMA ?? CASCADE", [schema]);
      await admin.raw("DROP OWNED BY ??", [reader]);
      await admin.raw("DROP ROLE IF EXISTS ??", [reader]);
      await admin.destroy();
    });

    it("warns that a superuser could write, as sql.md promises", async () => {
      const report = await testConnection(
        { name: "pg", kind: "sql", settings: { schema } },
        { url: POSTGRES_URL },
        { baseDir: dir },
      );
      expect(report.ok).toBe(true);
      expect(report.warnings).toEqual([
        {
          code: "UserCanWrite",
          message: expect.stringMatching(/^Database user '\w+' is a superuser: it may change any table/),
        },
      ]);
    });

    it("warns of nothing for a role that may only read", async () => {
      const url = new URL(POSTGRES_URL);
      url.username = reader;
      url.password = "";
      const report = await testConnection(
        { name: "pg", kind: "sql", settings: { schema } },
        { url: url.toString() },
        { baseDir: dir },
      );
      expect(report).toMatchObject({ ok: true, leftOut: [], warnings: [] });
    });
  });
});

describe("probeConnection", () => {
  it("answers the described entity sets and where the connection points", async () => {
    const probe = await probeConnection(
      { name: "sample", kind: "memory", settings: {} },
      {},
      { baseDir: dir },
    );
    expect(probe).toMatchObject({ target: "memory:sample" });
    expect(probe.entitySets.map((s) => s.name)).toEqual(["Jobs", "Rfis"]);
  });

  it("throws a ConnectionUnavailable naming the connection when the upstream cannot be reached", async () => {
    const port = await closedPort();
    await expect(
      probeConnection(
        {
          name: "pg",
          kind: "sql",
          settings: { host: "127.0.0.1", port, database: "headgate_closed_port", user: "postgres" },
        },
        {},
        { baseDir: dir },
      ),
    ).rejects.toMatchObject({
      code: "ConnectionUnavailable",
      status: 502,
      message: expect.stringContaining("'pg'"),
    });
  });

  it("throws a 400 naming the setting when the upstream refuses what the settings say", async () => {
    await expect(
      probeConnection(
        {
          name: "pg",
          kind: "sql",
          settings: { ...testDatabaseConnection({ database: "headgate_no_such_db", password: null }) },
        },
        {},
        { baseDir: dir },
      ),
    ).rejects.toMatchObject({
      code: "InvalidRequest",
      status: 400,
      target: "settings.database",
      message: expect.stringMatching(/connection's database .*database "headgate_no_such_db" does not exist/),
    });
  });

  it("throws the settings' own 4xx for a kind it does not know", async () => {
    await expect(
      probeConnection({ name: "x", kind: "oracle", settings: {} }, {}, { baseDir: dir }),
    ).rejects.toMatchObject({ status: 400, target: "kind" });
  });
});

describe("maskSecrets", () => {
  it("leaves no secret value, plain or URL-encoded, in any text", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), fc.string(), fc.string(), (secret, before, after) => {
        const masked = maskSecrets(`${before}${secret}${after} ${encodeURIComponent(secret)}`, {
          password: secret,
        });
        expect(masked.includes(encodeURIComponent(secret))).toBe(false);
        if (!`${before}${after}`.includes(secret) && !"****".includes(secret))
          expect(masked.includes(secret)).toBe(false);
      }),
    );
  });
});

/** A connection with a set that needs a filter, and a set whose upstream refuses. */
function opened(): OpenedConnection {
  const set = (name: string, required: boolean): EntitySetDef => ({
    name,
    entityType: {
      name: name.slice(0, -1),
      key: ["Id"],
      properties: [
        { name: "Id", type: "Edm.Int32", nullable: false, capabilities: NO_PUSHDOWN },
        {
          name: "ProjectId",
          type: "Edm.Int32",
          nullable: false,
          capabilities: { ...NO_PUSHDOWN, filter: ["eq", "in"], requiredInFilter: required },
        },
      ],
      navigation: [],
    },
  });
  const memory = createMemoryConnector({
    entitySets: [
      { definition: set("Projects", false), rows: [{ Id: 1, ProjectId: 1 }] },
      { definition: set("Rfis", true), rows: [{ Id: 1, ProjectId: 1 }] },
      { definition: set("Broken", false), rows: [] },
    ],
  });
  return {
    name: "fake",
    display: "memory:fake",
    close: async () => {},
    connector: {
      ...memory,
      scan(request, stats) {
        if (request.entitySet !== "Broken") return memory.scan(request, stats);
        throw new Error("the upstream refused\n  at some driver frame");
      },
    },
  };
}

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
