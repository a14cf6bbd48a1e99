/**
 * The SQL a filter becomes, per dialect: two-valued predicates (so `not` and `ne` keep the
 * engine's meaning for nulls), code point order for text, case-sensitive pattern matching with
 * escaped wildcards, and every value a bound parameter.
 */
import type { EdmPrimitiveType } from "@headgate/model";
import { type Expr, parseFilter } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileSqlFilter } from "./compile-filter.ts";
import type { SqlDialect } from "./dialects/dialect.ts";
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
