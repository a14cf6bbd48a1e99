/**
 * A database that refuses a connection says what to do about it: a missing database or a refused
 * user is the settings' fault (fix them: a `ConnectionSettingsError` naming the settings, never
 * "try again" or "grant it SELECT"); a server that is down, restarting or full is worth trying
 * again (503); a missing grant asks for one. Each is provoked on the real Postgres where it can
 * be, and pinned by its code where it cannot (the test server trusts every password).
 */
import { createServer, type Server } from "node:net";
import { ConnectionSettingsError } from "@headgate/connector-kit";
import { ODataError } from "@headgate/odata";
import knexFactory, { type Knex } from "knex";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { FailureKind } from "./dialects/dialect.ts";
import { postgresDialect } from "./dialects/postgres.ts";
import { sqliteDialect } from "./dialects/sqlite.ts";
import { createSqlConnector } from "./sql-connector.ts";
import {
  createJobsTables,
  openPostgres,
  POSTGRES_CONNECTION,
  type TestDatabase,
} from "./testing/jobs-fixture.ts";
import { upstreamError } from "./upstream-error.ts";

const opened: Knex[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((k) => k.destroy()));
});

function postgres(connection: Record<string, unknown>, options: Knex.Config = {}): Knex {
  const knex = knexFactory({
    client: "pg",
    connection: { ...POSTGRES_CONNECTION, ...connection },
    pool: { min: 0, max: 2 },
    // knex prints each failed attempt; the failures are what these tests look at.
    log: { warn() {}, error() {}, debug() {}, deprecate() {} },
    ...options,
  });
  opened.push(knex);
  return knex;
}

/** What describing the connection fails with. */
async function describeFailure(knex: Knex, dialect: "postgres" | "sqlite" = "postgres"): Promise<ODataError> {
  const error = await createSqlConnector({ knex, dialect })
    .describe()
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ODataError);
  return error as ODataError;
}

describe("on the real Postgres", () => {
  it("says a missing database is the settings' database, not a reason to try again", async () => {
    const error = await describeFailure(postgres({ database: "headgate_no_such_database" }));
    expect(error).toBeInstanceOf(ConnectionSettingsError);
    expect(error).toMatchObject({
      code: "UpstreamError",
      status: 502,
      settings: ["database", "url", "file"],
    });
    expect(error.message).toBe(
      "The SQL connection could not be read: the database named in the connection's settings does not exist or cannot be opened as a database; an administrator should correct the connection's database (database code 3D000).",
    );
  });

  it("says a missing role is the settings' user, not a missing grant", async () => {
    const error = await describeFailure(postgres({ user: "headgate_no_such_role" }));
    expect(error).toBeInstanceOf(ConnectionSettingsError);
    expect(error).toMatchObject({ status: 502, settings: ["user", "url", "password"] });
    expect(error.message).toContain("refused the connection's user");
    expect(error.message).toContain("(database code 28000)");
    expect(error.message).not.toContain("SELECT");
  });

  it("says a role past its connection limit may try again", async () => {
    const role = `sqlc_limited_${process.pid}`;
    const admin = postgres({});
    await admin.raw("CREATE ROLE ?? LOGIN CONNECTION LIMIT 0", [role]);
    try {
      const error = await describeFailure(postgres({ user: role }));
      expect(error).not.toBeInstanceOf(ConnectionSettingsError);
      expect(error).toMatchObject({ code: "UpstreamError", status: 503 });
      expect(error.message).toContain("no free connection slots; try again shortly");
      expect(error.message).toContain("(database code 53300)");
    } finally {
      await admin.raw("DROP ROLE IF EXISTS ??", [role]);
    }
  });

  it("says a host name that does not resolve is the settings' host", async () => {
    const error = await describeFailure(postgres({ host: "headgate-no-such-host.invalid" }));
    expect(error).toBeInstanceOf(ConnectionSettingsError);
    expect(error).toMatchObject({ status: 502, settings: ["host", "url", "instanceName"] });
    expect(error.message).toContain("(database code ENOTFOUND)");
  });

  it("says a port nobody listens on may be a server that is down: try again, then check", async () => {
    const port = await closedPort();
    const error = await describeFailure(postgres({ port }));
    expect(error).not.toBeInstanceOf(ConnectionSettingsError);
    expect(error).toMatchObject({ code: "UpstreamError", status: 503 });
    expect(error.message).toContain("did not accept a connection at the host and port");
    expect(error.message).toContain("(database code ECONNREFUSED)");
  });

  it("says a server that never answers could not be reached, not that every connection is busy", async () => {
    const silent = await silentServer();
    try {
      const knex = postgres({ port: silent.port }, { acquireConnectionTimeout: 300 });
      const error = await describeFailure(knex);
      expect(error).toMatchObject({ code: "UpstreamError", status: 503 });
      expect(error.message).toContain("did not accept a connection");
      expect(error.message).not.toContain("busy");
    } finally {
      silent.close();
    }
  });

  describe("a table the user may not read", () => {
    let db: TestDatabase;
    const role = `sqlc_noselect_${process.pid}`;
    beforeAll(async () => {
      db = await openPostgres();
      await createJobsTables(db.knex, "postgres", db.schema);
      await db.knex.raw("CREATE ROLE ?? LOGIN", [role]);
      await db.knex.raw("GRANT USAGE ON SCHEMA ?? TO ??", [db.schema!, role]);
    });
    afterAll(async () => {
      await db.knex.raw("DROP OWNED BY ??", [role]);
      await db.knex.raw("DROP ROLE IF EXISTS ??", [role]);
      await db.close();
    });

    it("leaves the table out as not found: the catalog hides what a user may not read", async () => {
      const connector = createSqlConnector({
        knex: postgres({ user: role }),
        dialect: "postgres",
        schema: db.schema!,
        tables: [{ table: "Jobs" }],
      });
      expect(await connector.describe()).toEqual([]);
      expect((await connector.inspect()).leftOut).toEqual([
        expect.objectContaining({
          name: "Jobs",
          reason: "NotFound",
          message: `Table 'Jobs' was not found in schema '${db.schema}' (or the database user cannot see it); it is not exposed.`,
          fix: {
            message: "Check the name, the connection's schema, and that the database user may read it.",
          },
        }),
      ]);
    });

    it("asks for a grant when the grant goes after the table was described", async () => {
      const connector = createSqlConnector({
        knex: postgres({ user: role }),
        dialect: "postgres",
        schema: db.schema!,
        tables: [{ table: "Jobs" }],
      });
      await db.knex.raw('GRANT SELECT ON ??."Jobs" TO ??', [db.schema!, role]);
      await connector.describe();
      await db.knex.raw('REVOKE SELECT ON ??."Jobs" FROM ??', [db.schema!, role]);
      const pages = connector.scan({
        entitySet: "Jobs",
        top: 1,
        signal: new AbortController().signal,
        deadline: Date.now() + 10_000,
      });
      const error = await (async () => {
        for await (const _ of pages);
      })().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toMatchObject({ code: "UpstreamError", status: 502, target: "Jobs" });
      expect((error as Error).message).toBe(
        "Entity set 'Jobs' could not be read: the database user is not allowed to read this data; an administrator should grant it read access (SELECT) (database code 42501).",
      );
    });
  });
});

describe("Postgres codes the test server cannot provoke", () => {
  const failure = (code: string) => postgresDialect.classifyFailure(Object.assign(new Error("x"), { code }));

  it.each<[string, FailureKind]>([
    ["28P01", "wrong-password"],
    ["28000", "credentials"],
    ["3D000", "missing-database"],
    ["57P04", "missing-database"],
    ["57P03", "connection"],
    ["57P01", "connection"],
    ["08006", "connection"],
    ["08001", "connection"],
    ["53300", "no-connection-slots"],
    ["53200", "resources"],
    ["42P01", "missing-object"],
    ["42501", "permission"],
    ["40P01", "busy"],
    ["EHOSTUNREACH", "unreachable"],
    ["ETIMEDOUT", "unreachable"],
    ["ECONNRESET", "connection"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "tls"],
  ])("%s is %s", (code, kind) => {
    expect(failure(code)).toEqual({ kind, code });
  });

  it("asks for the password secret when the password is wrong", () => {
    const error = upstreamError(failure("28P01"), undefined, undefined);
    expect(error).toBeInstanceOf(ConnectionSettingsError);
    expect(error).toMatchObject({ status: 502, settings: ["password", "url"] });
    expect(error.message).toContain("refused the connection's password");
  });

  it("tells a server that is starting up to be tried again", () => {
    const error = upstreamError(failure("57P03"), "Jobs", undefined);
    expect(error).toMatchObject({ status: 503, target: "Jobs" });
    expect(error.message).toContain("try again shortly");
  });
});

describe("SQLite", () => {
  it("says a file that is not a database is the settings' database", () => {
    const failure = sqliteDialect.classifyFailure(
      Object.assign(new Error("file is not a database"), { code: "SQLITE_NOTADB" }),
    );
    expect(failure).toEqual({ kind: "missing-database", code: "SQLITE_NOTADB" });
    expect(upstreamError(failure, undefined, undefined)).toBeInstanceOf(ConnectionSettingsError);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A server that accepts connections and never says a word, as a host behind a black hole seems. */
function silentServer(): Promise<{ port: number; close(): void }> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<import("node:net").Socket>();
    const server: Server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => {});
    });
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve({
        port: typeof address === "object" && address ? address.port : 0,
        close() {
          for (const socket of sockets) socket.destroy();
          server.close();
        },
      });
    });
  });
}
