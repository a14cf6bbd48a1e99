/**
 * What describe() makes of a schema: EDM types from declared column types, keys, nullability,
 * valid OData names (with the map back to database names), per-property capabilities by type,
 * and configuration (tables, entity set names, keys, columns, exclusions, searchable columns).
 * Whatever cannot be exposed faithfully is left out, and reported with the reason and the fix.
 */
import { Catalog } from "@headgate/engine";
import type { EntitySetDef } from "@headgate/model";
import type { Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { entityTypeName, toIdentifier } from "./identifiers.ts";
import type { SqlTableOptions } from "./introspect-schema.ts";
import { createSqlConnector } from "./sql-connector.ts";
import { openSqlite, type TestDatabase } from "./testing/jobs-fixture.ts";

let db: TestDatabase;

const DDL = [
  `CREATE TABLE "Odd Things" (
     id INTEGER PRIMARY KEY, "2nd" TEXT, "Job-No" VARCHAR(20) NOT NULL, amount NUMERIC(10,3),
     ratio REAL, big BIGINT, flag BOOLEAN, day DATE, at DATETIME, at2 TIMESTAMP, opens TIME,
     ref UUID, picture BLOB, untyped, "what?" TEXT, "job_no" TEXT, "__proto__" TEXT)`,
  "CREATE TABLE no_key (a INTEGER, b TEXT)",
  "CREATE TABLE pair (a TEXT NOT NULL, b INTEGER NOT NULL, c TEXT, PRIMARY KEY (b, a))",
  `CREATE VIEW recent AS SELECT id, "Job-No" FROM "Odd Things"`,
  "CREATE TABLE staff (id INTEGER PRIMARY KEY, staff TEXT)",
  "CREATE TABLE companies (id INTEGER PRIMARY KEY, name TEXT, notes TEXT)",
];

beforeAll(async () => {
  db = await openSqlite();
  for (const statement of DDL) await db.knex.raw(statement);
});
afterAll(async () => {
  await db?.close();
});

function set(definitions: readonly EntitySetDef[], name: string): EntitySetDef {
  const found = definitions.find((d) => d.name === name);
  if (!found) throw new Error(`no entity set ${name}`);
  return found;
}

const sqlite = (knex: Knex, tables?: Parameters<typeof createSqlConnector>[0]["tables"]) =>
  createSqlConnector({ knex, dialect: "sqlite", ...(tables ? { tables } : {}) });

describe("every table and view of the schema", () => {
  it("exposes the tables that have a key, as valid OData names", async () => {
    const connector = sqlite(db.knex);
    const definitions = await connector.describe();
    expect(definitions.map((d) => [d.name, d.entityType.name])).toEqual([
      ["Odd_Things", "Odd_Thing"],
      ["companies", "company"],
      ["pair", "pairRow"],
      ["staff", "staffRow"],
    ]);
    // The model passes the engine's own validation.
    await expect(Catalog.build([{ name: "db", connector }])).resolves.toBeDefined();
  });

  it("maps declared SQLite types to EDM types", async () => {
    const odd = set(await sqlite(db.knex).describe(), "Odd_Things");
    expect(Object.fromEntries(odd.entityType.properties.map((p) => [p.name, p.type]))).toEqual({
      id: "Edm.Int32",
      _2nd: "Edm.String",
      Job_No: "Edm.String",
      amount: "Edm.Decimal",
      ratio: "Edm.Double",
      big: "Edm.Int64",
      flag: "Edm.Boolean",
      day: "Edm.Date",
      at: "Edm.DateTimeOffset",
      at2: "Edm.DateTimeOffset",
      opens: "Edm.TimeOfDay",
      ref: "Edm.Guid",
      // "job_no" differs from "Job-No" only in case once mapped: it gets a suffix.
      job_no_2: "Edm.String",
      proto_: "Edm.String",
    });
    const property = (name: string) => odd.entityType.properties.find((p) => p.name === name)!;
    expect(property("amount")).toMatchObject({ precision: 10, scale: 3, nullable: true });
    expect(property("Job_No")).toMatchObject({ nullable: false, description: "Column 'Job-No'." });
    expect(property("id").nullable).toBe(false);
  });

  it("keeps each property's column in a name map", async () => {
    const [odd] = await sqlite(db.knex).mappings();
    expect(odd?.columns.filter((c) => c.property !== c.column)).toEqual([
      { property: "_2nd", column: "2nd" },
      { property: "Job_No", column: "Job-No" },
      { property: "job_no_2", column: "job_no" },
      { property: "proto_", column: "__proto__" },
    ]);
  });

  it("advertises per type only what SQLite evaluates exactly", async () => {
    const odd = set(await sqlite(db.knex).describe(), "Odd_Things");
    const capabilities = (name: string) =>
      odd.entityType.properties.find((p) => p.name === name)!.capabilities;
    expect(capabilities("Job_No").filter).toEqual([
      "eq",
      "ne",
      "gt",
      "ge",
      "lt",
      "le",
      "in",
      "contains",
      "startswith",
      "endswith",
      "tolower",
      "toupper",
    ]);
    expect(capabilities("amount").filter).toEqual(["eq", "ne", "gt", "ge", "lt", "le", "in"]);
    expect(capabilities("day").filter).toEqual([
      "eq",
      "ne",
      "gt",
      "ge",
      "lt",
      "le",
      "in",
      "year",
      "month",
      "day",
    ]);
    expect(capabilities("flag").filter).toEqual(["eq", "ne", "in"]);
    expect(capabilities("ref").filter).toEqual(["eq", "ne", "in"]);
    // TIME text is neither compared nor sorted in SQL: the engine does it.
    expect(capabilities("opens")).toEqual({
      filter: [],
      sortable: false,
      requiredInFilter: false,
      searchable: false,
    });
    expect(capabilities("at").sortable).toBe(true);
  });

  it("keys on the primary key columns in key order", async () => {
    expect(set(await sqlite(db.knex).describe(), "pair").entityType.key).toEqual(["b", "a"]);
  });

  it("lists every table, view and column it leaves out, with the reason", async () => {
    const { leftOut } = await sqlite(db.knex).inspect();
    expect(leftOut.map((i) => [i.name, i.kind, i.reason, i.message])).toEqual([
      [
        "Odd Things.picture",
        "column",
        "UnsupportedType",
        "Table 'Odd Things': column 'picture' has type 'blob', which Headgate cannot expose; it is left out.",
      ],
      [
        "Odd Things.untyped",
        "column",
        "UnsupportedType",
        "Table 'Odd Things': column 'untyped' has type '(none)', which Headgate cannot expose; it is left out.",
      ],
      [
        "Odd Things.what?",
        "column",
        "UnquotableName",
        "Table 'Odd Things': column 'what?' has a name this database dialect cannot quote safely; it is left out.",
      ],
      ["no_key", "table", "NoKey", "Table 'no_key' has no primary key; it is not exposed."],
      ["recent", "view", "NoKey", "View 'recent' has no key (a view has no primary key); it is not exposed."],
    ]);
  });

  it("says what to set to include a view without a key, and that setting it exposes the view", async () => {
    const { leftOut } = await sqlite(db.knex).inspect();
    const recent = leftOut.find((i) => i.name === "recent");
    expect(recent?.fix).toEqual({
      message:
        "Set its 'key' to the column(s) whose values identify one row, for example ['id']. Listing tables in settings.tables exposes only the tables listed, so list every table to expose.",
      settings: { tables: [{ table: "recent", key: ["id"] }] },
    });
    const { tables } = recent!.fix.settings as { tables: SqlTableOptions[] };
    const fixed = sqlite(db.knex, tables);
    expect((await fixed.describe()).map((d) => [d.name, d.entityType.key])).toEqual([["recent", ["id"]]]);
    expect((await fixed.inspect()).leftOut).toEqual([]);
  });

  it("warns that a database opened for writing could be written", async () => {
    const { warnings } = await sqlite(db.knex).inspect();
    expect(warnings).toEqual([
      { code: "UserCanWrite", message: expect.stringContaining("opened for writing") },
    ]);
  });

  it("advertises $search only when searchable columns are configured", async () => {
    const connector = sqlite(db.knex);
    await connector.describe();
    expect(connector.capabilities.search).toBe(false);
  });
});

describe("configured tables", () => {
  it("renames, keys views, picks and hides columns, and marks searchable ones", async () => {
    const connector = sqlite(db.knex, [
      { table: "recent", entitySet: "RecentThings", key: ["id"], description: "Things seen lately" },
      { table: "companies", entitySet: "Companies", exclude: ["notes"], searchable: ["name"] },
      { table: "Odd Things", entitySet: "Odd", columns: ["Job-No", "day"], searchable: true },
      { table: "missing" },
    ]);
    const definitions = await connector.describe();
    expect(definitions.map((d) => d.name)).toEqual(["RecentThings", "Companies", "Odd"]);
    expect(set(definitions, "RecentThings")).toMatchObject({
      description: "Things seen lately",
      entityType: { key: ["id"] },
    });
    expect(
      set(definitions, "Companies").entityType.properties.map((p) => [p.name, p.capabilities.searchable]),
    ).toEqual([
      ["id", false],
      ["name", true],
    ]);
    // The key is always exposed; `searchable: true` marks every text column.
    expect(
      set(definitions, "Odd").entityType.properties.map((p) => [p.name, p.capabilities.searchable]),
    ).toEqual([
      ["id", false],
      ["Job_No", true],
      ["day", false],
    ]);
    expect(connector.capabilities.search).toBe(true);
    expect((await connector.inspect()).leftOut).toEqual([
      {
        name: "missing",
        kind: "table",
        reason: "NotFound",
        message: "Table 'missing' was not found (or the database user cannot see it); it is not exposed.",
        fix: { message: "Check the name, the connection's schema, and that the database user may read it." },
        setting: "tables[3]",
      },
    ]);
  });

  it("names the closest table for a misspelt one, and the entry that would expose it", async () => {
    const { leftOut } = await sqlite(db.knex, [{ table: "compnies", entitySet: "Companies" }]).inspect();
    expect(leftOut).toEqual([
      expect.objectContaining({
        reason: "NotFound",
        setting: "tables[0]",
        fix: {
          message:
            "Did you mean 'companies'? Otherwise check the connection's schema, and that the database user may read it.",
          settings: { tables: [{ table: "companies", entitySet: "Companies" }] },
        },
      }),
    ]);
  });

  it("reports listed columns the table does not have, and exclusions that name none", async () => {
    const connector = sqlite(db.knex, [
      { table: "companies", columns: ["name", "nmae"], exclude: ["notse"] },
    ]);
    const { leftOut, warnings } = await connector.inspect();
    expect(leftOut).toEqual([
      {
        name: "companies.nmae",
        kind: "column",
        reason: "NotFound",
        message:
          "Table 'companies': column 'nmae' is listed in 'columns' but the table has no such column; it is left out.",
        fix: { message: "Check the name: did you mean 'name'? (names are matched exactly)." },
        setting: "tables[0]",
      },
    ]);
    expect(warnings).toContainEqual({
      code: "SettingIgnored",
      message:
        "Table 'companies': 'exclude' names column 'notse', which the table does not have; it is ignored.",
    });
  });

  it("sees a changed schema after refresh", async () => {
    const connector = sqlite(db.knex, [{ table: "staff" }]);
    expect(set(await connector.describe(), "staff").entityType.properties).toHaveLength(2);
    await db.knex.raw("ALTER TABLE staff ADD COLUMN started DATE");
    expect(set(await connector.describe(), "staff").entityType.properties).toHaveLength(2);
    expect(set(await connector.refresh(), "staff").entityType.properties.map((p) => p.name)).toEqual([
      "id",
      "staff",
      "started",
    ]);
  });

  it("refuses a knex client of another dialect", () => {
    expect(() => createSqlConnector({ knex: db.knex, dialect: "postgres" })).toThrow(
      /knex client is 'sqlite3'/,
    );
    expect(() => createSqlConnector({ knex: db.knex, dialect: "mssql" })).toThrow(
      /configured as 'mssql' but its knex client is 'sqlite3'/,
    );
  });
});

describe("OData names", () => {
  it.each([
    ["Job No", "Job_No"],
    ["2nd", "_2nd"],
    ["job-no.v2", "job_no_v2"],
    ["Ünïcödé", "Ünïcödé"],
    ["__proto__", "proto_"],
    ["", "_"],
  ])("%j becomes %j", (name, identifier) => {
    expect(toIdentifier(name)).toBe(identifier);
  });

  it.each([
    ["jobs", "job"],
    ["Companies", "Company"],
    ["Addresses", "Address"],
    ["status", "statusRow"],
    ["staff", "staffRow"],
  ])("entity set %j has entity type %j", (set, type) => {
    expect(entityTypeName(set)).toBe(type);
  });
});
