/**
 * Test bed: a jobs table and an RFIs table with nulls, mixed case, Unicode, quotes and the
 * characters LIKE and GLOB treat specially, created in a fresh Postgres schema or a SQLite
 * memory database. `JOB_ROWS` is the same data in the row contract, for a memory connector
 * that answers with the engine's own evaluator.
 */
import { randomBytes } from "node:crypto";
import { NO_CAPABILITIES } from "@headgate/connector-kit";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import type { Row } from "@headgate/model";
import { compareStrings } from "@headgate/odata";
import { testDatabaseConnection } from "@headgate/testing";
import knexFactory, { type Knex } from "knex";
import { createSqlConnector, type SqlConnector, type SqlConnectorOptions } from "../sql-connector.ts";

export type TestDialect = "postgres" | "sqlite";

const NAMES = [
  "O'Neil Pump Station",
  "Clinic",
  "clinic annex",
  "CLINIC TOWER",
  "100% _done_",
  "back\\slash yard",
  "[glob]*? depot",
  "' OR 1=1 --",
  "DROP TABLE jobs;",
  "Ünïcödé Plaza",
  "Straße Bau",
  "ΟΔΟΣ Σ project",
  "İstanbul office",
  "emoji 😀 site",
  "Tab\tand\nnewline",
  "",
  "select * from",
  "Pump house",
  "Closed",
  "bid",
];
const STATUSES = ["In Progress", "Closed", "Bid", "closed"];

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Jobs in the row contract, ordered by key (the order the SQL connector delivers ties in). */
export const JOB_ROWS: readonly Row[] = Array.from({ length: 46 }, (_, i) => {
  const month = 1 + (i % 12);
  return {
    JobNumber: `23-${String(100 + i)}`,
    Name: i % 11 === 5 ? null : NAMES[i % NAMES.length]!,
    Status: i % 9 === 4 ? null : STATUSES[i % STATUSES.length]!,
    Amount:
      i % 7 === 0 ? null : Number(((((i * 123_457) % 1_000_000) - 150_000) / 100 + (i % 3) * 0.1).toFixed(2)),
    Units: i % 6 === 3 ? null : (i * 7) % 11,
    BigUnits: i % 8 === 1 ? null : 4_000_000_000 + i * 1_000_003,
    Rate: i % 5 === 2 ? null : [0.5, 1.25, -2.75, 100, 0.375][i % 5]!,
    Active: i % 10 === 9 ? null : i % 3 === 0,
    StartDate: i % 8 === 7 ? null : `20${22 + (i % 4)}-${pad(month)}-${pad(1 + ((i * 5) % 28))}`,
    UpdatedAt:
      i % 9 === 8
        ? null
        : new Date(
            Date.UTC(
              2023 + (i % 3),
              (i * 5) % 12,
              1 + (i % 27),
              i % 24,
              (i * 13) % 60,
              i % 60,
              (i * 37) % 1000,
            ),
          ).toISOString(),
    Job_Code: i % 4 === 2 ? null : `JC-${String.fromCharCode(65 + (i % 26))}${i}`,
  };
}).sort((a, b) => compareStrings(String(a.JobNumber), String(b.JobNumber)));

export const RFI_ROWS: readonly Row[] = Array.from({ length: 25 }, (_, i) => ({
  id: i + 1,
  job_number: JOB_ROWS[(i * 7) % JOB_ROWS.length]!.JobNumber,
  subject: `Question ${i} about ${i % 2 === 0 ? "rebar" : "pump"}`,
  open: i % 3 === 0,
}));

/** SQLite stores some instants in other ISO forms: the connector must read them all the same. */
function sqliteInstant(iso: string, i: number): string {
  if (i % 3 === 1) return iso.replace("T", " ").replace(/\.\d{3}Z$/, `.${iso.slice(20, 23)}`);
  if (i % 3 === 2) {
    const shifted = new Date(Date.parse(iso) + 90 * 60_000).toISOString();
    return `${shifted.slice(0, 23)}+01:30`;
  }
  return iso;
}

export async function createJobsTables(knex: Knex, dialect: TestDialect, schema?: string): Promise<void> {
  const builder = schema ? knex.schema.withSchema(schema) : knex.schema;
  await builder.createTable("Jobs", (t) => {
    t.string("JobNumber").primary();
    t.text("Name");
    t.text("Status");
    if (dialect === "postgres") t.decimal("Amount", 12, 2);
    else t.specificType("Amount", "NUMERIC(12,2)");
    t.integer("Units");
    t.bigInteger("BigUnits");
    t.double("Rate");
    t.boolean("Active");
    t.date("StartDate");
    if (dialect === "postgres") t.timestamp("UpdatedAt", { useTz: true });
    else t.specificType("UpdatedAt", "TIMESTAMP");
    t.string("Job Code", 40);
  });
  await (schema ? knex.schema.withSchema(schema) : knex.schema).createTable("rfis", (t) => {
    t.integer("id").primary();
    t.string("job_number");
    t.text("subject");
    t.boolean("open").notNullable();
  });
  const jobs = schema ? knex.withSchema(schema).table("Jobs") : knex.table("Jobs");
  await jobs.insert(
    JOB_ROWS.map((row, i) => ({
      JobNumber: row.JobNumber,
      Name: row.Name,
      Status: row.Status,
      Amount: row.Amount,
      Units: row.Units,
      BigUnits: row.BigUnits,
      Rate: row.Rate,
      Active: row.Active,
      StartDate: row.StartDate,
      UpdatedAt:
        typeof row.UpdatedAt === "string" && dialect === "sqlite"
          ? sqliteInstant(row.UpdatedAt, i)
          : row.UpdatedAt,
      "Job Code": row.Job_Code,
    })),
  );
  const rfis = schema ? knex.withSchema(schema).table("rfis") : knex.table("rfis");
  await rfis.insert(RFI_ROWS.map((r) => ({ ...r })));
}

export interface TestDatabase {
  readonly knex: Knex;
  readonly dialect: TestDialect;
  readonly schema: string | undefined;
  close(): Promise<void>;
}

export const POSTGRES_CONNECTION = testDatabaseConnection();

/** A fresh schema `sqlc_<random>` in the test database, dropped by `close()`. */
export async function openPostgres(): Promise<TestDatabase> {
  const knex = knexFactory({
    client: "pg",
    connection: POSTGRES_CONNECTION,
    pool: {
      min: 0,
      max: 4,
      // A session far from UTC, with day-first dates: answers must not depend on either.
      afterCreate(
        connection: { query(sql: string, done: (error?: Error) => void): void },
        done: (error: Error | undefined, connection: unknown) => void,
      ) {
        connection.query("SET TIME ZONE 'America/St_Johns'; SET datestyle = 'SQL, DMY'", (error) =>
          done(error, connection),
        );
      },
    },
  });
  const schema = `sqlc_${randomBytes(6).toString("hex")}`;
  await knex.raw("CREATE SCHEMA ??", [schema]);
  return {
    knex,
    dialect: "postgres",
    schema,
    async close() {
      await knex.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
      await knex.destroy();
    },
  };
}

export async function openSqlite(): Promise<TestDatabase> {
  const knex = knexFactory({
    client: "better-sqlite3",
    connection: { filename: ":memory:" },
    useNullAsDefault: true,
    pool: { min: 1, max: 1, idleTimeoutMillis: 600_000 },
  });
  return {
    knex,
    dialect: "sqlite",
    schema: undefined,
    async close() {
      await knex.destroy();
    },
  };
}

export async function openDatabase(dialect: TestDialect): Promise<TestDatabase> {
  return dialect === "postgres" ? openPostgres() : openSqlite();
}

export interface Differential {
  readonly database: TestDatabase;
  readonly connector: SqlConnector;
  /** The engine over the SQL connector. */
  readonly sql: Engine;
  /** The engine over a memory connector holding the same rows, evaluating everything itself. */
  readonly memory: Engine;
}

/** The jobs fixture in a fresh database, behind both engines. */
export async function openJobsDifferential(
  dialect: TestDialect,
  options: Partial<Omit<SqlConnectorOptions, "knex" | "dialect">> = {},
): Promise<Differential> {
  const database = await openDatabase(dialect);
  await createJobsTables(database.knex, dialect, database.schema);
  const connector = createSqlConnector({
    knex: database.knex,
    dialect,
    ...(database.schema === undefined ? {} : { schema: database.schema }),
    tables: [
      { table: "Jobs", searchable: ["Name", "Status"] },
      { table: "rfis", entitySet: "Rfis" },
    ],
    pageSize: 7,
    ...options,
  });
  const secret = randomBytes(32);
  const sql = new Engine({
    catalog: await Catalog.build([{ name: "db", connector }]),
    skipTokenSecret: secret,
  });
  const definitions = await connector.describe();
  const memoryConnector = createMemoryConnector({
    entitySets: [
      { definition: definitions.find((d) => d.name === "Jobs")!, rows: JOB_ROWS },
      { definition: definitions.find((d) => d.name === "Rfis")!, rows: RFI_ROWS },
    ],
    capabilities: NO_CAPABILITIES,
    propertyPushdown: "none",
    pageSize: 5,
  });
  const memory = new Engine({
    catalog: await Catalog.build([{ name: "memory", connector: memoryConnector }]),
    skipTokenSecret: secret,
  });
  return { database, connector, sql, memory };
}

export type { AllPages } from "@headgate/engine/testing";
export { readAllPages, sortRows } from "@headgate/engine/testing";
