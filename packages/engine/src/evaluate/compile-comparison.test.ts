import type { EdmPrimitiveType } from "@headgate/model";
import type { Expr } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import {
  date,
  dbl,
  dec,
  dto,
  dur,
  enm,
  eq,
  ge,
  gt,
  guid,
  has,
  int,
  isIn,
  le,
  list,
  lt,
  ne,
  nul,
  prop,
  str,
  time,
} from "./test-ast.ts";
import type { Row } from "./types.ts";

const typed = (type: EdmPrimitiveType) => ({ propertyType: () => type });
const test = (expr: Expr, row: Row, type?: EdmPrimitiveType) =>
  compileFilter(expr, type === undefined ? {} : typed(type))(row);
const value = (expr: Expr, row: Row = {}) => compileExpression(expr)(row);

describe("numbers compare numerically, with numeric promotion", () => {
  it.each([
    [eq(prop("X"), int(5)), { X: 5 }, true],
    [eq(prop("X"), dec("5.0")), { X: 5 }, true],
    [ne(prop("X"), int(5)), { X: 6 }, true],
    [gt(prop("X"), dbl(2.5)), { X: 3 }, true],
    [ge(prop("X"), int(3)), { X: 3 }, true],
    [lt(prop("X"), int(3)), { X: 3 }, false],
    [le(prop("X"), int(3)), { X: -3 }, true],
    [gt(int(10), prop("X")), { X: 3 }, true],
    [le(int(10), prop("X")), { X: 3 }, false],
  ] as const)("%#", (expr, row, expected) => {
    expect(test(expr, row)).toBe(expected);
  });
  it("NaN equals nothing, not even NaN; INF equals itself", () => {
    expect(test(eq(prop("X"), dbl(Number.NaN)), { X: Number.NaN })).toBe(false);
    expect(test(ne(prop("X"), dbl(Number.NaN)), { X: Number.NaN })).toBe(true);
    expect(test(eq(prop("X"), dbl(Number.POSITIVE_INFINITY)), { X: Number.POSITIVE_INFINITY })).toBe(true);
    expect(test(gt(prop("X"), int(1e9)), { X: Number.POSITIVE_INFINITY })).toBe(true);
  });
  it("a string is not a number: comparisons across types are false", () => {
    expect(test(eq(prop("X"), int(5)), { X: "5" })).toBe(false);
    expect(test(gt(prop("X"), int(5)), { X: "9" })).toBe(false);
  });
  it("two properties compare in their common domain", () => {
    expect(test(gt(prop("A"), prop("B")), { A: 10, B: 9 })).toBe(true);
    expect(test(eq(prop("A"), prop("B")), { A: null, B: null })).toBe(true);
    expect(test(ge(prop("A"), prop("B")), { A: null, B: null })).toBe(false);
    expect(test(ne(prop("A"), prop("B")), { A: 1, B: null })).toBe(true);
  });
});

describe("strings compare by code point, case-sensitively", () => {
  it("is case-sensitive", () => {
    expect(test(eq(prop("S"), str("Pump")), { S: "pump" })).toBe(false);
    expect(test(lt(prop("S"), str("a")), { S: "Z" })).toBe(true);
  });
  it("orders a prefix first", () => {
    expect(test(lt(prop("S"), str("abc")), { S: "ab" })).toBe(true);
  });
  it("orders astral characters after U+E000–U+FFFF (code points, not UTF-16 units)", () => {
    // U+FF5E (fullwidth tilde) < U+1F600 (grinning face) by code point; UTF-16 units say the opposite.
    expect(test(lt(prop("S"), str("\u{1F600}")), { S: "\uFF5E" })).toBe(true);
    expect(test(gt(prop("S"), str("\uFF5E")), { S: "\u{1F600}" })).toBe(true);
  });
  it("ordering with a null string is false", () => {
    expect(test(lt(prop("S"), str("a")), { S: null })).toBe(false);
  });
});

describe("booleans: false < true", () => {
  it("orders false before true", () => {
    expect(test(lt(prop("B"), prop("C")), { B: false, C: true }, "Edm.Boolean")).toBe(true);
    expect(value(gt(prop("B"), prop("C")), { B: true, C: false })).toBe(true);
  });
});

describe("DateTimeOffset values compare as instants", () => {
  const literal = dto("2024-03-01T00:00:00Z");
  it("canonical UTC strings compare on the fast path", () => {
    expect(test(ge(prop("T"), literal), { T: "2024-03-01T00:00:00.000Z" })).toBe(true);
    expect(test(ge(prop("T"), literal), { T: "2024-02-29T23:59:59.999Z" })).toBe(false);
    expect(test(eq(prop("T"), literal), { T: "2024-03-01T00:00:00.000Z" })).toBe(true);
  });
  it("values in other offsets compare by the instant they denote", () => {
    expect(test(eq(prop("T"), literal), { T: "2024-03-01T01:00:00+01:00" })).toBe(true);
    expect(test(lt(prop("T"), literal), { T: "2024-03-01T00:30:00+01:00" })).toBe(true);
    expect(test(gt(prop("T"), dto("2024-03-01T00:30:00+01:00")), { T: "2024-02-29T23:45:00.000Z" })).toBe(
      true,
    );
  });
  it("epoch numbers and Date objects are instants too", () => {
    expect(test(eq(prop("T"), literal), { T: Date.UTC(2024, 2, 1) }, "Edm.DateTimeOffset")).toBe(true);
    expect(test(eq(prop("T"), literal), { T: new Date(Date.UTC(2024, 2, 1)) }, "Edm.DateTimeOffset")).toBe(
      true,
    );
  });
  it("malformed values compare false (and ne true)", () => {
    expect(test(ge(prop("T"), literal), { T: "not a date" }, "Edm.DateTimeOffset")).toBe(false);
    expect(test(ne(prop("T"), literal), { T: "not a date" }, "Edm.DateTimeOffset")).toBe(true);
  });
  it("two properties with different offsets compare as instants", () => {
    const row = { A: "2024-01-01T10:00:00+02:00", B: "2024-01-01T09:00:00Z" };
    expect(test(lt(prop("A"), prop("B")), row, "Edm.DateTimeOffset")).toBe(true);
    expect(test(lt(prop("A"), prop("B")), row)).toBe(true);
  });
});

describe("DateTimeOffset against a Date: the UTC calendar day is compared", () => {
  const on = (op: typeof eq, t: string) =>
    test(op(prop("T"), date("2024-03-01")), { T: t }, "Edm.DateTimeOffset");
  it("eq is any instant of that UTC day", () => {
    expect(on(eq, "2024-03-01T00:00:00.000Z")).toBe(true);
    expect(on(eq, "2024-03-01T23:59:59.999Z")).toBe(true);
    expect(on(eq, "2024-03-02T00:00:00.000Z")).toBe(false);
    expect(on(eq, "2024-03-01T23:30:00-05:00")).toBe(false);
  });
  it("le includes the whole day, gt starts the next day", () => {
    expect(on(le, "2024-03-01T18:00:00.000Z")).toBe(true);
    expect(on(gt, "2024-03-01T18:00:00.000Z")).toBe(false);
    expect(on(gt, "2024-03-02T00:00:00.000Z")).toBe(true);
  });
  it("ge and lt split at the day's UTC midnight", () => {
    expect(on(ge, "2024-03-01T00:00:00.000Z")).toBe(true);
    expect(on(lt, "2024-02-29T23:59:59.999Z")).toBe(true);
    expect(on(lt, "2024-03-01T00:00:00.000Z")).toBe(false);
  });
  it("works the same without property types and off the fast path", () => {
    expect(test(eq(prop("T"), date("2024-03-01")), { T: "2024-03-01T10:00:00+02:00" })).toBe(true);
  });
  it("a Date property against a DateTimeOffset literal takes the literal's UTC day", () => {
    expect(test(eq(prop("D"), dto("2024-03-01T18:00:00Z")), { D: "2024-03-01" }, "Edm.Date")).toBe(true);
    expect(test(lt(prop("D"), dto("2024-03-01T18:00:00Z")), { D: "2024-03-01" }, "Edm.Date")).toBe(false);
  });
});

describe("Date, TimeOfDay, Duration, Guid and enum values", () => {
  it("Date texts compare as days", () => {
    expect(test(lt(prop("D"), date("2024-03-01")), { D: "2024-02-29" }, "Edm.Date")).toBe(true);
    expect(test(eq(prop("D"), date("2024-03-01")), { D: "2024-03-01" })).toBe(true);
  });
  it("TimeOfDay compares by time, whatever precision is written", () => {
    expect(test(eq(prop("T"), time("13:20")), { T: "13:20:00" }, "Edm.TimeOfDay")).toBe(true);
    expect(test(lt(prop("T"), time("13:20:00.5")), { T: "13:20:00" }, "Edm.TimeOfDay")).toBe(true);
  });
  it("Durations compare by total length", () => {
    expect(test(gt(prop("D"), dur("PT23H")), { D: "P1D" }, "Edm.Duration")).toBe(true);
    expect(test(eq(prop("D"), dur("PT36H")), { D: "P1DT12H" }, "Edm.Duration")).toBe(true);
    expect(test(lt(prop("D"), dur("PT0S")), { D: "-PT1S" }, "Edm.Duration")).toBe(true);
  });
  it("GUIDs compare case-insensitively", () => {
    const id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    expect(test(eq(prop("Id"), guid(id)), { Id: id.toUpperCase() }, "Edm.Guid")).toBe(true);
  });
  it("enum members compare by name", () => {
    expect(test(eq(prop("Color"), enm("NS.Color", "Red")), { Color: "Red" })).toBe(true);
  });
});

describe("in: eq against each member (§5.1.1.1.11)", () => {
  it("matches a literal list", () => {
    const statuses = isIn(prop("S"), list(str("open"), str("pending")));
    expect(test(statuses, { S: "open" })).toBe(true);
    expect(test(statuses, { S: "closed" })).toBe(false);
    expect(test(statuses, { S: null })).toBe(false);
  });
  it("null is in a list only when the list holds null", () => {
    expect(test(isIn(prop("S"), list(str("a"), nul)), { S: null })).toBe(true);
    expect(test(isIn(prop("S"), list(str("a"), nul)), { S: "b" })).toBe(false);
  });
  it("numbers match across literal kinds", () => {
    expect(test(isIn(prop("N"), list(int(1), dec("2.5"))), { N: 2.5 })).toBe(true);
    expect(test(isIn(prop("N"), list(dbl(Number.NaN))), { N: Number.NaN })).toBe(false);
  });
  it("instants in other offsets are members", () => {
    const list_ = list(dto("2024-03-01T00:00:00Z"), dto("2024-03-02T00:00:00Z"));
    expect(test(isIn(prop("T"), list_), { T: "2024-03-01T01:00:00+01:00" }, "Edm.DateTimeOffset")).toBe(true);
  });
  it("an empty list matches nothing", () => {
    expect(test(isIn(prop("S"), list()), { S: "a" })).toBe(false);
  });
  it("a list with row-dependent items is evaluated per row", () => {
    expect(test(isIn(prop("S"), list(prop("A"), prop("B"))), { S: "x", A: "y", B: "x" })).toBe(true);
  });
  it("matches members of a collection property", () => {
    expect(test(isIn(str("urgent"), prop("Tags")), { Tags: ["export", "urgent"] })).toBe(true);
    expect(test(isIn(str("urgent"), prop("Tags")), { Tags: [] })).toBe(false);
    expect(test(isIn(str("urgent"), prop("Tags")), { Tags: null })).toBe(false);
  });
});

describe("has: enum flags", () => {
  it("is true when every flag of the right operand is set on the left", () => {
    expect(value(has(prop("Style"), enm("NS.Pattern", "Yellow")), { Style: "Red,Yellow" })).toBe(true);
    expect(value(has(prop("Style"), enm("NS.Pattern", "Yellow, Red")), { Style: "Red, Yellow" })).toBe(true);
    expect(value(has(prop("Style"), enm("NS.Pattern", "Blue")), { Style: "Red,Yellow" })).toBe(false);
  });
  it("does not match a flag that is a prefix of another", () => {
    expect(value(has(prop("Style"), enm("NS.Pattern", "Red")), { Style: "RedDark" })).toBe(false);
  });
  it("is null with a null operand (§5.1.1.1.10)", () => {
    expect(value(has(prop("Style"), enm("NS.Pattern", "Red")), { Style: null })).toBeNull();
  });
  it("works on numeric flag values", () => {
    expect(value(has(prop("Style"), int(4)), { Style: 6 })).toBe(true);
  });
});
