import { randomBytes } from "node:crypto";
import {
  companyInvoices,
  companyTransactions,
  generateCompany,
  generateSageMasterTables,
  SAGE_TABLES,
  type SageTableName,
  transactionTableOf,
} from "@headgate/demo-world";
import { testDatabaseConnection } from "@headgate/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createSagePostgres,
  createSageSqlite,
  type SageDatabase,
  sagePostgresKnex,
} from "./open-database.ts";
import { TABLE_SCHEMAS } from "./table-schemas.ts";

const PG = testDatabaseConnection();
const schema = `sage_test_${randomBytes(6).toString("hex")}`;
const company = generateCompany({ scale: 1 });

let sqlite: SageDatabase;
let postgres: SageDatabase;

beforeAll(async () => {
  [sqlite, postgres] = await Promise.all([
    createSageSqlite(company, ":memory:"),
    createSagePostgres(company, PG, schema),
  ]);
});

afterAll(async () => {
  await sqlite?.knex.destroy();
  await postgres?.knex.destroy();
  // Its own connection, so the schema goes even when loading failed half-way.
  const admin = sagePostgresKnex(PG, schema);
  await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
  await admin.destroy();
});

/** Rows of a raw query, the same way for both engines (knex returns { rows } for pg). */
async function query(db: SageDatabase, sql: string, bindings: readonly (string | number)[] = []) {
  const result: unknown = await db.knex.raw(sql, bindings);
  const rows = Array.isArray(result) ? result : (result as { rows: unknown[] }).rows;
  return rows as Record<string, unknown>[];
}

/** Doubles summed in another order differ in the last bits; compare them to the cent. */
function toCents(rows: Record<string, unknown>[]) {
  return rows.map((row) =>
    Object.fromEntries(
      Object.entries(row).map(([k, v]) => [k, typeof v === "number" ? Math.round(v * 100) / 100 : v]),
    ),
  );
}

async function bothAnswer(sql: string, bindings: readonly (string | number)[] = []) {
  const [a, b] = await Promise.all([query(sqlite, sql, bindings), query(postgres, sql, bindings)]);
  expect(toCents(b)).toEqual(toCents(a));
  return a;
}

function expectedCounts(): Record<SageTableName, number> {
  const master = generateSageMasterTables(company);
  const counts = Object.fromEntries(SAGE_TABLES.map((t) => [t, 0])) as Record<SageTableName, number>;
  for (const [table, rows] of Object.entries(master)) counts[table as SageTableName] = rows.length;
  for (const row of companyTransactions(company)) counts[transactionTableOf(row)]++;
  for (const _ of companyInvoices(company)) counts.APM_MASTER__INVOICE++;
  return counts;
}

describe("the Sage database in SQLite and Postgres", () => {
  it("loads every table with the rows the generators produce", async () => {
    const expected = expectedCounts();
    expect(sqlite.summary.rowCounts).toEqual(expected);
    expect(postgres.summary.rowCounts).toEqual(expected);
    for (const table of SAGE_TABLES) {
      const [row] = await bothAnswer(`SELECT COUNT(*) AS n FROM "${table}"`);
      expect(row?.n).toBe(expected[table]);
    }
    expect(expected.JCT_CURRENT__TRANSACTION + expected.JCT_HISTORY__TRANSACTION).toBeGreaterThan(10_000);
  });

  it("declares the columns the rows carry, under their standard names", () => {
    const master = generateSageMasterTables(company);
    const samples: Partial<Record<SageTableName, object>> = {
      ...Object.fromEntries(Object.entries(master).map(([t, rows]) => [t, rows[0]])),
      JCT_CURRENT__TRANSACTION: companyTransactions(company).next().value,
      APM_MASTER__INVOICE: companyInvoices(company).next().value,
    };
    for (const [table, row] of Object.entries(samples)) {
      const columns = TABLE_SCHEMAS[table as SageTableName].columns.map((c) => c.name);
      expect(Object.keys(row ?? {})).toEqual(columns);
    }
  });

  it("types keys as VARCHAR of the key width, money as DOUBLE PRECISION and dates as DATE", async () => {
    const rows = await query(
      postgres,
      `SELECT column_name, data_type, character_maximum_length AS width FROM information_schema.columns
       WHERE table_schema = ? AND table_name = 'JCT_CURRENT__TRANSACTION'
       AND column_name IN ('Job', 'Amount', 'Accounting_Date', 'Row_ID') ORDER BY column_name`,
      [schema],
    );
    expect(rows).toEqual([
      { column_name: "Accounting_Date", data_type: "date", width: null },
      { column_name: "Amount", data_type: "double precision", width: null },
      { column_name: "Job", data_type: "character varying", width: 10 },
      { column_name: "Row_ID", data_type: "integer", width: null },
    ]);
  });

  it("answer job cost totals per job identically", async () => {
    for (const table of ["JCT_CURRENT__TRANSACTION", "JCT_HISTORY__TRANSACTION"]) {
      const rows = await bothAnswer(
        `SELECT "Job", SUM("Amount") AS total, COUNT(*) AS n FROM "${table}"
         WHERE "Transaction_Type" <> 'Work billed' GROUP BY "Job" ORDER BY "Job"`,
      );
      expect(rows.length).toBeGreaterThan(0);
    }
  });

  it("agree with JTD_Cost when CURRENT and HISTORY are queried separately and added up", async () => {
    const costs = new Map<string, number>();
    for (const table of ["JCT_CURRENT__TRANSACTION", "JCT_HISTORY__TRANSACTION"]) {
      const rows = await query(
        postgres,
        `SELECT "Job", SUM("Amount") AS total FROM "${table}" WHERE "Transaction_Type" <> 'Work billed' GROUP BY "Job"`,
      );
      for (const row of rows)
        costs.set(String(row.Job), (costs.get(String(row.Job)) ?? 0) + Number(row.total));
    }
    const jobs = await bothAnswer(`SELECT "Job", "JTD_Cost" FROM "JCM_MASTER__JOB" ORDER BY "Job"`);
    for (const job of jobs)
      expect(Math.abs(Number(job.JTD_Cost) - (costs.get(String(job.Job)) ?? 0))).toBeLessThan(0.01);
  });

  it("match padded keys only when padded or trimmed, in both engines", async () => {
    const job = company.projects[0]!.jobNumber;
    const count = `SELECT COUNT(*) AS n FROM "JCM_MASTER__JOB" WHERE`;
    expect((await bothAnswer(`${count} "Job" = ?`, [job]))[0]?.n).toBe(0);
    expect((await bothAnswer(`${count} TRIM("Job") = ?`, [job]))[0]?.n).toBe(1);
    expect((await bothAnswer(`${count} "Job" = ?`, [job.padEnd(10, " ")]))[0]?.n).toBe(1);
  });

  it("store 'no extra' as '' and return DATE values as YYYY-MM-DD, NULL where unknown", async () => {
    const [extras] = await bothAnswer(
      `SELECT SUM(CASE WHEN "Extra" = '' THEN 1 ELSE 0 END) AS blank,
              SUM(CASE WHEN "Extra" IS NULL THEN 1 ELSE 0 END) AS nulls FROM "JCT_CURRENT__TRANSACTION"`,
    );
    expect(extras?.nulls).toBe(0);
    expect(extras?.blank).toBeGreaterThan(0);
    const jobs = await bothAnswer(
      `SELECT "Job", "Contract_Date", "Actual_Complete_Date", "Status" FROM "JCM_MASTER__JOB" ORDER BY "Job"`,
    );
    for (const job of jobs) {
      expect(job.Contract_Date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(job.Actual_Complete_Date === null).toBe(job.Status !== "Closed");
    }
  });

  it("filter by date ranges with bound parameters identically", async () => {
    const [march] = await bothAnswer(
      `SELECT COUNT(*) AS n, SUM("Amount") AS total FROM "JCT_CURRENT__TRANSACTION"
       WHERE "Accounting_Date" >= ? AND "Accounting_Date" < ? AND "Transaction_Type" = ?`,
      ["2025-03-01", "2025-04-01", "AP cost"],
    );
    expect(march?.n).toBeGreaterThan(0);
  });

  it("join AP invoices to their vendors, every invoice finding its vendor and job", async () => {
    const rows = await bothAnswer(
      `SELECT v."Name", i."Status", COUNT(*) AS n, SUM(i."Amount") AS total
       FROM "APM_MASTER__INVOICE" i
       INNER JOIN "APM_MASTER__VENDOR" v ON v."Vendor" = i."Vendor"
       INNER JOIN "JCM_MASTER__JOB" j ON j."Job" = i."Job"
       GROUP BY v."Name", i."Status" ORDER BY v."Name", i."Status"`,
    );
    const joined = rows.reduce((sum, r) => sum + Number(r.n), 0);
    expect(joined).toBe(sqlite.summary.rowCounts.APM_MASTER__INVOICE);
    const names = new Set(company.vendors.map((v) => v.name));
    for (const row of rows) expect(names.has(String(row.Name))).toBe(true);
  });

  it("page through jobs by key range (WHERE Job > ? ORDER BY Job) to the end, in both engines", async () => {
    for (const db of [sqlite, postgres]) {
      const seen: string[] = [];
      for (let last = ""; ; ) {
        const page = await db
          .knex("JCM_MASTER__JOB")
          .select("Job")
          .where("Job", ">", last)
          .orderBy("Job")
          .limit(7);
        seen.push(...page.map((r: { Job: string }) => r.Job));
        if (page.length < 7) break;
        last = seen[seen.length - 1]!;
      }
      expect(seen.map((j) => j.trim()).sort()).toEqual(company.projects.map((p) => p.jobNumber).sort());
    }
  });
});
