/**
 * Test bed: the demo world's Sage 300 CRE database at a small scale, in SQLite (in memory) or in
 * a fresh Postgres schema `sage300_test_<hex>`, with a few extra vendors and AP invoices whose
 * names and descriptions are full of quotes, wildcards, backslashes, SQL and Unicode. Behind it
 * two engines: one over the Sage connector (which pushes everything into SQL) and one over a
 * memory connector holding the rows the connector read once with no options (where the engine
 * evaluates everything itself).
 *
 * `expectedRows` rebuilds every entity set from the generator with Sage's conventions as the
 * published model states them (text trimmed, blank optional values null, flags as booleans), so
 * a test can check what the connector reads independently of the connector.
 */
import { randomBytes } from "node:crypto";
import { NO_CAPABILITIES } from "@headgate/connector-kit";
import {
  type Company,
  companyInvoices,
  companyTransactions,
  generateCompany,
  generateSageMasterTables,
  KEY_WIDTH,
  padKey,
  type SageTableName,
  transactionTableOf,
} from "@headgate/demo-world";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import type { EntitySetDef, Row } from "@headgate/model";
import { compareStrings } from "@headgate/odata";
import { createSagePostgres, createSageSqlite, sagePostgresKnex } from "@headgate/simulators";
import { testDatabaseConnection } from "@headgate/testing";
import type { Knex } from "knex";
import { TRANSACTION_TABLES } from "../sage-tables.ts";
import {
  createSage300Connector,
  type Sage300Connector,
  type Sage300ConnectorOptions,
} from "../sage300-connector.ts";

export type TestDialect = "postgres" | "sqlite";

export const POSTGRES = testDatabaseConnection();

/** Small enough to load in a second or two, large enough for every kind of row. */
export const SCALE = 0.5;

/** Values that must be matched literally (as names, descriptions, search terms). */
export const NASTY = [
  "O'Neil & Sons",
  "' OR 1=1 --",
  '\'; DROP TABLE "APM_MASTER__VENDOR"; --',
  "100% Concrete_Co",
  "under_score %percent",
  "back\\slash Supply",
  "[glob]*? Rentals",
  "SELECT * FROM vendors",
  "Straße Bau GmbH",
  "ΟΔΟΣ Σ Κατασκευές",
  "İstanbul Yapı",
  "emoji 😀 Electric",
  "Tab\tand\nnewline",
];

/** Vendor codes for the nasty vendors, within Sage's 10-character width. */
export const NASTY_CODES = [
  "Q'UOTE",
  "PCT%",
  "UND_",
  "BACK\\",
  "SEL;--",
  "ÜNI",
  "GLOB*?",
  "'",
  "%",
  "_",
  "\\",
  "Ω",
  "NL",
];

export interface SageTestDatabase {
  readonly knex: Knex;
  readonly dialect: TestDialect;
  readonly schema: string | undefined;
  readonly company: Company;
  close(): Promise<void>;
}

export async function openSageDatabase(dialect: TestDialect): Promise<SageTestDatabase> {
  const company = generateCompany({ scale: SCALE });
  if (dialect === "sqlite") {
    const { knex } = await createSageSqlite(company, ":memory:");
    await addNastyRows(knex, undefined);
    return { knex, dialect, schema: undefined, company, close: () => knex.destroy() };
  }
  const schema = `sage300_test_${randomBytes(6).toString("hex")}`;
  try {
    const { knex } = await createSagePostgres(company, POSTGRES, schema);
    await addNastyRows(knex, schema);
    return {
      knex,
      dialect,
      schema,
      company,
      async close() {
        await knex.destroy();
        await dropSchema(schema);
      },
    };
  } catch (error) {
    await dropSchema(schema);
    throw error;
  }
}

/** On its own connection, so the schema goes even when loading failed half-way. */
async function dropSchema(schema: string): Promise<void> {
  const admin = sagePostgresKnex(POSTGRES, schema);
  try {
    await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [schema]);
  } finally {
    await admin.destroy();
  }
}

/** Vendors named after the nasty values, each with one AP invoice described by one. */
function nastyRows(): { vendors: Record<string, unknown>[]; invoices: Record<string, unknown>[] } {
  const vendors = NASTY.map((name, i) => ({
    Vendor: padKey(NASTY_CODES[i]!, KEY_WIDTH.vendor),
    Name: name,
    Type: i % 2 === 0 ? "Supplier" : "Subcontractor",
    Address_1: `${i + 1} Quote St`,
    Address_2: i % 3 === 0 ? "" : `Suite ${i}`,
    City: i % 2 === 0 ? "Tacoma" : "O'Fallon",
    State: "WA",
    ZIP: "98402",
    Telephone: "(253) 555-0100",
    Fax_Number: "",
    Contact_1_Name: NASTY[(i + 3) % NASTY.length]!,
    Contact_1_Email_Address: `ap${i}@example.com`,
    Contact_1_Telephone: "",
    Umb_Ins_Policy_Num: "",
    Umb_Ins_Expir_Dt: null,
  }));
  const invoices = NASTY.map((description, i) => ({
    Vendor: padKey(NASTY_CODES[i]!, KEY_WIDTH.vendor),
    Invoice: padKey(`X-${i}`, KEY_WIDTH.invoice),
    Invoice_Date: "2025-03-01",
    Accounting_Date: "2025-03-02",
    Due_Date: "2025-04-01",
    Job: i % 2 === 0 ? "" : padKey("23-101", KEY_WIDTH.job),
    Description: description,
    Status: "Open",
    Amount: 100 + i + 0.25,
    Retainage: 0,
    Pmt_Amount: 0,
    Included_For_Pmt: i % 2,
    Invoice_Code_1: i % 4 === 0 ? "   " : "",
  }));
  return { vendors, invoices };
}

async function addNastyRows(knex: Knex, schema: string | undefined): Promise<void> {
  const table = (name: string) => (schema ? knex.withSchema(schema).table(name) : knex.table(name));
  const { vendors, invoices } = nastyRows();
  await table("APM_MASTER__VENDOR").insert(vendors);
  await table("APM_MASTER__INVOICE").insert(invoices);
}

export interface SageDifferential {
  readonly database: SageTestDatabase;
  readonly connector: Sage300Connector;
  /** The engine over the Sage connector. */
  readonly sql: Engine;
  /** The engine over a memory connector holding the rows the connector read, evaluating everything. */
  readonly memory: Engine;
  /** Every entity set's rows as the connector read them, in key order. */
  readonly rows: ReadonlyMap<string, readonly Row[]>;
}

export async function openSageDifferential(
  dialect: TestDialect,
  options: Partial<Omit<Sage300ConnectorOptions, "knex" | "dialect">> = {},
): Promise<SageDifferential> {
  const database = await openSageDatabase(dialect);
  try {
    const connector = createSage300Connector({
      knex: database.knex,
      dialect,
      ...(database.schema === undefined ? {} : { schema: database.schema }),
      pageSize: 500,
      ...options,
    });
    const secret = randomBytes(32);
    const sql = new Engine({
      catalog: await Catalog.build([{ name: "sage", connector }]),
      skipTokenSecret: secret,
    });
    const definitions = await connector.describe();
    const rows = new Map<string, readonly Row[]>();
    for (const definition of definitions)
      rows.set(definition.name, await readAll(connector, definition.name));
    const memoryConnector = createMemoryConnector({
      entitySets: definitions.map((definition) => ({ definition, rows: rows.get(definition.name)! })),
      capabilities: NO_CAPABILITIES,
      propertyPushdown: "none",
      pageSize: 1000,
    });
    const memory = new Engine({
      catalog: await Catalog.build([{ name: "memory", connector: memoryConnector }]),
      skipTokenSecret: secret,
    });
    return { database, connector, sql, memory, rows };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Every row of an entity set, straight from the connector (no options). */
export async function readAll(connector: Sage300Connector, entitySet: string): Promise<Row[]> {
  const rows: Row[] = [];
  const request = { entitySet, signal: new AbortController().signal, deadline: Date.now() + 60_000 };
  for await (const page of connector.scan(request)) rows.push(...page.rows);
  return rows;
}

const ENTITY_TABLES: Readonly<Record<string, readonly SageTableName[]>> = {
  Jobs: ["JCM_MASTER__JOB"],
  CostCodes: ["JCM_MASTER__COST_CODE"],
  Categories: ["JCM_MASTER__CATEGORY"],
  JobCostTransactions: ["JCT_CURRENT__TRANSACTION", "JCT_HISTORY__TRANSACTION"],
  Commitments: ["JCM_MASTER__COMMITMENT"],
  Vendors: ["APM_MASTER__VENDOR"],
  ApInvoices: ["APM_MASTER__INVOICE"],
  GlAccounts: ["GLM_MASTER__ACCOUNT"],
  ArCustomers: ["ARM_MASTER__CUSTOMER"],
};

/**
 * The rows of an entity set built from the generator (and the nasty extras) with Sage's
 * conventions as the model states them, in key order.
 */
export function expectedRows(company: Company, definition: EntitySetDef): Row[] {
  const master = generateSageMasterTables(company);
  const nasty = nastyRows();
  const stored = (table: SageTableName): Record<string, unknown>[] => {
    switch (table) {
      case "JCT_CURRENT__TRANSACTION":
      case "JCT_HISTORY__TRANSACTION":
        return [...companyTransactions(company)]
          .filter((row) => transactionTableOf(row) === table)
          .map((row) => ({ ...row, Transaction_Table: TRANSACTION_TABLES[table] }));
      case "APM_MASTER__INVOICE":
        return [...companyInvoices(company), ...nasty.invoices] as Record<string, unknown>[];
      case "APM_MASTER__VENDOR":
        return [...master.APM_MASTER__VENDOR, ...nasty.vendors] as Record<string, unknown>[];
      default:
        return master[table] as unknown as Record<string, unknown>[];
    }
  };
  const properties = definition.entityType.properties;
  const rows = (ENTITY_TABLES[definition.name] ?? []).flatMap(stored).map((record) => {
    const row: Record<string, unknown> = {};
    for (const p of properties) {
      const value = record[p.name];
      if (p.type === "Edm.Boolean") row[p.name] = value === null ? null : value !== 0;
      else if (typeof value === "string" && p.type === "Edm.String") {
        const trimmed = value.replace(/ +$/, "");
        row[p.name] = trimmed === "" && p.nullable ? null : trimmed;
      } else if (Object.is(value, -0)) {
        row[p.name] = 0; // the drivers write -0 as 0
      } else row[p.name] = value ?? null;
    }
    return row;
  });
  const key = definition.entityType.key;
  return rows.sort((a, b) => {
    for (const k of key) {
      const [x, y] = [a[k], b[k]];
      const c = typeof x === "number" && typeof y === "number" ? x - y : compareStrings(String(x), String(y));
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** Percent-encodes each option's value, as a client would. */
export function encode(query: string): string {
  return query
    .split("&")
    .map((part) => {
      const at = part.indexOf("=");
      return `${part.slice(0, at)}=${encodeURIComponent(part.slice(at + 1))}`;
    })
    .join("&");
}

export type { AllPages } from "@headgate/engine/testing";
export { readAllPages, sortRows } from "@headgate/engine/testing";
