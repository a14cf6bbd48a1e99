import { describe, expect, it } from "vitest";
import type { Attributes, Field, FieldType } from "../model.ts";
import { compileWhere } from "./compile-where.ts";
import { WhereSemanticError, WhereSyntaxError } from "./where-errors.ts";

const field = (name: string, type: FieldType): Field => ({
  name,
  type,
  alias: name,
  nullable: true,
  editable: true,
  domain: null,
});
const FIELDS = [
  field("OBJECTID", "esriFieldTypeOID"),
  field("NAME", "esriFieldTypeString"),
  field("STATUS", "esriFieldTypeString"),
  field("VALUE", "esriFieldTypeDouble"),
  field("CONDITION", "esriFieldTypeSmallInteger"),
  field("INSPECTED", "esriFieldTypeDate"),
];
const ROWS: Attributes[] = [
  {
    OBJECTID: 1,
    NAME: "O'Brien Hall",
    STATUS: "IP",
    VALUE: 100.5,
    CONDITION: 1,
    INSPECTED: Date.UTC(2024, 0, 15),
  },
  {
    OBJECTID: 2,
    NAME: "Cedar 50% Lot",
    STATUS: "CL",
    VALUE: 2500,
    CONDITION: 3,
    INSPECTED: Date.UTC(2024, 5, 1, 12, 30),
  },
  { OBJECTID: 3, NAME: "cedar_park", STATUS: "IP", VALUE: null, CONDITION: null, INSPECTED: null },
  {
    OBJECTID: 4,
    NAME: null,
    STATUS: "HD",
    VALUE: -20,
    CONDITION: 5,
    INSPECTED: Date.UTC(2025, 11, 31, 23, 59, 59),
  },
];
const NOW = Date.UTC(2025, 0, 10, 15, 0, 0);

/** The OBJECTIDs `where` selects from ROWS. */
function select(where: string): number[] {
  const predicate = compileWhere(where, FIELDS, () => NOW);
  return ROWS.filter(predicate).map((row) => row.OBJECTID as number);
}

describe("where clauses: comparisons and literals", () => {
  it("treats 1=1 as all rows and 1=0 as none", () => {
    expect(select("1=1")).toEqual([1, 2, 3, 4]);
    expect(select("1 = 0")).toEqual([]);
  });

  it("compares numbers, strings (case-sensitive) and doubled quotes", () => {
    expect(select("VALUE > 100")).toEqual([1, 2]);
    expect(select("VALUE <> 2500")).toEqual([1, 4]);
    expect(select("VALUE != 2500")).toEqual([1, 4]);
    expect(select("STATUS = 'IP'")).toEqual([1, 3]);
    expect(select("STATUS = 'ip'")).toEqual([]);
    expect(select("NAME = 'O''Brien Hall'")).toEqual([1]);
    expect(select("VALUE >= -20 AND VALUE < 1e3")).toEqual([1, 4]);
  });

  it("resolves field names case-insensitively, and double-quoted", () => {
    expect(select("status = 'HD' OR \"Condition\" = 1")).toEqual([1, 4]);
  });

  it("reads DATE and TIMESTAMP literals as UTC instants", () => {
    expect(select("INSPECTED >= DATE '2024-06-01'")).toEqual([2, 4]);
    expect(select("INSPECTED > TIMESTAMP '2024-06-01 12:30:00'")).toEqual([4]);
    expect(select("INSPECTED = TIMESTAMP '2024-06-01 12:30:00'")).toEqual([2]);
    expect(select("INSPECTED BETWEEN DATE '2024-01-01' AND DATE '2024-12-31'")).toEqual([1, 2]);
  });

  it("supports CURRENT_DATE, INTERVAL arithmetic and EXTRACT", () => {
    expect(select("INSPECTED > CURRENT_DATE")).toEqual([4]);
    expect(select("INSPECTED >= CURRENT_TIMESTAMP - INTERVAL '300' DAY")).toEqual([2, 4]);
    expect(select("EXTRACT(YEAR FROM INSPECTED) = 2024")).toEqual([1, 2]);
    expect(select("EXTRACT(MONTH FROM INSPECTED) = 12")).toEqual([4]);
  });
});

describe("where clauses: predicates", () => {
  it("matches LIKE with % and _, and honours ESCAPE", () => {
    expect(select("NAME LIKE 'Cedar%'")).toEqual([2]);
    expect(select("NAME LIKE '_edar%'")).toEqual([2, 3]);
    expect(select("NAME LIKE '%!%%' ESCAPE '!'")).toEqual([2]);
    expect(select("NAME LIKE '%\\_%' ESCAPE '\\'")).toEqual([3]);
    expect(select("NAME NOT LIKE 'Cedar%'")).toEqual([1, 3]);
  });

  it("supports IN and NOT IN, including numbers", () => {
    expect(select("STATUS IN ('CL', 'HD')")).toEqual([2, 4]);
    expect(select("STATUS NOT IN ('CL', 'HD')")).toEqual([1, 3]);
    expect(select("OBJECTID IN (1, 3)")).toEqual([1, 3]);
  });

  it("supports BETWEEN and NOT BETWEEN inclusively", () => {
    expect(select("CONDITION BETWEEN 1 AND 3")).toEqual([1, 2]);
    expect(select("CONDITION NOT BETWEEN 2 AND 5")).toEqual([1]);
  });

  it("uses three-valued logic: NULL compares as unknown, even under NOT", () => {
    expect(select("CONDITION IS NULL")).toEqual([3]);
    expect(select("NAME IS NOT NULL")).toEqual([1, 2, 3]);
    expect(select("NOT CONDITION > 2")).toEqual([1]);
    expect(select("CONDITION = NULL")).toEqual([]);
    expect(select("CONDITION NOT IN (1, NULL)")).toEqual([]);
    expect(select("CONDITION IN (1, NULL)")).toEqual([1]);
    expect(select("CONDITION > 2 OR VALUE IS NULL")).toEqual([2, 3, 4]);
  });

  it("binds AND tighter than OR, and parentheses override it", () => {
    expect(select("STATUS = 'HD' OR STATUS = 'IP' AND VALUE > 100")).toEqual([1, 4]);
    expect(select("(STATUS = 'HD' OR STATUS = 'IP') AND VALUE > 0")).toEqual([1]);
    expect(select("NOT (STATUS = 'IP') AND VALUE > 0")).toEqual([2]);
  });

  it("evaluates functions and arithmetic", () => {
    expect(select("UPPER(NAME) LIKE 'CEDAR%'")).toEqual([2, 3]);
    expect(select("LOWER(STATUS) = 'hd'")).toEqual([4]);
    expect(select("CHAR_LENGTH(NAME) = 10")).toEqual([3]);
    expect(select("VALUE * 2 + 1 > 202")).toEqual([2]);
    expect(select("ABS(VALUE) = 20 AND -VALUE = 20")).toEqual([4]);
    expect(select("SUBSTRING(NAME FROM 1 FOR 5) = 'Cedar'")).toEqual([2]);
    expect(select("POSITION('Hall' IN NAME) = 9")).toEqual([1]);
    expect(select("CAST(VALUE AS INTEGER) = 100")).toEqual([1]);
  });
});

describe("where clauses: what the server refuses", () => {
  const refuse = (where: string, error: typeof WhereSyntaxError | typeof WhereSemanticError) =>
    expect(() => compileWhere(where, FIELDS), where).toThrow(error);

  it("refuses malformed SQL", () => {
    for (const where of [
      "",
      "STATUS =",
      "STATUS = 'IP",
      "(STATUS = 'IP'",
      "STATUS = 'IP')",
      "STATUS == 'IP'",
      "STATUS IN ()",
      "STATUS NOT 'IP'",
      "VALUE BETWEEN 1",
      "INSPECTED > DATE '2024-13-01'",
      "INSPECTED > DATE '2024-02-30'",
      "INSPECTED > TIMESTAMP '2024-01-01'",
      "NAME LIKE 'a' ESCAPE 'ab'",
      "STATUS = 'IP'; DROP TABLE x",
      "AND = 1",
    ])
      refuse(where, WhereSyntaxError);
  });

  it("refuses unknown fields, unknown functions and mismatched types", () => {
    for (const where of [
      "NOPE = 1",
      "STATUS = 1",
      "VALUE = '100'",
      "INSPECTED > '2024-01-01'",
      "INSPECTED > 1700000000000",
      "VALUE",
      "VALUE AND STATUS = 'IP'",
      "SOUNDEX(NAME) = 'x'",
      "UPPER(VALUE) = 'x'",
      "VALUE LIKE '1%'",
      "(VALUE > 1) = (VALUE > 2)",
    ])
      refuse(where, WhereSemanticError);
  });
});
