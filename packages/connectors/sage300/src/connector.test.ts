/**
 * What the Sage connector publishes and how it fails: the friendly model (descriptions for a
 * person and an LLM, vocabularies, money as dollars and cents, navigation), pushdown of key
 * lookups onto key indexes, the engine's clear errors for bad input (never database text),
 * read-only operation and its write-access warning, and the SQL Server replica (whose
 * statements are checked on a scripted driver, since no SQL Server runs here).
 */

import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generateCompany } from "@headgate/demo-world";
import { Catalog, Engine } from "@headgate/engine";
import type { EntitySetDef, PropertyDef } from "@headgate/model";
import { ODataError, parseFilter, parseQueryOptions } from "@headgate/odata";
import {
  type ColumnType,
  createReadOnlyRole,
  createSageSqlite,
  dropReadOnlyRole,
  openSageSqliteReadOnly,
  sagePostgresKnex,
  TABLE_SCHEMAS,
} from "@headgate/simulators";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOB_STATUSES, TRANSACTION_TYPES } from "./sage-tables.ts";
import { createSage300Connector } from "./sage300-connector.ts";
import {
  encode,
  openSageDatabase,
  POSTGRES,
  type SageTestDatabase,
  SCALE,
  type TestDialect,
} from "./testing/sage-fixture.ts";

async function failure(run: () => Promise<unknown>): Promise<ODataError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataError);
    return error as ODataError;
  }
  throw new Error("expected the query to fail");
}

/** Nothing a client sees may carry SQL or the database's own words. */
function expectNoDatabaseText(error: ODataError): void {
  const visible = JSON.stringify(error.toJSON()) + error.message + JSON.stringify(error);
  for (const leak of [
    /select\s/i,
    /\bfrom\s/i,
    /relation/i,
    /no such/i,
    /does not exist/i,
    /\$\d/,
    /JCT_|GLM_|rtrim/,
  ]) {
    expect(visible).not.toMatch(leak);
  }
  expect(Object.keys(error)).not.toContain("cause");
}

const property = (set: EntitySetDef, name: string): PropertyDef => {
  const found = set.entityType.properties.find((p) => p.name === name);
  if (!found) throw new Error(`no property ${set.name}/${name}`);
  return found;
};

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("on %s", (dialect) => {
  let db: SageTestDatabase;
  let engine: Engine;
  let sets: readonly EntitySetDef[];
  const connect = (options: Partial<Parameters<typeof createSage300Connector>[0]> = {}) =>
    createSage300Connector({
      knex: db.knex,
      dialect,
      ...(db.schema === undefined ? {} : { schema: db.schema }),
      ...options,
    });
  const set = (name: string) => sets.find((s) => s.name === name)!;
  const query = (entitySet: string, text: string) =>
    engine.query({ entitySet, options: parseQueryOptions(encode(text)) });

  beforeAll(async () => {
    db = await openSageDatabase(dialect);
    const connector = connect();
    engine = new Engine({
      catalog: await Catalog.build([{ name: "sage", connector }]),
      skipTokenSecret: "s",
    });
    sets = await connector.describe();
  });
  afterAll(async () => {
    await db?.close();
  });

  describe("the model", () => {
    it("publishes the nine friendly entity sets over the standard tables", async () => {
      expect(sets.map((s) => [s.name, s.entityType.key])).toEqual([
        ["Jobs", ["Job"]],
        ["CostCodes", ["Job", "Extra", "Cost_Code"]],
        ["Categories", ["Job", "Extra", "Cost_Code", "Category"]],
        ["JobCostTransactions", ["Row_ID", "Transaction_Table"]],
        ["Commitments", ["Commitment"]],
        ["Vendors", ["Vendor"]],
        ["ApInvoices", ["Vendor", "Invoice"]],
        ["GlAccounts", ["Account"]],
        ["ArCustomers", ["Customer"]],
      ]);
      const mappings = await connect().mappings();
      expect(mappings.find((m) => m.entitySet === "JobCostTransactions")).toMatchObject({
        table: "JCT_CURRENT__TRANSACTION",
        tables: ["JCT_CURRENT__TRANSACTION", "JCT_HISTORY__TRANSACTION"],
      });
      expect(mappings.find((m) => m.entitySet === "Jobs")?.columns[0]).toEqual({
        property: "Job",
        column: "Job",
        convention: "trimPadded",
      });
    });

    it("describes every entity set and property for a person and an LLM", () => {
      for (const s of sets) {
        expect(s.description, s.name).toMatch(/Sage 300 CRE/);
        for (const p of s.entityType.properties)
          expect(p.description?.length ?? 0, `${s.name}/${p.name}`).toBeGreaterThan(10);
      }
      const transactions = set("JobCostTransactions");
      expect(transactions.description).toMatch(/'Work billed' rows are billings to the customer, not cost/);
      expect(property(transactions, "Transaction_Type").description).toMatch(
        /WARNING: never add these into cost/,
      );
      expect(property(transactions, "Amount").description).toMatch(/US dollars/);
    });

    it("lists vocabularies as allowed values, and rejects values outside them with the valid ones", async () => {
      expect(property(set("Jobs"), "Status").allowedValues).toEqual([...JOB_STATUSES]);
      expect(property(set("JobCostTransactions"), "Transaction_Type").allowedValues).toEqual([
        ...TRANSACTION_TYPES,
      ]);
      expect(property(set("JobCostTransactions"), "Transaction_Table").allowedValues).toEqual([
        "Current",
        "History",
      ]);
      const error = await failure(() =>
        query("JobCostTransactions", "$filter=Transaction_Type eq 'AP Cost'"),
      );
      expect(error.code).toBe("InvalidValue");
      expect(error.message).toContain("did you mean 'AP cost'");
      expect(error.message).toContain("'Work billed'");
      const status = await failure(() => query("Jobs", "$filter=Status eq 'Open'"));
      expect(status.message).toContain("'In Progress', 'Unstarted', 'Closed', 'Hold', 'Pending'");
    });

    it("lets an administrator widen or drop a vocabulary", async () => {
      const widened = await connect({
        allowedValues: { "Jobs/Status": [...JOB_STATUSES, "Bid"], "Commitments/Commitment_Type": null },
      }).describe();
      const jobs = widened.find((s) => s.name === "Jobs")!;
      expect(property(jobs, "Status").allowedValues).toContain("Bid");
      expect(
        property(widened.find((s) => s.name === "Commitments")!, "Commitment_Type").allowedValues,
      ).toBeUndefined();
    });

    it("types money as dollars and cents, flags as booleans, blank codes as nullable", () => {
      const transactions = set("JobCostTransactions");
      expect(property(transactions, "Amount")).toMatchObject({
        type: "Edm.Decimal",
        scale: 2,
        nullable: false,
      });
      expect(property(set("Jobs"), "Revised_Contract_Amount")).toMatchObject({
        type: "Edm.Decimal",
        scale: 2,
      });
      expect(property(set("Commitments"), "Closed")).toMatchObject({ type: "Edm.Boolean" });
      expect(property(transactions, "Cost_Code")).toMatchObject({ type: "Edm.String", nullable: true });
      expect(property(transactions, "Job")).toMatchObject({ type: "Edm.String", nullable: false });
      expect(property(set("CostCodes"), "Extra")).toMatchObject({ nullable: false });
      expect(property(transactions, "Accounting_Date").type).toBe("Edm.Date");
    });

    it("navigates between the sets, and says so", async () => {
      expect(set("Jobs").entityType.navigation.map((n) => n.name)).toEqual([
        "Transactions",
        "Commitments",
        "CostCodes",
        "Categories",
        "ApInvoices",
        "CustomerDetails",
      ]);
      const result = await query(
        "JobCostTransactions",
        "$filter=Transaction_Type eq 'AP cost'&$top=3&$expand=JobDetails($select=Description),VendorDetails($select=Name)",
      );
      for (const row of result.rows) {
        expect(row.JobDetails).toMatchObject({ Description: expect.any(String) });
        expect(row.VendorDetails).toMatchObject({ Name: expect.any(String) });
      }
    });
  });

  describe("pushdown", () => {
    it("pushes a whole query on the union and hands the engine only the page", async () => {
      const result = await query(
        "JobCostTransactions",
        "$filter=Transaction_Type eq 'AP cost' and Amount gt 5000 and Accounting_Date ge 2024-01-01&$orderby=Amount desc&$top=20&$count=true",
      );
      expect(result.plan.residual).toEqual({});
      expect(result.rows).toHaveLength(20);
      expect(result.stats.rowsScanned).toBe(20);
      expect(result.stats.upstreamCalls).toBe(2);
      expect(result.count).toBeGreaterThan(20);
    });

    it.runIf(dialect === "postgres")("matches a padded job number on the key index", async () => {
      const statements: { sql: string; bindings: unknown[] }[] = [];
      const listen = (data: { sql: string; bindings?: unknown[] }) =>
        statements.push({ sql: data.sql, bindings: data.bindings ?? [] });
      db.knex.on("query", listen);
      await query("JobCostTransactions", "$filter=Job eq '24-101'&$top=5");
      db.knex.off("query", listen);
      const select = statements.at(-1)!;
      expect(select.bindings).toContain("24-101    ");
      const plan = await db.knex.transaction(async (trx) => {
        await trx.raw("SET LOCAL enable_seqscan = off");
        const explained: { rows: { "QUERY PLAN": string }[] } = await trx.raw(
          `EXPLAIN ${select.sql.replace(/\$\d+/g, "?")}`,
          select.bindings as readonly (string | number)[],
        );
        return explained.rows.map((r) => r["QUERY PLAN"]).join("\n");
      });
      expect(plan).toMatch(/Index.*JCT_CURRENT__TRANSACTION_Job_Cost_Code_Category/);
      expect(plan).toMatch(/Index.*JCT_HISTORY__TRANSACTION_Job_Cost_Code_Category/);
    });
  });

  describe("bad input gets the engine's clear errors, never database text", () => {
    it("names the valid properties for an unknown one", async () => {
      const error = await failure(() => query("JobCostTransactions", "$filter=Amout gt 5"));
      expect(error.code).toBe("UnknownProperty");
      expect(error.message).toContain("did you mean 'Amount'");
      expectNoDatabaseText(error);
      const order = await failure(() => query("Jobs", "$orderby=Contract_Amount desc"));
      expect(order.code).toBe("UnknownProperty");
      expectNoDatabaseText(order);
    });

    it("shows the literal a property expects for a value of the wrong type", async () => {
      const error = await failure(() => query("JobCostTransactions", "$filter=Amount eq 'lots'"));
      expect(error.code).toBe("TypeMismatch");
      expect(error.message).toContain("Amount is Edm.Decimal");
      const date = await failure(() =>
        query("JobCostTransactions", "$filter=Accounting_Date ge '2024-02-30'"),
      );
      expect(date.code).toBe("TypeMismatch");
      const flag = await failure(() => query("Commitments", "$filter=Closed eq 1"));
      expect(flag.code).toBe("TypeMismatch");
      for (const e of [error, date, flag]) expectNoDatabaseText(e);
    });

    it("answers an unsupported function with NotImplemented", async () => {
      const error = await failure(() => query("Vendors", "$filter=hassubset(Name,Name)"));
      expect(error.code).toBe("NotImplemented");
      expectNoDatabaseText(error);
    });

    it("names the entity sets and navigations that exist", async () => {
      const error = await failure(() => query("JobCostTransaction", "$top=1"));
      expect(error.code).toBe("UnknownEntitySet");
      expect(error.message).toContain("JobCostTransactions");
      const expand = await failure(() => query("Jobs", "$expand=Transaction"));
      expect(expand.message).toMatch(/Transactions/);
      expectNoDatabaseText(expand);
    });

    it("reports a missing table as UpstreamError without SQL or the database's message", async () => {
      const { knex, schema } = db;
      const builder = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
      await builder().renameTable("GLM_MASTER__ACCOUNT", "GLM_MOVED");
      try {
        const error = await failure(() => query("GlAccounts", "$top=1"));
        expect(error.code).toBe("UpstreamError");
        expect(error.message).toContain("Entity set 'GlAccounts' could not be read");
        expectNoDatabaseText(error);
      } finally {
        await builder().renameTable("GLM_MOVED", "GLM_MASTER__ACCOUNT");
      }
    });
  });

  describe("read-only", () => {
    it("warns when the database user could write, naming the sets", async () => {
      const { leftOut, warnings } = await connect().inspect();
      expect(leftOut).toEqual([]);
      expect(warnings).toEqual([
        {
          code: "UserCanWrite",
          message: expect.stringMatching(dialect === "postgres" ? /is a superuser/ : /opened for writing/),
        },
      ]);
      expect((await connect().checkWriteAccess()).canWrite).toBe(true);
    });

    it.runIf(dialect === "postgres")("reads as a role from createReadOnlyRole, with no warning", async () => {
      const role = `sage300_ro_${randomBytes(4).toString("hex")}`;
      await createReadOnlyRole(db.knex, db.schema!, role, { login: true });
      const knex = sagePostgresKnex({ ...POSTGRES, user: role }, db.schema!);
      try {
        const connector = createSage300Connector({ knex, dialect: "postgres", schema: db.schema! });
        expect(await connector.inspect()).toEqual({ leftOut: [], warnings: [] });
        expect(await connector.checkWriteAccess()).toMatchObject({ canWrite: false, writableEntitySets: [] });
        const ro = new Engine({
          catalog: await Catalog.build([{ name: "sage", connector }]),
          skipTokenSecret: "s",
        });
        const result = await ro.query({
          entitySet: "Jobs",
          options: parseQueryOptions("$top=2&$count=true"),
        });
        expect(result.rows).toHaveLength(2);
        await expect(knex.raw(`DELETE FROM "JCM_MASTER__JOB"`)).rejects.toMatchObject({ code: "42501" });
      } finally {
        await knex.destroy();
        await dropReadOnlyRole(db.knex, role);
      }
    });
  });
});

describe("a Sage SQLite file opened read-only", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sage300-"));
    const { knex } = await createSageSqlite(generateCompany({ scale: SCALE }), join(dir, "sage.db"), {
      tables: ["JCM_MASTER__JOB", "GLM_MASTER__ACCOUNT"],
    });
    await knex.destroy();
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("is reported as read-only, and the sets it lacks are named", async () => {
    const knex = openSageSqliteReadOnly(join(dir, "sage.db"));
    try {
      const connector = createSage300Connector({ knex, dialect: "sqlite" });
      expect((await connector.describe()).map((s) => s.name)).toEqual(["Jobs", "GlAccounts"]);
      expect(await connector.checkWriteAccess()).toMatchObject({ canWrite: false });
      const { leftOut, warnings } = await connector.inspect();
      expect(warnings).toEqual([]);
      expect(leftOut).toHaveLength(7);
      expect(leftOut[0]).toEqual({
        name: "JCM_MASTER__COST_CODE",
        kind: "table",
        reason: "NotFound",
        message:
          "Table 'JCM_MASTER__COST_CODE' was not found (or the database user cannot see it); it is not exposed.",
        fix: {
          message:
            "The database copy lacks this Sage table or column: check the connection's schema, that the copy includes it, and that the database user may read it.",
        },
      });
    } finally {
      await knex.destroy();
    }
  });
});

/** SQL Server's names for the replica's column types (table-schemas.ts). */
const SQL_SERVER_TYPES: Readonly<Record<ColumnType["kind"], string>> = {
  varchar: "varchar",
  date: "date",
  double: "float",
  real: "real",
  integer: "int",
  smallint: "smallint",
};

/**
 * A Sage SQL Replicator database on SQL Server, as far as its catalog goes: knex's mssql client
 * with a scripted driver that describes the standard tables (INFORMATION_SCHEMA rows built from
 * the replica's declarations), answers other statements with `rows`, one list per statement,
 * and records what is sent. No SQL Server runs here.
 */
function sqlServerReplica(
  sent: { sql: string; bindings: unknown[] }[],
  rows: Record<string, unknown>[][] = [],
) {
  const knex = knexFactory({ client: "mssql" });
  const tables = Object.entries(TABLE_SCHEMAS);
  const answer = (sql: string): Record<string, unknown>[] => {
    if (sql.includes("[INFORMATION_SCHEMA].[TABLES]"))
      return tables.map(([name]) => ({ table_name: name, table_type: "BASE TABLE" }));
    if (sql.includes("[INFORMATION_SCHEMA].[COLUMNS]"))
      return tables.flatMap(([name, schema]) =>
        schema.columns.map(({ name: column, type, nullable }) => ({
          table_name: name,
          column_name: column,
          data_type: SQL_SERVER_TYPES[type.kind],
          is_nullable: nullable ? "YES" : "NO",
          character_maximum_length: type.kind === "varchar" ? type.width : null,
        })),
      );
    if (sql.includes("[INFORMATION_SCHEMA].[TABLE_CONSTRAINTS]"))
      return tables.flatMap(([name, schema]) =>
        schema.primaryKey.map((k) => ({ table_name: name, column_name: k })),
      );
    if (sql.includes("HAS_PERMS_BY_NAME")) return [{ writable: 0 }];
    if (sql.includes("USER_NAME()")) return [{ db_user: "sage_reader", updateability: "READ_WRITE" }];
    return sql.includes("sys.extended_properties") ? [] : (rows.shift() ?? []);
  };
  Object.assign(knex.client, {
    acquireConnection: async () => ({}),
    releaseConnection: async () => {},
    async _query(_connection: unknown, query: { sql: string; bindings: unknown[]; response?: unknown }) {
      sent.push({ sql: query.sql, bindings: query.bindings });
      query.response = answer(query.sql).map((row) =>
        Object.entries(row).map(([colName, value]) => ({ metadata: { colName }, value })),
      );
      return query;
    },
  });
  return knex;
}

describe("a Sage SQL Replicator database on SQL Server", () => {
  it("publishes the nine entity sets over the standard tables, leaving nothing out", async () => {
    const knex = sqlServerReplica([]);
    try {
      const connector = createSage300Connector({ knex, dialect: "mssql" });
      expect((await connector.describe()).map((s) => s.name)).toEqual([
        "Jobs",
        "CostCodes",
        "Categories",
        "JobCostTransactions",
        "Commitments",
        "Vendors",
        "ApInvoices",
        "GlAccounts",
        "ArCustomers",
      ]);
      expect((await connector.inspect()).leftOut).toEqual([]);
    } finally {
      await knex.destroy();
    }
  });

  it("finds a job by its space-padded key exactly (the plain comparison first, for the key's index) and reads it trimmed", async () => {
    const sent: { sql: string; bindings: unknown[] }[] = [];
    const knex = sqlServerReplica(sent, [[{ c0: "23-104", c1: "Summit Cold Storage" }]]);
    try {
      const connector = createSage300Connector({ knex, dialect: "mssql" });
      await connector.describe();
      sent.length = 0;
      const rows = [];
      const scan = connector.scan({
        entitySet: "Jobs",
        select: ["Job", "Description"],
        filter: parseFilter("Job eq '23-104'"),
        signal: new AbortController().signal,
        deadline: Date.now() + 30_000,
      });
      for await (const page of scan) rows.push(...page.rows);
      expect(rows).toEqual([{ Job: "23-104", Description: "Summit Cold Storage" }]);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.sql).toContain(
        "FROM [dbo].[JCM_MASTER__JOB] WHERE ([Job] = @p0 AND (([Job] + N'|') COLLATE Latin1_General_100_BIN2) = (@p1 + N'|')) ORDER BY",
      );
      expect(sent[0]?.bindings.slice(0, 2)).toEqual(["23-104    ", "23-104    "]);
    } finally {
      await knex.destroy();
    }
  });

  it("needs a knex client of SQL Server", () => {
    const knex = knexFactory({ client: "pg" });
    try {
      expect(() => createSage300Connector({ knex, dialect: "mssql" })).toThrow(/knex client is 'postgresql'/);
    } finally {
      void knex.destroy();
    }
  });
});
