/**
 * The SQL a filter becomes, per dialect: two-valued predicates (so `not` and `ne` keep the
 * engine's meaning for nulls), code point order for text, case-sensitive pattern matching with
 * escaped wildcards, and every value a bound parameter.
 */
import type { EdmPrimitiveType } from "@headgate/model";
import { type Expr, ODataError, parseFilter } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileSqlFilter } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
import { mssqlDialect } from "./dialects/mssql.ts";
import { postgresDialect } from "./dialects/postgres.ts";
import { sqliteDialect } from "./dialects/sqlite.ts";
import { quotedIdentifier } from "./sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "./table-model.ts";

function table(dialect: SqlDialect): TableModel {
  const column = (property: string, type: EdmPrimitiveType, storage: Storage): ColumnModel => {
    const identifier = quotedIdentifier(dialect.quote(property)!);
    return { property, column: property, type, storage, identifier, expression: identifier };
  };
  const columns = [
    column("Name", "Edm.String", "text"),
    column("Units", "Edm.Int32", "int"),
    column("Rate", "Edm.Double", "double"),
    column("StartDate", "Edm.Date", "date"),
    column("UpdatedAt", "Edm.DateTimeOffset", dialect.name === "postgres" ? "timestamptz" : "timestamp"),
  ];
  return {
    entitySet: { name: "Jobs", entityType: { name: "Job", key: ["Name"], properties: [], navigation: [] } },
    schema: undefined,
    table: "jobs",
    members: ["jobs"],
    kind: "table",
    from: quotedIdentifier(dialect.quote("jobs")!),
    columns: new Map(columns.map((c) => [c.property, c])),
    key: [columns[0]!],
    searchColumns: [columns[0]!],
  };
}

const compile = (dialect: SqlDialect, filter: string) =>
  compileSqlFilter(parseFilter(filter) as Expr, { table: table(dialect), dialect });

describe("Postgres", () => {
  const pg = (filter: string) => compile(postgresDialect, filter);

  it("compiles ne so that null rows match, as `x <> ? OR x IS NULL`", () => {
    expect(pg("Name ne 'Bid'")).toEqual({
      sql: `("Name" <> CAST(? AS text) OR "Name" IS NULL)`,
      bindings: ["Bid"],
    });
  });

  it("compiles eq null to IS NULL", () => {
    expect(pg("Name eq null")).toEqual({ sql: `("Name" IS NULL)`, bindings: [] });
  });

  it("negates a comparison so that a null operand makes the negation true", () => {
    expect(pg("not (Units gt 5)")).toEqual({
      sql: `(NOT COALESCE(("Units" > CAST(? AS bigint)), (1 = 0)))`,
      bindings: ["5"],
    });
  });

  it("keeps NaN out of greater-than comparisons on doubles", () => {
    expect(pg("Rate ge 1.5").sql).toBe(`(("Rate" >= CAST(? AS numeric)) AND ("Rate" <> 'NaN'))`);
  });

  it("orders text by code point", () => {
    expect(pg("Name lt 'b'").sql).toBe(`(("Name" COLLATE "C") < CAST(? AS text))`);
  });

  it("matches contains case-sensitively with LIKE, its wildcards escaped", () => {
    expect(pg("contains(Name,'50%25_off!')")).toEqual({
      sql: `(("Name" IS NOT NULL) AND ("Name" LIKE ? ESCAPE '!'))`,
      bindings: ["%50!%!_off!!%"],
    });
  });

  it("compares instants at millisecond resolution as a range", () => {
    expect(pg("UpdatedAt eq 2024-03-01T10:00:00Z")).toEqual({
      sql: `("UpdatedAt" >= CAST(? AS timestamp with time zone) AND "UpdatedAt" < CAST(? AS timestamp with time zone))`,
      bindings: ["2024-03-01T10:00:00.000Z", "2024-03-01T10:00:00.001Z"],
    });
  });

  it("folds a comparison of two literals", () => {
    expect(pg("1 eq 1 or 2 lt 1")).toEqual({ sql: "(1 = 1)", bindings: [] });
  });
});

describe("SQLite", () => {
  const lite = (filter: string) => compile(sqliteDialect, filter);

  it("compares text in binary collation whatever the column declares", () => {
    expect(lite("Name eq 'x'")).toEqual({ sql: "((`Name` COLLATE BINARY) = ?)", bindings: ["x"] });
  });

  it("matches startswith case-sensitively with GLOB, its wildcards escaped", () => {
    expect(lite("startswith(Name,'[a]*?')")).toEqual({
      sql: "((`Name` IS NOT NULL) AND (`Name` GLOB ?))",
      bindings: ["[[]a][*][?]*"],
    });
  });

  it("lower-cases with JavaScript's own case mapping", () => {
    expect(lite("tolower(Name) eq 'straße'").sql).toBe("((headgate_lower(`Name`) COLLATE BINARY) = ?)");
  });

  it("reads instants through strftime, at millisecond resolution", () => {
    expect(lite("UpdatedAt lt 2024-03-01T10:00:00+01:00")).toEqual({
      sql: "(strftime('%Y-%m-%dT%H:%M:%fZ', `UpdatedAt`) < ?)",
      bindings: ["2024-03-01T09:00:00.000Z"],
    });
  });

  it("takes year() from the stored date text", () => {
    expect(lite("year(StartDate) eq 2024")).toEqual({
      sql: "(CAST(substr(`StartDate`, 1, 4) AS INTEGER) = ?)",
      bindings: [2024],
    });
  });
});

describe("long filters", () => {
  /** How deeply the SQL nests parentheses. */
  const parenthesisDepth = (text: string) => {
    let depth = 0;
    let deepest = 0;
    for (const c of text) {
      if (c === "(") deepest = Math.max(deepest, ++depth);
      if (c === ")") depth--;
    }
    return deepest;
  };
  const chain = (n: number, connective: string) =>
    Array.from({ length: n }, (_, i) => `Units ne ${i}`).join(` ${connective} `);

  it("join an and-chain as one list, grouped so the SQL stays shallow, its values in order", () => {
    const compiled = compile(sqliteDialect, chain(1000, "and"));
    expect(compiled.bindings).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(compiled.sql.match(/ AND /g)).toHaveLength(999);
    // 1,000 terms: groups of groups of groups, each at most 16 terms side by side.
    expect(parenthesisDepth(compiled.sql)).toBeLessThanOrEqual(5);
  });

  it("join a chain however it is grouped, and keep a short one side by side", () => {
    const ne = `("Units" <> CAST(? AS bigint) OR "Units" IS NULL)`;
    const grouped = compile(postgresDialect, "(Units ne 0 or Units ne 1) or (Units ne 2 or Units ne 3)");
    expect(grouped).toEqual({ sql: `(${[ne, ne, ne, ne].join(" OR ")})`, bindings: ["0", "1", "2", "3"] });
  });

  it("refuse a filter that needs more bound values than the database accepts, naming that limit", () => {
    const values = Array.from({ length: 3000 }, (_, i) => i).join(",");
    let error: unknown;
    try {
      compile(mssqlDialect, `Units in (${values})`);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ODataError);
    expect(error).toMatchObject({ code: "QueryLimitExceeded", status: 400, target: "$filter" });
    expect((error as ODataError).message).toContain("3,000 values in one database statement");
    expect(() => compile(sqliteDialect, `Units in (${values})`)).not.toThrow();
  });
});
