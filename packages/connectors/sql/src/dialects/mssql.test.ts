/**
 * The SQL Server dialect, statement by statement, on knex's `mssql` client with a scripted driver
 * (testing/mssql-fake.ts): what T-SQL each OData request becomes (every value a `@p` parameter),
 * how SQL Server-shaped catalog rows become entity sets, and how answers, failures,
 * cancellation and write access are read. No SQL Server runs here: these statements are checked
 * against the engine's semantics by reasoning, not by a server.
 */
import type { ScanAggregation, ScanRequest } from "@headgate/connector-kit";
import { Catalog, Engine } from "@headgate/engine";
import type { EntitySetDef } from "@headgate/model";
import { type Expr, ODataError, parseApply, parseFilter, parseQueryOptions } from "@headgate/odata";
import { ConnectionError, RequestError } from "tedious";
import { afterEach, describe, expect, it } from "vitest";
import { exactSum } from "../compile-aggregation.ts";
import type { SqlTableOptions } from "../introspect-schema.ts";
import { createSqlConnector, type SqlConnector } from "../sql-connector.ts";
import { type FakeSqlServer, type FakeTable, fakeSqlServer } from "../testing/mssql-fake.ts";
import type { SelectRunner } from "./dialect.ts";
import { mssqlDialect } from "./mssql.ts";

const JOBS: FakeTable = {
  name: "Jobs",
  primaryKey: ["JobNumber"],
  description: "Construction jobs",
  columns: [
    { name: "JobNumber", type: "nvarchar", maxLength: 20, nullable: false },
    { name: "Name", type: "nvarchar", maxLength: -1, description: "What the job is called" },
    { name: "Status", type: "varchar", maxLength: 12 },
    { name: "Code", type: "char", maxLength: 6 },
    { name: "Amount", type: "decimal", precision: 12, scale: 2 },
    { name: "Price", type: "money", precision: 19, scale: 4 },
    { name: "Units", type: "int" },
    { name: "Small", type: "tinyint" },
    { name: "BigUnits", type: "bigint" },
    { name: "Rate", type: "float", precision: 53 },
    { name: "Ratio", type: "real", precision: 24 },
    { name: "Active", type: "bit" },
    { name: "StartDate", type: "date", fractionalDigits: 0 },
    { name: "UpdatedAt", type: "datetimeoffset", fractionalDigits: 7 },
    { name: "LoggedAt", type: "datetime2", fractionalDigits: 3 },
    { name: "Legacy", type: "datetime", fractionalDigits: 3 },
    { name: "Opens", type: "time", fractionalDigits: 0 },
    { name: "Ref", type: "uniqueidentifier" },
    { name: "Notes", type: "ntext", maxLength: 1073741823 },
    { name: "Picture", type: "varbinary", maxLength: -1 },
  ],
};

/** A Sage SQL Replicator table: space-padded varchar keys, money in floats, 0/1 flags. */
const TRANSACTIONS: FakeTable = {
  name: "JCT_CURRENT__TRANSACTION",
  primaryKey: ["Row_ID"],
  columns: [
    { name: "Row_ID", type: "int", nullable: false },
    { name: "Job", type: "varchar", maxLength: 10, nullable: false },
    { name: "Extra", type: "varchar", maxLength: 10, nullable: false },
    { name: "Amount", type: "float", nullable: false },
    { name: "Cost", type: "float" },
    { name: "Posted", type: "smallint" },
  ],
};

const RECENT: FakeTable = {
  name: "Recent Jobs]",
  kind: "view",
  columns: [
    { name: "JobNumber", type: "nvarchar", maxLength: 20, nullable: false },
    { name: "Why?", type: "nvarchar", maxLength: 40 },
  ],
};

const TABLES: readonly SqlTableOptions[] = [
  { table: "Jobs" },
  {
    table: "JCT_CURRENT__TRANSACTION",
    entitySet: "Ledger",
    properties: [
      { name: "Row_ID", column: "Row_ID" },
      { name: "Job", column: "Job", convention: "trimPadded", fixedWidth: 10 },
      { name: "Extra", column: "Extra", convention: "emptyAsNull" },
      { name: "Amount", column: "Amount", type: "Edm.Decimal", scale: 2, storedAtScale: true },
      { name: "Cost", column: "Cost", type: "Edm.Decimal", scale: 2 },
      { name: "Posted", column: "Posted", type: "Edm.Boolean" },
    ],
  },
  { table: "Recent Jobs]", entitySet: "Recent", key: ["JobNumber"] },
];

let open: FakeSqlServer | undefined;
afterEach(async () => {
  await open?.close();
  open = undefined;
});

/** The connector over the fake server, configured with `tables` ("all": every table with a key). */
async function connect(
  tables: readonly SqlTableOptions[] | "all" = TABLES,
): Promise<{ db: FakeSqlServer; connector: SqlConnector }> {
  const db = fakeSqlServer({ tables: [JOBS, TRANSACTIONS, RECENT], writable: ["[dbo].[Recent Jobs]]]"] });
  open = db;
  const connector = createSqlConnector({
    knex: db.knex,
    dialect: "mssql",
    ...(tables === "all" ? {} : { tables }),
  });
  await connector.describe();
  db.statements.length = 0;
  return { db, connector };
}

function request(entitySet: string, more: Partial<ScanRequest> = {}): ScanRequest {
  return { entitySet, signal: new AbortController().signal, deadline: Date.now() + 30_000, ...more };
}

async function scan(connector: SqlConnector, scan: ScanRequest) {
  const rows = [];
  for await (const page of connector.scan(scan)) rows.push(...page.rows);
  return rows;
}

/** The WHERE clause a filter becomes (read from the COUNT statement it is sent in). */
async function where(filter: string, entitySet = "Jobs") {
  const { db, connector } = await connect();
  await scan(connector, request(entitySet, { filter: parseFilter(filter) as Expr, count: true, top: 0 }));
  const [count] = db.statements;
  const table = entitySet === "Jobs" ? "[dbo].[Jobs]" : "[dbo].[JCT_CURRENT__TRANSACTION]";
  const prefix = `select COUNT(*) AS c0 from ${table} where `;
  expect(count?.sql.startsWith(prefix)).toBe(true);
  return { sql: count!.sql.slice(prefix.length), bindings: count!.bindings };
}

const BIN2 = "COLLATE Latin1_General_100_BIN2";

describe("the catalog", () => {
  it("reads tables, views, columns, keys and descriptions from INFORMATION_SCHEMA in schema dbo", async () => {
    const db = fakeSqlServer({ tables: [JOBS, RECENT] });
    open = db;
    const run: SelectRunner = async (builder) => (await builder) as Record<string, unknown>[];
    const catalog = await mssqlDialect.readCatalog(db.knex, run, undefined);
    expect(db.statements.map((s) => s.bindings)).toEqual([
      ["dbo", "BASE TABLE", "VIEW"],
      ["dbo"],
      ["PRIMARY KEY", "dbo"],
      [1, "MS_Description", "dbo"],
    ]);
    expect(db.statements[0]?.sql).toBe(
      "select [TABLE_NAME] as [table_name], [TABLE_TYPE] as [table_type] from [INFORMATION_SCHEMA].[TABLES] where [TABLE_SCHEMA] = @p0 and [TABLE_TYPE] in (@p1, @p2) order by [TABLE_NAME] asc",
    );
    const jobs = catalog.find((t) => t.name === "Jobs")!;
    expect(jobs).toMatchObject({
      kind: "table",
      primaryKey: ["JobNumber"],
      description: "Construction jobs",
    });
    expect(jobs.columns.slice(0, 6)).toEqual([
      { name: "JobNumber", declaredType: "nvarchar", nullable: false, maxLength: 20 },
      // -1 is nvarchar(max): no length to state.
      { name: "Name", declaredType: "nvarchar", nullable: true, description: "What the job is called" },
      { name: "Status", declaredType: "varchar", nullable: true, maxLength: 12 },
      { name: "Code", declaredType: "char", nullable: true, maxLength: 6 },
      { name: "Amount", declaredType: "decimal", nullable: true, precision: 12, scale: 2 },
      { name: "Price", declaredType: "money", nullable: true, precision: 19, scale: 4 },
    ]);
    expect(jobs.columns.find((c) => c.name === "UpdatedAt")).toMatchObject({ fractionalDigits: 7 });
    expect(catalog.find((t) => t.name === "Recent Jobs]")).toMatchObject({ kind: "view", primaryKey: [] });
  });

  it("reads no descriptions where sys.extended_properties is missing", async () => {
    const db = fakeSqlServer({ tables: [JOBS], noExtendedProperties: true });
    open = db;
    const connector = createSqlConnector({ knex: db.knex, dialect: "mssql" });
    const [jobs] = await connector.describe();
    expect(jobs?.description).toBeUndefined();
    expect(jobs?.entityType.properties).toHaveLength(19);
  });

  it("maps SQL Server types to EDM types, and leaves out what it cannot expose", async () => {
    const { connector } = await connect("all");
    const jobs = (await connector.describe()).find((d) => d.name === "Jobs")!;
    expect(Object.fromEntries(jobs.entityType.properties.map((p) => [p.name, p.type]))).toEqual({
      JobNumber: "Edm.String",
      Name: "Edm.String",
      Status: "Edm.String",
      Code: "Edm.String",
      Amount: "Edm.Decimal",
      Price: "Edm.Decimal",
      Units: "Edm.Int32",
      Small: "Edm.Int32",
      BigUnits: "Edm.Int64",
      Rate: "Edm.Double",
      Ratio: "Edm.Double",
      Active: "Edm.Boolean",
      StartDate: "Edm.Date",
      UpdatedAt: "Edm.DateTimeOffset",
      LoggedAt: "Edm.DateTimeOffset",
      Legacy: "Edm.DateTimeOffset",
      Opens: "Edm.TimeOfDay",
      Ref: "Edm.Guid",
      Notes: "Edm.String",
    });
    const property = (name: string) => jobs.entityType.properties.find((p) => p.name === name)!;
    expect(property("Price")).toMatchObject({ precision: 19, scale: 4 });
    expect(property("Status")).toMatchObject({ maxLength: 12 });
    expect(property("Name").maxLength).toBeUndefined();
    expect((await connector.inspect()).leftOut.map((i) => i.message)).toEqual([
      "Table 'Jobs': column 'Picture' has type 'varbinary', which Headgate cannot expose; it is left out.",
      "View 'Recent Jobs]' has no key (a view has no primary key); it is not exposed.",
    ]);
  });

  it("advertises per type only what SQL Server evaluates exactly", async () => {
    const { connector } = await connect("all");
    const jobs = (await connector.describe()).find((d) => d.name === "Jobs")!;
    const capabilities = (name: string) =>
      jobs.entityType.properties.find((p) => p.name === name)!.capabilities;
    // Text: equality and matching, but no ordering (UTF-16 order is not code point order), and
    // no tolower/toupper (LOWER/UPPER are not JavaScript's case mapping).
    expect(capabilities("Name")).toMatchObject({
      filter: ["eq", "ne", "in", "contains", "startswith", "endswith"],
      sortable: false,
    });
    expect(capabilities("Notes").sortable).toBe(false);
    expect(capabilities("Amount")).toMatchObject({
      filter: ["eq", "ne", "gt", "ge", "lt", "le", "in"],
      sortable: true,
    });
    expect(capabilities("Rate").filter).toEqual(["eq", "ne", "gt", "ge", "lt", "le", "in"]);
    expect(capabilities("UpdatedAt")).toMatchObject({
      filter: ["eq", "ne", "gt", "ge", "lt", "le", "in", "year", "month", "day"],
      sortable: true,
    });
    expect(capabilities("Active")).toMatchObject({ filter: ["eq", "ne", "in"], sortable: true });
    expect(capabilities("Ref")).toMatchObject({ filter: ["eq", "ne", "in"], sortable: true });
    // time(7) orders exactly, but a literal with more digits would be rounded: compared in the engine.
    expect(capabilities("Opens")).toMatchObject({ filter: [], sortable: true });
    expect(connector.capabilities.search).toBe(false);
  });

  it("quotes names with brackets, doubling ']' and keeping '?' from being a placeholder", async () => {
    expect(mssqlDialect.quote("Recent Jobs]")).toBe("[Recent Jobs]]]");
    expect(mssqlDialect.tableName(undefined, "Jobs")).toEqual({ sql: "[dbo].[Jobs]", bindings: [] });
    const { db, connector } = await connect();
    db.answer([{ c0: "23-100", c1: "why not" }]);
    expect(await scan(connector, request("Recent", { top: 1 }))).toEqual([
      { JobNumber: "23-100", Why_: "why not" },
    ]);
    expect(db.statements[0]?.sql).toBe(
      "select [JobNumber] AS c0, [Why?] AS c1 from (SELECT * FROM [dbo].[Recent Jobs]]] ORDER BY (([JobNumber] + N'|') COLLATE Latin1_General_100_BIN2) ASC OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY) AS headgate_page order by (([JobNumber] + N'|') COLLATE Latin1_General_100_BIN2) ASC",
    );
  });
});

describe("comparisons", () => {
  it("compares text exactly: in the column's collation first (an index serves it), then with a terminator in binary collation, so case, accents and trailing spaces count", async () => {
    expect(await where("Name eq 'Bid '")).toEqual({
      sql: `([Name] = @p0 AND (([Name] + N'|') ${BIN2}) = (@p1 + N'|'))`,
      bindings: ["Bid ", "Bid "],
    });
  });

  it("compiles ne so that null rows match", async () => {
    expect(await where("Name ne 'Bid'")).toEqual({
      sql: `(NOT ([Name] = @p0 AND (([Name] + N'|') ${BIN2}) = (@p1 + N'|')) OR [Name] IS NULL)`,
      bindings: ["Bid", "Bid"],
    });
    expect(await where("Name eq null")).toEqual({ sql: "([Name] IS NULL)", bindings: [] });
    expect(await where("Name ne null")).toEqual({ sql: "([Name] IS NOT NULL)", bindings: [] });
  });

  it("reads char(n) as stored, padded: equality with the unpadded text is false, as in the engine", async () => {
    expect(await where("Code eq 'AB'")).toEqual({
      sql: `([Code] = @p0 AND (([Code] + N'|') ${BIN2}) = (@p1 + N'|'))`,
      bindings: ["AB", "AB"],
    });
  });

  it("compares numbers with typed parameters: integers as bigint, decimals as decimal(p, s), doubles as float", async () => {
    expect(await where("Units gt 5")).toEqual({ sql: "([Units] > CAST(@p0 AS bigint))", bindings: ["5"] });
    expect(await where("Amount le 12.50")).toEqual({
      sql: "([Amount] <= CAST(@p0 AS decimal(4, 2)))",
      bindings: ["12.50"],
    });
    // Beyond bigint, as the narrowest decimal that holds it.
    expect(await where("BigUnits eq 123456789012345678901234567890")).toEqual({
      sql: "([BigUnits] = CAST(@p0 AS decimal(30, 0)))",
      bindings: ["123456789012345678901234567890"],
    });
    // No NaN in SQL Server floats, so no NaN guard.
    expect(await where("Rate ge 1.5e0")).toEqual({ sql: "([Rate] >= CAST(@p0 AS float))", bindings: [1.5] });
  });

  it("decides comparisons with infinities without SQL (SQL Server floats hold none)", async () => {
    expect(await where("Rate lt INF")).toEqual({ sql: "([Rate] IS NOT NULL)", bindings: [] });
    expect(await where("Rate gt -INF")).toEqual({ sql: "([Rate] IS NOT NULL)", bindings: [] });
    expect(await where("Rate eq INF")).toEqual({ sql: "(1 = 0)", bindings: [] });
    expect(await where("not (Rate ge INF)")).toEqual({ sql: "(1 = 1)", bindings: [] });
  });

  it("negates a comparison so that a null operand makes the negation true", async () => {
    expect(await where("not (Units gt 5)")).toEqual({
      sql: "(NOT COALESCE(([Units] > CAST(@p0 AS bigint)), (1 = 0)))",
      bindings: ["5"],
    });
  });

  it("compiles in as exact equality with each item, a null item matching null", async () => {
    expect(await where("Status in ('Bid','Closed',null)")).toEqual({
      sql: `(([Status] IN (@p0, @p1) AND (([Status] + N'|') ${BIN2}) IN ((@p2 + N'|'), (@p3 + N'|'))) OR ([Status] IS NULL))`,
      bindings: ["Bid", "Closed", "Bid", "Closed"],
    });
    expect(await where("Units in (1,2)")).toEqual({
      sql: "([Units] IN (CAST(@p0 AS bigint), CAST(@p1 AS bigint)))",
      bindings: ["1", "2"],
    });
  });

  it("combines with and, or and not (not asks the opposite question of each leaf)", async () => {
    expect(
      await where("not (Units eq 1 and (Active eq true or Ref eq 6F9619FF-8B86-D011-B42D-00C04FD430C8))"),
    ).toEqual({
      sql: "(([Units] <> CAST(@p0 AS bigint) OR [Units] IS NULL) OR (([Active] <> @p1 OR [Active] IS NULL) AND ([Ref] <> CAST(@p2 AS uniqueidentifier) OR [Ref] IS NULL)))",
      bindings: ["1", true, "6f9619ff-8b86-d011-b42d-00c04fd430c8"],
    });
  });

  it("folds a comparison of two literals", async () => {
    expect(await where("1 eq 1 or 2 lt 1")).toEqual({ sql: "(1 = 1)", bindings: [] });
  });

  it("compares two text columns exactly, both terminated", async () => {
    expect(await where("Name eq Status")).toEqual({
      sql: `(((([Name] + N'|') ${BIN2}) = (([Status] + N'|') ${BIN2})) OR (([Name] IS NULL) AND ([Status] IS NULL)))`,
      bindings: [],
    });
  });
});

describe("text matching", () => {
  it("matches contains with LIKE in binary collation, every wildcard escaped and the needle bound", async () => {
    expect(await where("contains(Name,'50%25_[x]^!''\\ü😀')")).toEqual({
      sql: `(([Name] IS NOT NULL) AND ([Name] LIKE (@p0 ${BIN2}) ESCAPE '!'))`,
      bindings: ["%50!%!_![x!]!^!!'\\ü😀%"],
    });
  });

  it("matches startswith and endswith the same way; a nvarchar pattern keeps trailing spaces significant", async () => {
    expect((await where("startswith(Name,'A_')")).bindings).toEqual(["A!_%"]);
    expect(await where("endswith(Name,'b ')")).toEqual({
      sql: `(([Name] IS NOT NULL) AND ([Name] LIKE (@p0 ${BIN2}) ESCAPE '!'))`,
      bindings: ["%b "],
    });
    expect(await where("not endswith(Name,'x')")).toEqual({
      sql: `(([Name] IS NOT NULL) AND (NOT ([Name] LIKE (@p0 ${BIN2}) ESCAPE '!')))`,
      bindings: ["%x"],
    });
  });

  it("matches a needle read from the row by code units, the empty needle included", async () => {
    const n = "CAST([Status] AS nvarchar(max))";
    const h = `(CAST([Name] AS nvarchar(max)) ${BIN2})`;
    expect((await where("contains(Name,Status)")).sql).toBe(
      `(([Name] IS NOT NULL) AND ([Status] IS NOT NULL) AND (DATALENGTH(${n}) = 0 OR CHARINDEX(${n}, ${h}) > 0))`,
    );
    expect((await where("startswith(Name,Status)")).sql).toBe(
      `(([Name] IS NOT NULL) AND ([Status] IS NOT NULL) AND (LEFT(${h}, DATALENGTH(${n}) / 2) + N'|' = ${n} + N'|'))`,
    );
    expect((await where("endswith(Name,Status)")).sql).toBe(
      `(([Name] IS NOT NULL) AND ([Status] IS NOT NULL) AND (RIGHT(${h}, DATALENGTH(${n}) / 2) + N'|' = ${n} + N'|'))`,
    );
  });

  it("reads ntext through nvarchar(max)", async () => {
    expect((await where("Notes eq 'x'")).sql).toBe(
      `(CAST([Notes] AS nvarchar(max)) = @p0 AND ((CAST([Notes] AS nvarchar(max)) + N'|') ${BIN2}) = (@p1 + N'|'))`,
    );
  });

  it("never writes a value into the statement text", async () => {
    for (const value of ["' OR 1=1 --", "]; DROP TABLE [Jobs]; --", "@x0", "N'x'", "') OR ('1'='1"]) {
      const literal = value.replace(/'/g, "''");
      for (const filter of [
        `Name eq '${literal}'`,
        `contains(Name,'${literal}')`,
        `Name in ('${literal}','b')`,
      ]) {
        const { sql, bindings } = await where(filter);
        expect(sql).not.toContain(value);
        expect(bindings.length).toBeGreaterThan(0);
      }
      expect((await where(`Name eq '${literal}'`)).bindings).toEqual([value, value]);
    }
  });
});

describe("dates and instants", () => {
  const UPDATED_UTC = "CAST(SWITCHOFFSET([UpdatedAt], '+00:00') AS datetime2(7))";

  it("compares an instant at millisecond resolution as a range, with the parameter as datetimeoffset", async () => {
    expect(await where("UpdatedAt eq 2024-03-01T10:00:00.1239Z")).toEqual({
      sql: "([UpdatedAt] >= CAST(@p0 AS datetimeoffset(7)) AND [UpdatedAt] < CAST(@p1 AS datetimeoffset(7)))",
      bindings: ["2024-03-01T10:00:00.123Z", "2024-03-01T10:00:00.124Z"],
    });
    expect(await where("UpdatedAt gt 2024-03-01T11:00:00+01:00")).toEqual({
      sql: "([UpdatedAt] >= CAST(@p0 AS datetimeoffset(7)))",
      bindings: ["2024-03-01T10:00:00.001Z"],
    });
  });

  it("takes datetime2 and datetime as UTC wall-clock time", async () => {
    expect(await where("LoggedAt le 2024-03-01T10:00:00Z")).toEqual({
      sql: "([LoggedAt] < CAST(@p0 AS datetime2(7)))",
      bindings: ["2024-03-01T10:00:00.001"],
    });
    expect(await where("Legacy lt 2024-03-01T10:00:00Z")).toEqual({
      sql: "([Legacy] < CAST(@p0 AS datetime2(7)))",
      bindings: ["2024-03-01T10:00:00.000"],
    });
  });

  it("decides instants and dates outside the years 1 to 9999 without SQL", async () => {
    expect(await where("UpdatedAt lt 10000-01-01T00:00:00Z")).toEqual({
      sql: "([UpdatedAt] IS NOT NULL)",
      bindings: [],
    });
    expect(await where("UpdatedAt le 9999-12-31T23:59:59.999Z")).toEqual({
      sql: "([UpdatedAt] IS NOT NULL)",
      bindings: [],
    });
    expect(await where("UpdatedAt ge 10000-01-01T00:00:00Z")).toEqual({ sql: "(1 = 0)", bindings: [] });
    expect(await where("StartDate gt 10000-01-01")).toEqual({ sql: "(1 = 0)", bindings: [] });
    expect(await where("StartDate in (10000-01-01,2024-01-31)")).toEqual({
      sql: "([StartDate] IN (CAST(@p0 AS date)))",
      bindings: ["2024-01-31"],
    });
  });

  it("takes year, month and day of an instant at UTC, and of a date as it is", async () => {
    expect(await where("year(UpdatedAt) eq 2024")).toEqual({
      sql: `(DATEPART(YEAR, ${UPDATED_UTC}) = CAST(@p0 AS bigint))`,
      bindings: ["2024"],
    });
    expect((await where("day(StartDate) eq 29")).sql).toBe(
      "(DATEPART(DAY, [StartDate]) = CAST(@p0 AS bigint))",
    );
  });

  it("compares a date with an instant's UTC calendar day, and a date column with an instant by its UTC day", async () => {
    expect(await where("UpdatedAt eq 2024-03-01")).toEqual({
      sql: `(CAST(${UPDATED_UTC} AS date) = CAST(@p0 AS date))`,
      bindings: ["2024-03-01"],
    });
    expect(await where("StartDate eq 2024-03-01T23:30:00-02:00")).toEqual({
      sql: "([StartDate] = CAST(@p0 AS date))",
      bindings: ["2024-03-02"],
    });
  });

  it("compares two instants at the millisecond, truncating the finer column", async () => {
    expect((await where("UpdatedAt lt LoggedAt")).sql).toBe(
      `(DATEADD(nanosecond, -(DATEPART(nanosecond, ${UPDATED_UTC}) % 1000000), ${UPDATED_UTC}) < [LoggedAt])`,
    );
    // datetime keeps 1/300 s ticks: converted, then truncated like a finer column.
    expect((await where("Legacy eq LoggedAt")).sql).toBe(
      "((DATEADD(nanosecond, -(DATEPART(nanosecond, CAST([Legacy] AS datetime2(7))) % 1000000), CAST([Legacy] AS datetime2(7))) = [LoggedAt]) OR (([Legacy] IS NULL) AND ([LoggedAt] IS NULL)))",
    );
  });
});

describe("padded keys and other value conventions (a Sage table)", () => {
  it("matches a padded key by its stored, padded form, exactly", async () => {
    expect(await where("Job eq '23-104'", "Ledger")).toEqual({
      sql: `([Job] = @p0 AND (([Job] + N'|') ${BIN2}) = (@p1 + N'|'))`,
      bindings: ["23-104    ", "23-104    "],
    });
    // A trimmed value never ends with a space, nor is longer than the width.
    expect(await where("Job eq '23-104 ' or Job eq '23-104-77777'", "Ledger")).toEqual({
      sql: "(1 = 0)",
      bindings: [],
    });
    expect(await where("Job in ('A','23-104 ','B')", "Ledger")).toEqual({
      sql: `([Job] IN (@p0, @p1) AND (([Job] + N'|') ${BIN2}) IN ((@p2 + N'|'), (@p3 + N'|')))`,
      bindings: ["A         ", "B         ", "A         ", "B         "],
    });
  });

  it("reads blanks as null, trimmed in binary collation (so only spaces count as blank)", async () => {
    const extra = `NULLIF((RTRIM(CAST([Extra] AS nvarchar(max))) ${BIN2}), '')`;
    expect(await where("Extra eq null", "Ledger")).toEqual({ sql: `(${extra} IS NULL)`, bindings: [] });
    // varchar(10): the stored forms of 'E1' are 'E1' padded with 0 to 8 spaces.
    const forms = Array.from({ length: 9 }, (_, k) => `E1${" ".repeat(k)}`);
    const params = forms.map((_, i) => `@p${i}`).join(", ");
    const terminated = forms.map((_, i) => `(@p${i + 9} + N'|')`).join(", ");
    expect(await where("Extra eq 'E1'", "Ledger")).toEqual({
      sql: `([Extra] IN (${params}) AND (([Extra] + N'|') ${BIN2}) IN (${terminated}))`,
      bindings: [...forms, ...forms],
    });
  });

  it("reads a 0/1 flag as 1/0 (SQL Server has no boolean values), null staying null", async () => {
    expect(await where("Posted eq true", "Ledger")).toEqual({
      sql: "((CASE WHEN [Posted] <> 0 THEN 1 WHEN [Posted] = 0 THEN 0 END) = @p0)",
      bindings: [true],
    });
  });

  it("compares money kept in floats as stored when it is held in cents, else rounded near the constant", async () => {
    expect(await where("Amount gt 100", "Ledger")).toEqual({
      sql: "([Amount] > CAST(@p0 AS bigint))",
      bindings: ["100"],
    });
    const cost = await where("Cost lt 5", "Ledger");
    expect(cost.sql).toBe(
      "(([Cost] < CAST(@p0 AS float)) OR (([Cost] < CAST(@p1 AS float)) AND ((ROUND([Cost] * 1e2, 0) / 1e2) < CAST(@p2 AS bigint))))",
    );
    expect(cost.bindings[2]).toBe("5");
  });
});

describe("ordering and paging", () => {
  it("reads a page with OFFSET/FETCH in the derived table (what allows its ORDER BY), NULLs first ascending and last descending as SQL Server sorts them", async () => {
    const { db, connector } = await connect();
    await scan(
      connector,
      request("Jobs", {
        select: ["JobNumber", "UpdatedAt", "Units"],
        orderBy: [
          { property: "UpdatedAt", direction: "desc" },
          { property: "Units", direction: "asc" },
        ],
        skip: 20,
        top: 10,
      }),
    );
    const u = "CAST(SWITCHOFFSET([UpdatedAt], '+00:00') AS datetime2(7))";
    const order = `DATEADD(nanosecond, -(DATEPART(nanosecond, ${u}) % 1000000), ${u}) DESC, [Units] ASC, (([JobNumber] + N'|') ${BIN2}) ASC`;
    expect(db.statements).toEqual([
      {
        sql: `select [JobNumber] AS c0, (CONVERT(char(19), ${u}, 126) + '.' + RIGHT('00' + CAST(DATEPART(millisecond, ${u}) AS varchar(3)), 3) + 'Z') AS c1, [Units] AS c2 from (SELECT * FROM [dbo].[Jobs] ORDER BY ${order} OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY) AS headgate_page order by ${order}`,
        bindings: [20, 10],
      },
    ]);
  });

  it("starts the first page at OFFSET 0 (FETCH needs an OFFSET) and orders instants kept to the millisecond as stored", async () => {
    const { db, connector } = await connect();
    await scan(
      connector,
      request("Jobs", {
        select: ["JobNumber"],
        orderBy: [{ property: "LoggedAt", direction: "asc" }],
        top: 5,
      }),
    );
    expect(db.statements[0]?.sql).toContain(
      `ORDER BY [LoggedAt] ASC, (([JobNumber] + N'|') ${BIN2}) ASC OFFSET @p0 ROWS FETCH NEXT @p1 ROWS ONLY)`,
    );
    expect(db.statements[0]?.bindings).toEqual([0, 5]);
  });

  it("orders guids by their text, not by SQL Server's byte groups", async () => {
    const { db, connector } = await connect();
    await scan(
      connector,
      request("Jobs", { select: ["JobNumber"], orderBy: [{ property: "Ref", direction: "asc" }], top: 1 }),
    );
    expect(db.statements[0]?.sql).toContain(`ORDER BY (CONVERT(char(36), [Ref]) ${BIN2}) ASC,`);
  });

  it("counts in a statement of its own", async () => {
    const { db, connector } = await connect();
    db.answer([{ c0: 46 }], []);
    const pages = [];
    for await (const page of connector.scan(
      request("Jobs", { count: true, top: 3, filter: parseFilter("Units ge 2") as Expr }),
    ))
      pages.push(page);
    expect(pages[0]?.count).toBe(46);
    expect(db.statements[0]).toEqual({
      sql: "select COUNT(*) AS c0 from [dbo].[Jobs] where ([Units] >= CAST(@p0 AS bigint))",
      bindings: ["2"],
    });
    expect(db.statements[1]?.bindings).toEqual(["2", 0, 3]);
  });

  it("leaves ordering by text to the engine, which sorts by code point", async () => {
    const { db, connector } = await connect();
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "db", connector }]),
      skipTokenSecret: "s",
    });
    const options = parseQueryOptions("$orderby=Name&$select=JobNumber,Name&$filter=Name gt 'b'");
    expect(engine.explain({ entitySet: "Jobs", options }).pushed).not.toHaveProperty("orderBy");
    db.answer([
      { c0: "1", c1: "ｱ" },
      { c0: "2", c1: "😀" },
      { c0: "3", c1: "a" },
      { c0: "4", c1: "b\t" },
      { c0: "5", c1: "b" },
    ]);
    const result = await engine.query({ entitySet: "Jobs", options });
    // By code point 'b' < 'b\t' < U+FF71 < U+1F600; SQL Server's binary order has 'b\t' < 'b' (padding)
    // and U+1F600 < U+FF71 (surrogates), so neither the comparison nor the order could be pushed.
    expect(result.rows.map((r) => r.Name)).toEqual(["b\t", "ｱ", "😀"]);
    // Neither the text comparison nor the order reached SQL Server.
    expect(db.statements.every((s) => !s.sql.includes("[Name] >"))).toBe(true);
  });

  it("rejects a scan that orders by text, since it was not advertised", async () => {
    const { connector } = await connect();
    await expect(
      scan(connector, request("Jobs", { orderBy: [{ property: "Name", direction: "asc" }] })),
    ).rejects.toThrow(/more than it advertised/);
  });
});

describe("rows", () => {
  it("reads tedious's values into the row contract: bit as boolean, bigint text as number, dates and instants as text", async () => {
    const { db, connector } = await connect();
    db.answer([
      {
        c0: "23-100",
        c1: "Pump",
        c2: "Bid",
        c3: "AB    ",
        c4: 12.5,
        c5: 1.2345,
        c6: 7,
        c7: 255,
        c8: "4000000000",
        c9: 0.1,
        c10: 0.10000000149011612,
        c11: true,
        c12: "2024-02-29",
        c13: "2024-03-01T10:00:00.123Z",
        c14: "2024-03-01T10:00:00.120Z",
        c15: "1999-12-31T23:59:59.997Z",
        c16: "13:20:00",
        c17: "6f9619ff-8b86-d011-b42d-00c04fd430c8",
        c18: "long text",
      },
    ]);
    expect(await scan(connector, request("Jobs", { top: 1 }))).toEqual([
      {
        JobNumber: "23-100",
        Name: "Pump",
        Status: "Bid",
        Code: "AB    ",
        Amount: 12.5,
        Price: 1.2345,
        Units: 7,
        Small: 255,
        BigUnits: 4000000000,
        Rate: 0.1,
        Ratio: 0.10000000149011612,
        Active: true,
        StartDate: "2024-02-29",
        UpdatedAt: "2024-03-01T10:00:00.123Z",
        LoggedAt: "2024-03-01T10:00:00.120Z",
        Legacy: "1999-12-31T23:59:59.997Z",
        Opens: "13:20:00",
        Ref: "6f9619ff-8b86-d011-b42d-00c04fd430c8",
        Notes: "long text",
      },
    ]);
    const list = db.statements[0]!.sql.slice(0, db.statements[0]!.sql.indexOf(" from "));
    expect(list).toContain("CONVERT(char(10), [StartDate], 23) AS c12");
    expect(list).toContain(
      "(CONVERT(char(19), [Legacy], 126) + '.' + RIGHT('00' + CAST(DATEPART(millisecond, [Legacy]) AS varchar(3)), 3) + 'Z') AS c15",
    );
    expect(list).toContain(
      "(CASE WHEN DATEPART(nanosecond, [Opens]) = 0 THEN CONVERT(char(8), [Opens], 108) ELSE CAST([Opens] AS varchar(16)) END) AS c16",
    );
    expect(list).toContain("LOWER(CONVERT(char(36), [Ref])) AS c17");
    expect(list).toContain("CAST([Notes] AS nvarchar(max)) AS c18");
  });

  it("reads a padded key trimmed and a flag as a boolean", async () => {
    const { db, connector } = await connect();
    db.answer([{ c0: 1, c1: "23-104", c2: null, c3: 12.34, c4: 0.5, c5: 0 }]);
    expect(await scan(connector, request("Ledger", { top: 1 }))).toEqual([
      { Row_ID: 1, Job: "23-104", Extra: null, Amount: 12.34, Cost: 0.5, Posted: false },
    ]);
    expect(db.statements[0]?.sql).toMatch(
      /^select \[Row_ID\] AS c0, \(RTRIM\(CAST\(\[Job\] AS nvarchar\(max\)\)\) COLLATE Latin1_General_100_BIN2\) AS c1, .* \(CASE WHEN \[Posted\] <> 0 THEN 1 WHEN \[Posted\] = 0 THEN 0 END\) AS c5 from/,
    );
  });
});

describe("aggregation", () => {
  function aggregation(apply: string): ScanAggregation {
    const [step] = parseApply(apply);
    if (step?.kind === "groupby") {
      const [inner] = step.apply;
      return {
        groupBy: step.properties.map((p) => p[0]!),
        aggregates: inner?.kind === "aggregate" ? inner.items : [],
      };
    }
    if (step?.kind === "aggregate") return { groupBy: [], aggregates: step.items };
    throw new Error(`not a pushable aggregation: ${apply}`);
  }

  it("groups by the grouping expressions spelled out (not by position), text exactly, and orders the groups by them", async () => {
    const { db, connector } = await connect();
    await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation("groupby((Status,Active),aggregate($count as n,Units with sum as s))"),
      }),
    );
    const status = `(([Status] + N'|') ${BIN2})`;
    expect(db.statements).toEqual([
      {
        sql: `select MIN([Status]) AS g0, [Active] AS g1, COUNT(*) AS a0, SUM(CAST([Units] AS bigint)) AS a1 from [dbo].[Jobs] group by ${status}, [Active] order by ${status} ASC, [Active] ASC`,
        bindings: [],
      },
    ]);
  });

  it("sums exactly: integers widened, decimals as decimals, doubles listed and added exactly here", async () => {
    const { db, connector } = await connect();
    db.answer([{ a0: "9000000000", a1: 0.3, a2: "1.0000000000000001E-1,2.0000000000000001E-1", a3: null }]);
    const rows = await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation(
          "aggregate(BigUnits with sum as big,Amount with sum as amount,Rate with sum as rate,Ratio with sum as ratio)",
        ),
      }),
    );
    expect(db.statements[0]?.sql).toBe(
      "select SUM(CAST([BigUnits] AS decimal(38, 0))) AS a0, SUM([Amount]) AS a1, STRING_AGG(CAST(CONVERT(varchar(30), CAST([Rate] AS float), 3) AS varchar(max)), ',') AS a2, STRING_AGG(CAST(CONVERT(varchar(30), CAST([Ratio] AS float), 3) AS varchar(max)), ',') AS a3 from [dbo].[Jobs]",
    );
    // 0.1 + 0.2 as the engine adds doubles (the exact sum, rounded once); no values: null.
    expect(rows).toEqual([{ big: 9000000000, amount: 0.3, rate: 0.30000000000000004, ratio: null }]);
  });

  it("averages decimals from the sum of their doubles, as the engine does", async () => {
    const { db, connector } = await connect();
    db.answer([{ a0: "0.10,0.20", a1: "0.1000,0.2000,0.3000", a2: "12", n2: 5 }]);
    const rows = await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation(
          "aggregate(Amount with average as a,Price with average as p,Units with average as u)",
        ),
      }),
    );
    expect(db.statements[0]?.sql).toBe(
      "select STRING_AGG(CAST(CONVERT(varchar(50), CAST([Amount] AS decimal(38, 2))) AS varchar(max)), ',') AS a0, STRING_AGG(CAST(CONVERT(varchar(50), CAST([Price] AS decimal(38, 4))) AS varchar(max)), ',') AS a1, SUM(CAST([Units] AS bigint)) AS a2, COUNT([Units]) AS n2 from [dbo].[Jobs]",
    );
    expect(rows).toEqual([{ a: 0.15000000000000002, p: 0.19999999999999998, u: 2.4 }]);
  });

  it("takes min and max of text by code point: SQL Server's extreme of the text it orders exactly, and the rest listed", async () => {
    const { db, connector } = await connect();
    db.answer([{ a0: "Zebra", o0: '["😀 site","\\u0000nul"]', a1: "Apple", o1: null }]);
    const rows = await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation("aggregate(Name with max as last,Name with min as first)"),
      }),
    );
    const outside = `([Name] LIKE (N'%[^' + NCHAR(2) + N'-' + NCHAR(55295) + N']%' ${BIN2}))`;
    const ordered = `MAX(CASE WHEN NOT ${outside} THEN ([Name] + NCHAR(1)) ${BIN2} END)`;
    expect(
      db.statements[0]?.sql.startsWith(
        `select LEFT(${ordered}, LEN(${ordered}) - 1) AS a0, (N'[' + STRING_AGG(CASE WHEN ${outside} THEN N'"' + STRING_ESCAPE([Name], 'json') + N'"' END, N',') + N']') AS o0, `,
      ),
    ).toBe(true);
    expect(rows).toEqual([{ last: "😀 site", first: "Apple" }]);
  });

  it("takes min and max of booleans, guids and instants in the engine's order and form", async () => {
    const { db, connector } = await connect();
    db.answer([{ a0: 1, a1: "00000000-0000-0000-0000-00000000000a", a2: "2024-03-01T10:00:00.123Z" }]);
    const rows = await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation("aggregate(Active with max as a,Ref with min as r,UpdatedAt with max as u)"),
      }),
    );
    const u = "CAST(SWITCHOFFSET(MAX([UpdatedAt]), '+00:00') AS datetime2(7))";
    expect(db.statements[0]?.sql).toBe(
      `select MAX(CAST([Active] AS tinyint)) AS a0, LOWER(MIN(CONVERT(char(36), [Ref]) ${BIN2})) AS a1, (CONVERT(char(19), ${u}, 126) + '.' + RIGHT('00' + CAST(DATEPART(millisecond, ${u}) AS varchar(3)), 3) + 'Z') AS a2 from [dbo].[Jobs]`,
    );
    expect(rows).toEqual([
      { a: true, r: "00000000-0000-0000-0000-00000000000a", u: "2024-03-01T10:00:00.123Z" },
    ]);
  });

  it("counts distinct text exactly and distinct instants to the millisecond", async () => {
    const { db, connector } = await connect();
    await scan(
      connector,
      request("Jobs", {
        aggregation: aggregation("aggregate(Name with countdistinct as n,UpdatedAt with countdistinct as u)"),
      }),
    );
    const u = "CAST(SWITCHOFFSET([UpdatedAt], '+00:00') AS datetime2(7))";
    expect(db.statements[0]?.sql).toBe(
      `select COUNT(DISTINCT (([Name] + N'|') ${BIN2})) AS a0, COUNT(DISTINCT DATEADD(nanosecond, -(DATEPART(nanosecond, ${u}) % 1000000), ${u})) AS a1 from [dbo].[Jobs]`,
    );
  });

  it("sums money kept in floats as whole cents, and groups padded keys by their trimmed value", async () => {
    const { db, connector } = await connect();
    db.answer([{ g0: "23-104", a0: 1234567, o0: 0, f0: 12345.67 }]);
    const rows = await scan(
      connector,
      request("Ledger", { aggregation: aggregation("groupby((Job),aggregate(Amount with sum as total))") }),
    );
    const job = `(RTRIM(CAST([Job] AS nvarchar(max))) ${BIN2})`;
    expect(db.statements[0]?.sql).toBe(
      `select MIN(${job}) AS g0, SUM(CASE WHEN (abs(([Amount] * 1e2)) < 1e15) THEN CAST(ROUND(([Amount] * 1e2), 0) AS bigint) END) AS a0, SUM(CASE WHEN [Amount] IS NOT NULL AND NOT (abs(([Amount] * 1e2)) < 1e15) THEN 1 ELSE 0 END) AS o0, SUM([Amount]) AS f0 from [dbo].[JCT_CURRENT__TRANSACTION] group by ((${job} + N'|') ${BIN2}) order by ((${job} + N'|') ${BIN2}) ASC`,
    );
    expect(rows).toEqual([{ Job: "23-104", total: 12345.67 }]);
  });
});

describe("exact sums of doubles", () => {
  it.each([
    [[0.1, 0.2], 0.30000000000000004],
    [Array.from({ length: 10 }, () => 0.1), 1],
    [[1e300, 1, -1e300], 1],
    [[2 ** -1074, 2 ** -1074], 2 ** -1073],
    [[2 ** 53, 1], 2 ** 53],
    [[2 ** 53, 1, 1], 2 ** 53 + 2],
    [[Number.MAX_VALUE, Number.MAX_VALUE], Number.POSITIVE_INFINITY],
    [[-0.5, -0.25], -0.75],
    [[], 0],
  ])("adds %j as %d", (values, sum) => {
    expect(exactSum(values)).toBe(sum);
  });
});

describe("failures", () => {
  const requestError = (number: number) =>
    Object.assign(new RequestError("the server's own words", "EREQUEST"), { number });

  it.each([
    [208, "missing-object"],
    [207, "missing-object"],
    [229, "permission"],
    [18456, "credentials"],
    [18486, "credentials"],
    [1205, "busy"],
    [1222, "busy"],
    [8115, "invalid-data"],
    [242, "invalid-data"],
    [245, "invalid-data"],
    [3906, "read-only"],
    [701, "resources"],
    [4060, "missing-database"],
    [911, "missing-database"],
    [17809, "no-connection-slots"],
    [40613, "connection"],
    [102, "unknown"],
  ])("classifies server error %i as %s, showing the number only", (number, kind) => {
    expect(mssqlDialect.classifyFailure(requestError(number))).toEqual({ kind, code: String(number) });
  });

  it("tells a missing database from refused credentials in a failed login, which tedious reports without a number", () => {
    const login = (message: string) => mssqlDialect.classifyFailure(new ConnectionError(message, "ELOGIN"));
    expect(login(`Cannot open database "Sage" requested by the login. The login failed.`)).toEqual({
      kind: "missing-database",
      code: "ELOGIN",
    });
    expect(login("Login failed for user 'reader'.")).toEqual({ kind: "credentials", code: "ELOGIN" });
  });

  it("tells an unknown host, a refused port and a rejected certificate apart by the socket error underneath", () => {
    const socket = (code: string) =>
      mssqlDialect.classifyFailure(
        new ConnectionError(`Failed to connect to db:1433 - ${code}`, "ESOCKET", {
          cause: Object.assign(new Error(code), { code }),
        }),
      );
    expect(socket("ENOTFOUND").kind).toBe("unknown-host");
    expect(socket("ECONNREFUSED").kind).toBe("unreachable");
    expect(socket("DEPTH_ZERO_SELF_SIGNED_CERT").kind).toBe("tls");
    expect(
      mssqlDialect.classifyFailure(new ConnectionError("Server requires encryption", "EENCRYPT")).kind,
    ).toBe("tls");
  });

  it("classifies the first numbered error of several", () => {
    const both = new AggregateError([requestError(207), requestError(208)]);
    expect(mssqlDialect.classifyFailure(both)).toEqual({ kind: "missing-object", code: "207" });
  });

  it("classifies tedious's own failures by code", () => {
    expect(mssqlDialect.classifyFailure(new ConnectionError("Failed to connect", "ESOCKET"))).toEqual({
      kind: "unreachable",
      code: "ESOCKET",
    });
    expect(
      mssqlDialect.classifyFailure(new ConnectionError("Failed to connect in 15000ms", "ETIMEOUT")),
    ).toEqual({
      kind: "unreachable",
      code: "ETIMEOUT",
    });
    expect(mssqlDialect.classifyFailure(new ConnectionError("Login failed.", "ELOGIN"))).toEqual({
      kind: "credentials",
      code: "ELOGIN",
    });
    expect(
      mssqlDialect.classifyFailure(new ConnectionError("Connection lost - read ECONNRESET", "ESOCKET")),
    ).toEqual({
      kind: "connection",
      code: "ESOCKET",
    });
    // A request past tedious's requestTimeout, or cancelled: reported as a timeout by the runner.
    expect(
      mssqlDialect.classifyFailure(new RequestError("Timeout: Request failed to complete", "ETIMEOUT")),
    ).toEqual({
      kind: "unknown",
      code: "ETIMEOUT",
      cancelled: true,
    });
    expect(mssqlDialect.classifyFailure(new RequestError("Canceled.", "ECANCEL"))).toMatchObject({
      cancelled: true,
    });
    expect(mssqlDialect.classifyFailure(new Error("something else"))).toEqual({ kind: "unknown" });
  });

  it("reports a vanished table as UpstreamError with the error number and none of the server's words", async () => {
    const { db, connector } = await connect();
    db.fail(Object.assign(new RequestError("Invalid object name 'dbo.Jobs'.", "EREQUEST"), { number: 208 }));
    const error = await scan(connector, request("Jobs", { top: 1 })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ODataError);
    expect((error as ODataError).message).toBe(
      "Entity set 'Jobs' could not be read: a table or column this connection exposes no longer exists in the database; an administrator should refresh the connection's schema (database code 208).",
    );
    expect(JSON.stringify((error as ODataError).toJSON())).not.toMatch(/Invalid object|dbo/);
  });
});

describe("cancellation and time limits", () => {
  it("cancels the running statement on its own connection when the scan is aborted", async () => {
    const { db, connector } = await connect();
    db.hang();
    const controller = new AbortController();
    const scanning = scan(connector, { ...request("Jobs", { top: 1 }), signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error("client went away"));
    await expect(scanning).rejects.toThrow("client went away");
    expect(db.connection.cancels).toBe(1);
  });

  it("cancels a statement at the time limit and answers QueryTimeout (knex cannot cancel on SQL Server, the runner does)", async () => {
    const db = fakeSqlServer({ tables: [JOBS] });
    open = db;
    const connector = createSqlConnector({ knex: db.knex, dialect: "mssql", timeoutMs: 30 });
    await connector.describe();
    db.hang();
    const error = await scan(connector, request("Jobs", { top: 1 })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "QueryTimeout", status: 504 });
    expect(db.connection.cancels).toBe(1);
  });
});

describe("write access", () => {
  it("asks HAS_PERMS_BY_NAME for INSERT, UPDATE and DELETE on each exposed table", async () => {
    const { db, connector } = await connect();
    expect(await connector.checkWriteAccess()).toEqual({
      canWrite: true,
      writableEntitySets: ["Recent"],
      summary:
        "Database user 'headgate_reader' may change 1 of 3 exposed tables (Recent). Headgate only reads, but a read-only user is safer: grant it SELECT only (db_datareader).",
    });
    expect(db.statements[0]).toEqual({
      sql: "select CASE WHEN HAS_PERMS_BY_NAME(@p0, 'OBJECT', 'INSERT') = 1 OR HAS_PERMS_BY_NAME(@p1, 'OBJECT', 'UPDATE') = 1 OR HAS_PERMS_BY_NAME(@p2, 'OBJECT', 'DELETE') = 1 THEN 1 ELSE 0 END AS writable",
      bindings: ["[dbo].[Jobs]", "[dbo].[Jobs]", "[dbo].[Jobs]"],
    });
    expect(db.statements.at(-1)?.sql).toBe(
      "select USER_NAME() AS db_user, CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS nvarchar(128)) AS updateability, IS_SRVROLEMEMBER('sysadmin') AS sysadmin, IS_MEMBER('db_owner') AS db_owner",
    );
  });

  it.each([
    ["sysadmin", "a member of the sysadmin server role"],
    ["db_owner", "a member of the db_owner database role"],
  ] as const)("says a %s member could write any table, whatever is granted", async (privileged, role) => {
    const db = fakeSqlServer({ tables: [JOBS], privileged });
    open = db;
    const connector = createSqlConnector({ knex: db.knex, dialect: "mssql" });
    expect(await connector.checkWriteAccess()).toEqual({
      canWrite: true,
      writableEntitySets: [],
      summary: `Database user 'headgate_reader' is ${role}: it may change any table, the exposed ones included, whatever is granted. Headgate only reads, but a read-only user is safer: grant it SELECT only (db_datareader).`,
    });
  });

  it("says a read-only database cannot be changed, whatever the grants", async () => {
    const db = fakeSqlServer({ tables: [JOBS], writable: ["[dbo].[Jobs]"], readOnlyDatabase: true });
    open = db;
    const connector = createSqlConnector({ knex: db.knex, dialect: "mssql" });
    expect(await connector.checkWriteAccess()).toEqual({
      canWrite: false,
      writableEntitySets: [],
      summary:
        "The database is read-only (or a read-only replica); 'headgate_reader' cannot change data through this connection.",
    });
  });
});

describe("the connection", () => {
  it("needs a knex client of SQL Server", async () => {
    const db = fakeSqlServer({ tables: [] });
    open = db;
    expect(() => createSqlConnector({ knex: db.knex, dialect: "postgres" })).toThrow(
      /knex client is 'mssql'/,
    );
  });

  it("exposes entity sets the engine accepts", async () => {
    const { connector } = await connect();
    const definitions: readonly EntitySetDef[] = await connector.describe();
    expect(definitions.map((d) => d.name)).toEqual(["Jobs", "Ledger", "Recent"]);
    await expect(Catalog.build([{ name: "db", connector }])).resolves.toBeDefined();
  });
});
