import type { Expr } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression } from "./compile-expression.ts";
import { any, cast, dbl, eq, int, isof, prop, str } from "./test-ast.ts";
import type { Row } from "./types.ts";

const value = (expr: Expr, row: Row = {}) => compileExpression(expr)(row);
const castOf = (v: unknown, type: string) => value(cast(prop("V"), type), { V: v });
const isOf = (v: unknown, type: string) => value(isof(prop("V"), type), { V: v });

describe("cast to Edm.String uses the literal form", () => {
  it.each([
    [42, "42"],
    [2.5, "2.5"],
    [Number.POSITIVE_INFINITY, "INF"],
    [Number.NEGATIVE_INFINITY, "-INF"],
    [Number.NaN, "NaN"],
    [true, "true"],
    ["text", "text"],
    [{ type: "Point", coordinates: [1, 2] }, "POINT(1 2)"],
  ])("%s -> %s", (input, expected) => {
    expect(castOf(input, "Edm.String")).toBe(expected);
  });
});

describe("cast between numbers rounds and checks the range", () => {
  it("rounds half away from zero into integer types", () => {
    expect(castOf(3.5, "Edm.Int32")).toBe(4);
    expect(castOf(-3.5, "Edm.Int32")).toBe(-4);
  });
  it("fails (null) when the integer part does not fit", () => {
    expect(castOf(300, "Edm.Byte")).toBeNull();
    expect(castOf(-129, "Edm.SByte")).toBeNull();
    expect(castOf(3e10, "Edm.Int32")).toBeNull();
    expect(castOf(Number.POSITIVE_INFINITY, "Edm.Int64")).toBeNull();
  });
  it("keeps numbers as decimals and doubles", () => {
    expect(castOf(7, "Edm.Decimal")).toBe(7);
    expect(castOf(7.25, "Edm.Double")).toBe(7.25);
  });
});

describe("cast from a string reads a literal of the target type", () => {
  it.each([
    ["42", "Edm.Int32", 42],
    ["4.2", "Edm.Int32", null],
    ["4.2", "Edm.Decimal", 4.2],
    ["1e3", "Edm.Double", 1000],
    ["-INF", "Edm.Double", Number.NEGATIVE_INFINITY],
    ["TRUE", "Edm.Boolean", true],
    ["yes", "Edm.Boolean", null],
    ["2024-02-29", "Edm.Date", "2024-02-29"],
    ["2023-02-29", "Edm.Date", null],
    ["13:20:00", "Edm.TimeOfDay", "13:20:00"],
    ["P1DT2H", "Edm.Duration", "P1DT2H"],
    ["2024-03-01T10:00:00+01:00", "Edm.DateTimeOffset", "2024-03-01T10:00:00+01:00"],
    ["2024-03-01T10:00:00", "Edm.DateTimeOffset", "2024-03-01T10:00:00Z"],
    ["0F8FAD5B-D9CB-469F-A165-70867728950E", "Edm.Guid", "0f8fad5b-d9cb-469f-a165-70867728950e"],
    ["not a guid", "Edm.Guid", null],
  ] as const)("%s as %s", (input, type, expected) => {
    expect(castOf(input, type)).toBe(expected);
  });
});

describe("cast of null is null; a failed cast is null", () => {
  it("null casts to null", () => {
    expect(castOf(null, "Edm.Int32")).toBeNull();
  });
  it("booleans do not cast to numbers", () => {
    expect(castOf(true, "Edm.Int32")).toBeNull();
  });
  it("a cast result compares like its type", () => {
    expect(value(eq(cast(prop("V"), "Edm.Int32"), int(42)), { V: "42" })).toBe(true);
  });
});

describe("isof: assignable by the cast rules (§5.1.1.10.2)", () => {
  it("checks strings for literals of the type", () => {
    expect(isOf("2024-01-01", "Edm.Date")).toBe(true);
    expect(isOf("someday", "Edm.Date")).toBe(false);
    expect(isOf("12", "Edm.Int32")).toBe(true);
  });
  it("checks number ranges (3.7 rounds to 4 and fits)", () => {
    expect(isOf(3.7, "Edm.Int32")).toBe(true);
    expect(isOf(1e12, "Edm.Int32")).toBe(false);
    expect(isOf(1e12, "Edm.Int64")).toBe(true);
  });
  it("is true for null, which casts to any type", () => {
    expect(isOf(null, "Edm.Int32")).toBe(true);
  });
  it("without an operand tests the current instance ($this)", () => {
    const tags = { Tags: ["12", "x"] };
    expect(value(any(prop("Tags"), "t", isof(null, "Edm.Int32")), tags)).toBe(true);
    expect(compileExpression(isof(null, "Edm.String"))({}, { $this: "x" })).toBe(true);
  });
  it("folds on literals", () => {
    expect(value(isof(dbl(2.5), "Edm.Decimal"))).toBe(true);
    expect(value(isof(str("x"), "Edm.Boolean"))).toBe(false);
  });
});

describe("entity and complex type names", () => {
  it("are not implemented (501)", () => {
    expect(() => compileExpression(isof(null, "Sales.BigOrder"))).toThrow(
      expect.objectContaining({ code: "NotImplemented", status: 501 }),
    );
  });
});
