import { mkdtemp } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testDatabaseConnection, testDatabaseUrl } from "@headgate/testing";
import { Validator } from "@seriousme/openapi-schema-validator";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway.close());

const SECRET = "s3cr3t-value";
/** The test database's server with a database name that does not exist on it. */
const NO_SUCH_DATABASE = testDatabaseConnection({ database: "headgate_no_such_db", password: null });
const call = (path: string, init: { method?: string; json?: unknown; key?: string } = {}) =>
  http(`${gateway.url}/admin${path}`, { key: gateway.acme.adminKey, ...init });
const names = async () => (await call("/connections")).body.value.map((c: { name: string }) => c.name);

/** A SQLite file with a table that has a key and a view that has none. */
async function keylessSqlite(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), "headgate-keyless-")), "keyless.sqlite");
  const knex = knexFactory({
    client: "better-sqlite3",
    connection: { filename: file },
    useNullAsDefault: true,
  });
  await knex.raw("CREATE TABLE jobs (id INTEGER PRIMARY KEY, name TEXT)");
  await knex.raw("CREATE VIEW v_jobs AS SELECT id, name FROM jobs");
  await knex.destroy();
  return file;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("admin API: connections", () => {
  it("lists the workspace's connections with their settings and secret names only", async () => {
    const answer = await call("/connections");
    expect(answer.status).toBe(200);
    expect(answer.body.value.map((c: { name: string }) => c.name)).toEqual(["sage", "sample"]);
    expect(answer.body.value[0]).toMatchObject({
      name: "sage",
      kind: "sage300",
      settings: { dialect: "sqlite", file: gateway.sageFile },
      secretNames: [],
    });
    expect(answer.body.value[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("creates a tested connection, keeps its secret out of every answer, and rebuilds the engine", async () => {
    const created = await call("/connections", {
      json: {
        name: "extra",
        kind: "sage300",
        settings: { dialect: "sqlite", file: gateway.sageFile, entitySetPrefix: "Extra_" },
        secrets: { password: SECRET },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "extra", kind: "sage300", secretNames: ["password"] });
    const engine = await gateway.engines.engine(gateway.acme.id);
    expect(engine.model.entitySets.map((s) => s.name)).toContain("Extra_Jobs");
    const answers = [
      created,
      await call("/connections"),
      await call("/connections/extra"),
      await call(`/connections/${created.body.id}`),
      await call("/connections/extra/test", { method: "POST" }),
      await call("/connections/extra", { method: "PATCH", json: { secrets: { url: `${SECRET}-2` } } }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(answer === created ? 201 : 200);
      expect(answer.text).not.toContain(SECRET);
    }
    expect(answers.at(-1)?.body.secretNames).toEqual(["password", "url"]);
    expect((await call("/connections/extra", { method: "DELETE" })).status).toBe(204);
  });

  it("refuses a duplicate name (ignoring case) with 409 and stores nothing", async () => {
    const before = await names();
    const answer = await call("/connections", { json: { name: "SAGE", kind: "memory" } });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toMatchObject({ code: "Conflict" });
    expect(answer.body.error.message).toContain("'sage' already exists");
    expect(await names()).toEqual(before);
  });

  it("names the valid kinds for an unknown kind, and says a known but unavailable one is not there yet", async () => {
    const before = await names();
    const unknown = await call("/connections", { json: { name: "x1", kind: "oracle" } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatchObject({ code: "InvalidRequest", target: "kind" });
    expect(unknown.body.error.message).toMatch(/expected one of .*sage300/);
    const later = await call("/connections", { json: { name: "x2", kind: "sharepoint" } });
    expect(later.status).toBe(501);
    expect(await names()).toEqual(before);
  });

  it("refuses a SQLite path that does not exist and a URL that is not a Postgres URL, naming the setting", async () => {
    const before = await names();
    const file = await call("/connections", {
      json: { name: "lost", kind: "sql", settings: { dialect: "sqlite", file: "nowhere/missing.sqlite" } },
    });
    expect(file.status).toBe(400);
    expect(file.body.error).toMatchObject({ target: "settings.file" });
    expect(file.body.error.message).toContain("no SQLite database at");
    const url = await call("/connections", {
      json: { name: "web", kind: "sql", settings: { url: "https://db.example.com/x" } },
    });
    expect(url.status).toBe(400);
    expect(url.body.error.message).toContain("postgres://");
    const garbage = await call("/connections", {
      json: { name: "garbage", kind: "sql", secrets: { url: "not a url" } },
    });
    expect(garbage.status).toBe(400);
    expect(await names()).toEqual(before);
  });

  it("answers 400 naming the setting when Postgres refuses the settings, 502 when it is not there; stores nothing, never shows the password", async () => {
    const before = await names();
    const missing = await call("/connections", {
      json: {
        name: "pg-missing",
        kind: "sql",
        settings: NO_SUCH_DATABASE,
        secrets: { password: SECRET },
      },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toMatchObject({ code: "InvalidRequest", target: "settings.database" });
    expect(missing.body.error.message).toContain("an administrator should correct the connection's database");
    expect(missing.body.error.message).toContain('database "headgate_no_such_db" does not exist');
    expect(missing.body.error.message).toContain('"test": false');
    expect(missing.text).not.toContain(SECRET);
    const wrongUser = await call("/connections", {
      json: {
        name: "pg-user",
        kind: "sql",
        secrets: { url: testDatabaseUrl({ user: "nobody_here", password: SECRET }) },
      },
    });
    expect(wrongUser.status).toBe(400);
    expect(wrongUser.body.error).toMatchObject({ code: "InvalidRequest", target: "secrets.url" });
    expect(wrongUser.body.error.message).not.toContain("grant");
    expect(wrongUser.body.error.message).toContain('role "nobody_here" does not exist');
    expect(wrongUser.text).not.toContain(SECRET);
    const port = await closedPort();
    const nobody = await call("/connections", {
      json: {
        name: "pg-closed",
        kind: "sql",
        settings: { url: `postgres://postgres@127.0.0.1:${port}/headgate_closed_port` },
      },
    });
    expect(nobody.status).toBe(502);
    expect(nobody.body.error.code).toBe("ConnectionUnavailable");
    expect(nobody.body.error.message).toContain("ECONNREFUSED");
    expect(await names()).toEqual(before);
  });

  it("stores an unreachable connection when asked not to test it, and its test then reports the failure", async () => {
    const created = await call("/connections", {
      json: {
        name: "pg-later",
        kind: "sql",
        settings: NO_SUCH_DATABASE,
        secrets: { password: SECRET },
        test: false,
      },
    });
    expect(created.status).toBe(201);
    const report = await call("/connections/pg-later/test", { method: "POST" });
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      connection: "pg-later",
      ok: false,
      target: `postgres://${NO_SUCH_DATABASE.user}@${NO_SUCH_DATABASE.host}:${NO_SUCH_DATABASE.port}/headgate_no_such_db`,
      entitySets: [],
      error: { code: "InvalidRequest", target: "settings.database" },
    });
    expect(report.body.error.message).toContain("does not exist");
    expect(report.text).not.toContain(SECRET);
    expect((await call("/connections/pg-later", { method: "DELETE" })).status).toBe(204);
  });

  it("answers what a tested save exposes and leaves out, and refuses one that would expose nothing", async () => {
    const file = await keylessSqlite();
    const sqlite = { dialect: "sqlite", file, entitySetPrefix: "Keyless_" };
    const refused = await call("/connections", {
      json: { name: "keyless", kind: "sql", settings: { ...sqlite, tables: [{ table: "v_jobs" }] } },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ code: "NothingExposed", target: "settings" });
    expect(refused.body.error.message).toContain('"test": false');
    expect(refused.body.error.details).toEqual([
      {
        code: "NoKey",
        target: "settings.tables[0]",
        message:
          "View 'v_jobs' has no key (a view has no primary key); it is not exposed. Set its 'key' to the column(s) whose values identify one row, for example ['id'].",
      },
    ]);
    expect(await names()).not.toContain("keyless");
    const saved = await call("/connections", { json: { name: "keyless", kind: "sql", settings: sqlite } });
    expect(saved.status).toBe(201);
    expect(saved.body.check).toEqual({
      entitySets: ["Keyless_jobs"],
      leftOut: [
        {
          name: "v_jobs",
          kind: "view",
          reason: "NoKey",
          message: "View 'v_jobs' has no key (a view has no primary key); it is not exposed.",
          fix: {
            message:
              "Set its 'key' to the column(s) whose values identify one row, for example ['id']. Listing tables in settings.tables exposes only the tables listed, so list every table to expose.",
            settings: { tables: [{ table: "v_jobs", key: ["id"] }] },
          },
        },
      ],
      warnings: [],
    });
    const tested = await call("/connections/keyless/test", { method: "POST" });
    expect(tested.body).toMatchObject({
      ok: true,
      leftOut: [{ name: "v_jobs", reason: "NoKey" }],
      warnings: [],
    });
    const fixed = await call("/connections/keyless", {
      method: "PATCH",
      json: {
        settings: {
          ...sqlite,
          tables: [{ table: "jobs" }, ...saved.body.check.leftOut[0].fix.settings.tables],
        },
      },
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.check).toEqual({
      entitySets: ["Keyless_jobs", "Keyless_v_jobs"],
      leftOut: [],
      warnings: [],
    });
    expect((await call("/connections/keyless", { method: "DELETE" })).status).toBe(204);
  });

  it("keeps passwords out of the clear-text settings", async () => {
    const inUrl = await call("/connections", {
      json: { name: "leaky", kind: "sql", settings: { url: testDatabaseUrl({ password: SECRET }) } },
    });
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.error.target).toBe("settings.url");
    expect(inUrl.text).not.toContain(SECRET);
    const named = await call("/connections", {
      json: { name: "leaky", kind: "memory", settings: { password: SECRET } },
    });
    expect(named.status).toBe(400);
    expect(named.text).not.toContain(SECRET);
    expect(await names()).not.toContain("leaky");
  });

  it("refuses misspelt fields and malformed bodies instead of ignoring them", async () => {
    const misspelt = await call("/connections", {
      json: { name: "typo", kind: "memory", secret: { a: "b" } },
    });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain("did you mean 'secrets'");
    const wrongType = await call("/connections", { json: { name: "typo", kind: "memory", secrets: "a=b" } });
    expect(wrongType.status).toBe(400);
    const noKind = await call("/connections", { json: { name: "typo" } });
    expect(noKind.status).toBe(400);
    expect(noKind.body.error.message).toContain("kind");
  });

  it("refuses a misspelt setting, nested field or secret with the field and a did-you-mean, and stores nothing", async () => {
    const before = await names();
    const answer = await call("/connections", {
      json: {
        name: "erp",
        kind: "sql",
        settings: {
          dialect: "sqlite",
          file: gateway.sageFile,
          tabels: [{ table: "JCM_MASTER__JOB" }],
          tables: [{ table: "JCM_MASTER__JOB", entitySett: "Jobs" }],
        },
        secrets: { pasword: SECRET },
      },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "InvalidRequest", target: "settings.tabels" });
    expect(answer.body.error.details.map((d: { target: string }) => d.target)).toEqual([
      "settings.tabels",
      "settings.tables[0].entitySett",
      "secrets.pasword",
    ]);
    expect(answer.body.error.message).toContain(
      "unknown setting 'tabels' for a sql connection; did you mean 'tables'?",
    );
    expect(answer.body.error.message).toContain("did you mean 'entitySet'?");
    expect(answer.body.error.message).toContain("did you mean 'password'?");
    expect(answer.text).not.toContain(SECRET);
    const untested = await call("/connections", {
      json: { name: "erp", kind: "memory", settings: { datasett: "sample" }, test: false },
    });
    expect(untested.status).toBe(400);
    expect(untested.body.error.message).toContain("did you mean 'dataset'?");
    const patched = await call("/connections/sample", {
      method: "PATCH",
      json: { settings: { dataset: "sample", entitySetPrefx: "Sample_" } },
    });
    expect(patched.status).toBe(400);
    expect(patched.body.error.target).toBe("settings.entitySetPrefx");
    expect(await names()).toEqual(before);
    expect((await call("/connections/sample")).body.settings).toEqual({
      dataset: "sample",
      entitySetPrefix: "Sample_",
    });
  });

  it("refuses a connection whose entity sets the workspace already has, suggesting a prefix", async () => {
    const answer = await call("/connections", { json: { name: "second sample", kind: "memory" } });
    expect(answer.status).toBe(400);
    expect(answer.body.error.target).toBe("settings.entitySetPrefix");
    expect(answer.body.error.message).toContain("entity set 'Jobs', which connection 'sage' already exposes");
    expect(answer.body.error.message).toContain("'Secondsample_'");
    expect(await names()).not.toContain("second sample");
  });

  it("shows a connection by name or id, and suggests the nearest name for a typo", async () => {
    const byName = await call("/connections/Sage");
    expect(byName.body).toMatchObject({ name: "sage", kind: "sage300" });
    expect((await call(`/connections/${byName.body.id}`)).body.name).toBe("sage");
    const typo = await call("/connections/sagee");
    expect(typo.status).toBe(404);
    expect(typo.body.error.message).toContain("did you mean 'sage'");
  });

  it("updates a connection: renames, merges secrets (null removes one), and re-tests changed settings", async () => {
    const settings = { dialect: "sqlite", file: gateway.sageFile, entitySetPrefix: "P_" };
    const created = await call("/connections", {
      json: { name: "patchme", kind: "sql", settings, secrets: { password: "1" } },
    });
    expect(created.status).toBe(201);
    const renamed = await call("/connections/patchme", {
      method: "PATCH",
      json: { name: "patched", secrets: { password: null, url: "3" } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "patched", secretNames: ["url"] });
    const bad = await call("/connections/patched", { method: "PATCH", json: { kind: "memory" } });
    expect(bad.status).toBe(400);
    expect((await call("/connections/patched")).body.kind).toBe("sql");
    const taken = await call("/connections/patched", { method: "PATCH", json: { name: "sample" } });
    expect(taken.status).toBe(409);
    const unreachable = await call("/connections/patched", {
      method: "PATCH",
      json: {
        kind: "sql",
        settings: NO_SUCH_DATABASE,
        secrets: { url: null },
      },
    });
    expect(unreachable.status).toBe(400);
    expect((await call("/connections/patched")).body).toMatchObject({ kind: "sql", settings });
  });

  it("deletes a connection, after which it is gone from the engine too", async () => {
    await call("/connections", {
      json: { name: "doomed", kind: "memory", settings: { entitySetPrefix: "Doomed_" } },
    });
    expect((await gateway.engines.engine(gateway.acme.id)).model.entitySets.map((s) => s.name)).toContain(
      "Doomed_Jobs",
    );
    expect((await call("/connections/doomed", { method: "DELETE" })).status).toBe(204);
    expect((await call("/connections/doomed")).status).toBe(404);
    expect((await call("/connections/doomed", { method: "DELETE" })).status).toBe(404);
    expect((await gateway.engines.engine(gateway.acme.id)).model.entitySets.map((s) => s.name)).not.toContain(
      "Doomed_Jobs",
    );
  });

  it("tests the Sage connection: one sample row from every entity set", async () => {
    const report = await call("/connections/sage/test", { method: "POST" });
    expect(report.status).toBe(200);
    expect(report.body.ok).toBe(true);
    expect(report.body.target).toBe(`sqlite:${gateway.sageFile}`);
    const sets = report.body.entitySets as {
      name: string;
      ok: boolean;
      sampleRow?: Record<string, unknown>;
    }[];
    expect(sets.map((s) => s.name)).toEqual(
      expect.arrayContaining(["Jobs", "CostCodes", "Vendors", "GlAccounts"]),
    );
    for (const set of sets) {
      expect(set.ok).toBe(true);
      expect(set.sampleRow).toBeTypeOf("object");
    }
    expect(sets.find((s) => s.name === "Jobs")?.sampleRow).toHaveProperty("Job");
  });

  it("lists a connection's entity sets with their keys and property counts", async () => {
    const answer = await call("/connections/sage/entity-sets");
    expect(answer.status).toBe(200);
    const jobs = answer.body.value.find((s: { name: string }) => s.name === "Jobs");
    expect(jobs).toMatchObject({ key: ["Job"], requiredFilter: [] });
    expect(jobs.propertyCount).toBeGreaterThan(3);
    const prefixed = await call("/connections/sample/entity-sets");
    expect(prefixed.body.value.map((s: { name: string }) => s.name)).toEqual(["Sample_Jobs", "Sample_Rfis"]);
  });
});

describe("admin API: workspaces are isolated", () => {
  it("cannot see, change, test or delete another workspace's connections", async () => {
    const theirs = (await http(`${gateway.url}/admin/connections`, { key: gateway.other.adminKey })).body
      .value[0];
    expect(theirs.name).toBe("sample");
    for (const [method, suffix] of [
      ["GET", ""],
      ["PATCH", ""],
      ["DELETE", ""],
      ["POST", "/test"],
      ["GET", "/entity-sets"],
    ] as const) {
      const answer = await call(`/connections/${theirs.id}${suffix}`, {
        method,
        ...(method === "PATCH" ? { json: { name: "stolen" } } : {}),
      });
      expect(answer.status, `${method} ${suffix}`).toBe(404);
    }
    const after = await http(`${gateway.url}/admin/connections`, { key: gateway.other.adminKey });
    expect(after.body.value).toEqual([theirs]);
  });
});

describe("admin API: authentication", () => {
  it("answers 401 without a key and 403 for a query-only key, on reads and writes alike", async () => {
    const noKey = await http(`${gateway.url}/admin/connections`, { json: { name: "x", kind: "memory" } });
    expect(noKey.status).toBe(401);
    for (const [method, path] of [
      ["GET", "/connections"],
      ["POST", "/connections"],
      ["DELETE", "/connections/sage"],
      ["GET", "/keys"],
      ["GET", "/audit"],
    ] as const) {
      const answer = await call(path, {
        method,
        key: gateway.acme.queryKey,
        ...(method === "POST" ? { json: { name: "x", kind: "memory" } } : {}),
      });
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
    expect(await names()).not.toContain("x");
  });
});

describe("admin API: documentation", () => {
  it("documents every admin operation at /docs, and keeps them out of the Action's /openapi.json", async () => {
    const docs = (await http(`${gateway.url}/docs/json`)).body;
    for (const path of [
      "/admin/connections",
      "/admin/connections/{connection}",
      "/admin/connections/{connection}/test",
      "/admin/connections/{connection}/entity-sets",
      "/admin/keys",
      "/admin/keys/{id}",
      "/admin/audit",
    ])
      expect(docs.paths[path], path).toBeDefined();
    expect(docs.paths["/admin/connections"].post.tags).toEqual(["Admin"]);
    expect(docs.paths["/admin/connections"].post.requestBody).toBeDefined();
    const validation = await new Validator().validate(structuredClone(docs));
    expect(validation.errors ?? []).toEqual([]);
    const action = (await http(`${gateway.url}/openapi.json`)).body;
    expect(Object.keys(action.paths).some((p) => p.startsWith("/admin"))).toBe(false);
  });
});
