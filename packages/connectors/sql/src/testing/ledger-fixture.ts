/**
 * Test bed for mapped columns and union sources: two ledger tables with the same columns (one
 * per year) holding fixed-width space-padded codes, '' and blank "none" values, money in
 * doubles with stray sub-cent digits, and 0/1/2 flags; plus a table of codes to navigate to.
 * `ENTRY_ROWS` and `CODE_ROWS` are the same data as the connector must read it (trimmed, blanks
 * as null, money rounded to cents, flags as booleans), for a memory connector that answers with
 * the engine's own evaluator.
 */
import { randomBytes } from "node:crypto";
import { NO_CAPABILITIES } from "@headgate/connector-kit";
import { Catalog, createMemoryConnector, Engine } from "@headgate/engine";
import type { Row } from "@headgate/model";
import { compareStrings } from "@headgate/odata";
import type { Knex } from "knex";
import type { SqlTableOptions } from "../introspect-schema.ts";
import { createSqlConnector, type SqlConnector } from "../sql-connector.ts";
import { openDatabase, type TestDatabase, type TestDialect } from "./jobs-fixture.ts";

export const CODE_WIDTH = 8;
const EXTRA_WIDTH = 6;

export const CODES = ["A-100", "A-101", "B-7", " LEAD", "O'Neil", "50%_x", "Zürich", "back\\sl", "x"];
const EXTRAS = ["E1", "", "      ", "E2"];
const KINDS = ["Labor", "Material  ", "Sub", "Other "];
const NOTES = [
  null,
  "",
  "  ",
  "Pump  ",
  "pump station",
  "O'Neil  ",
  "100% _done_",
  "Straße ",
  "emoji 😀",
  "tab\t ",
  "DROP TABLE x; --",
];
const YEARS = [
  { table: "entries_2024", label: "2024" },
  { table: "entries_2025", label: "2025" },
] as const;

const trimEnd = (text: string) => text.replace(/ +$/, "");
const blankAsNull = (text: string | null) => (text === null || trimEnd(text) === "" ? null : trimEnd(text));

interface StoredEntry {
  id: number;
  code: string;
  extra: string;
  kind: string;
  note: string | null;
  amount: number | null;
  paid: number | null;
  closed: number | null;
  posted: string;
}

/** '' stays '' (Sage's "none"); other values, blanks included, fill the width. */
function extraOf(i: number): string {
  const extra = EXTRAS[i % EXTRAS.length]!;
  return extra === "" ? "" : extra.padEnd(EXTRA_WIDTH, " ");
}

function storedEntries(year: number): StoredEntry[] {
  return Array.from({ length: 60 }, (_, i) => {
    const cents = ((i * 7919 + year * 131) % 200_000) - 50_000;
    // Some amounts carry sub-cent digits (never a half cent, where rounding modes differ).
    const stray = i % 5 === 0 ? 0.001 * ((i % 3) + 1) : 0;
    return {
      id: i + 1,
      code: CODES[i % CODES.length]!.padEnd(CODE_WIDTH, " "),
      extra: extraOf(i),
      kind: KINDS[i % KINDS.length]!,
      note: NOTES[(i + year) % NOTES.length]!,
      amount: i % 7 === 3 ? null : cents / 100 + (i % 11 === 4 ? 0.1 : 0) + stray,
      // Always whole cents (declared so): 0.1 + 0.2 style values whose double sum drifts.
      paid: i % 6 === 5 ? null : Math.round([10, 20, 70, 1999, 123_456, -30][i % 6]! * (1 + (i % 4))) / 100,
      closed: [0, 1, 2, null][i % 4]!,
      posted: `${year}-${String(1 + (i % 12)).padStart(2, "0")}-${String(1 + ((i * 3) % 28)).padStart(2, "0")}`,
    };
  });
}

const STORED = YEARS.map((y) => storedEntries(Number(y.label)));

/** Entries as the connector reads them, in key order (Id, Year). */
export const ENTRY_ROWS: readonly Row[] = YEARS.flatMap((year, t) =>
  STORED[t]!.map((e) => ({
    Id: e.id,
    Code: trimEnd(e.code),
    Extra: blankAsNull(e.extra),
    Kind: trimEnd(e.kind),
    Note: blankAsNull(e.note),
    Amount: e.amount === null ? null : Math.round(e.amount * 100) / 100,
    Paid: e.paid,
    Closed: e.closed === null ? null : e.closed !== 0,
    Posted: e.posted,
    Year: year.label,
  })),
).sort((a, b) => Number(a.Id) - Number(b.Id) || compareStrings(String(a.Year), String(b.Year)));

/** Rounded amounts whose stored double carries sub-cent digits: the boundaries of rounding. */
export const STRAY_AMOUNTS: readonly number[] = STORED.flatMap((rows) =>
  rows.flatMap((e) =>
    e.amount !== null && Math.round(e.amount * 100) / 100 !== e.amount
      ? [Math.round(e.amount * 100) / 100]
      : [],
  ),
).slice(0, 3);

export const CODE_ROWS: readonly Row[] = CODES.map((code, i) => ({
  Code: code,
  Title: `Code ${i} ${code}`,
})).sort((a, b) => compareStrings(String(a.Code), String(b.Code)));

export async function createLedgerTables(knex: Knex, schema: string | undefined): Promise<void> {
  const builder = () => (schema ? knex.schema.withSchema(schema) : knex.schema);
  const table = (name: string) => (schema ? knex.withSchema(schema).table(name) : knex.table(name));
  for (const [t, year] of YEARS.entries()) {
    await builder().createTable(year.table, (b) => {
      b.integer("id").notNullable();
      b.specificType("code", `VARCHAR(${CODE_WIDTH})`).notNullable();
      b.specificType("extra", `VARCHAR(${EXTRA_WIDTH})`).notNullable();
      b.specificType("kind", "VARCHAR(12)").notNullable();
      b.specificType("note", "VARCHAR(40)");
      b.specificType("amount", "DOUBLE PRECISION");
      b.specificType("paid", "DOUBLE PRECISION");
      b.specificType("closed", "SMALLINT");
      b.date("posted").notNullable();
      b.primary(["id"]);
    });
    await table(year.table).insert(STORED[t]!);
  }
  await builder().createTable("codes", (b) => {
    b.specificType("code", `VARCHAR(${CODE_WIDTH})`).primary();
    b.specificType("title", "VARCHAR(30)").notNullable();
  });
  await table("codes").insert(
    CODES.map((code, i) => ({ code: code.padEnd(CODE_WIDTH, " "), title: `Code ${i} ${code}  ` })),
  );
}

export const LEDGER_TABLES: readonly SqlTableOptions[] = [
  {
    table: "entries_2024",
    entitySet: "Entries",
    entityType: "Entry",
    union: {
      tables: ["entries_2025"],
      source: { property: "Year", values: { entries_2024: "2024", entries_2025: "2025" } },
    },
    key: ["id", "Year"],
    properties: [
      { name: "Id", column: "id" },
      { name: "Code", column: "code", convention: "trimPadded", fixedWidth: CODE_WIDTH, searchable: true },
      { name: "Extra", column: "extra", convention: "emptyAsNull", fixedWidth: EXTRA_WIDTH },
      {
        name: "Kind",
        column: "kind",
        convention: "trimPadded",
        allowedValues: ["Labor", "Material", "Sub", "Other"],
      },
      { name: "Note", column: "note", convention: "emptyAsNull", searchable: true },
      { name: "Amount", column: "amount", type: "Edm.Decimal", scale: 2, description: "US dollars." },
      { name: "Paid", column: "paid", type: "Edm.Decimal", scale: 2, storedAtScale: true },
      { name: "Closed", column: "closed", type: "Edm.Boolean" },
      { name: "Posted", column: "posted" },
    ],
    navigation: [
      { name: "CodeDetails", target: "Codes", collection: false, on: [{ local: "Code", remote: "Code" }] },
    ],
  },
  {
    table: "codes",
    entitySet: "Codes",
    entityType: "LedgerCode",
    properties: [
      { name: "Code", column: "code", convention: "trimPadded", fixedWidth: CODE_WIDTH },
      { name: "Title", column: "title", convention: "trimPadded" },
    ],
    navigation: [
      { name: "Entries", target: "Entries", collection: true, on: [{ local: "Code", remote: "Code" }] },
    ],
  },
];

export interface LedgerDifferential {
  readonly database: TestDatabase;
  readonly connector: SqlConnector;
  readonly sql: Engine;
  readonly memory: Engine;
}

export async function openLedgerDifferential(dialect: TestDialect): Promise<LedgerDifferential> {
  const database = await openDatabase(dialect);
  await createLedgerTables(database.knex, database.schema);
  const connector = createSqlConnector({
    knex: database.knex,
    dialect,
    ...(database.schema === undefined ? {} : { schema: database.schema }),
    tables: LEDGER_TABLES,
    pageSize: 9,
  });
  const secret = randomBytes(32);
  const sql = new Engine({
    catalog: await Catalog.build([{ name: "db", connector }]),
    skipTokenSecret: secret,
  });
  const definitions = await connector.describe();
  const memoryConnector = createMemoryConnector({
    entitySets: [
      { definition: definitions.find((d) => d.name === "Entries")!, rows: ENTRY_ROWS },
      { definition: definitions.find((d) => d.name === "Codes")!, rows: CODE_ROWS },
    ],
    capabilities: NO_CAPABILITIES,
    propertyPushdown: "none",
    pageSize: 7,
  });
  const memory = new Engine({
    catalog: await Catalog.build([{ name: "memory", connector: memoryConnector }]),
    skipTokenSecret: secret,
  });
  return { database, connector, sql, memory };
}
