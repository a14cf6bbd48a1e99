import { describe, expect, it } from "vitest";
import { compileExpression } from "./compile-expression.ts";
import { call, dbl, dec, prop } from "./test-ast.ts";

const value = (name: "round" | "floor" | "ceiling", x: number | null) =>
  compileExpression(call(name, prop("X")))({ X: x });

describe("round: the midpoint goes away from zero", () => {
  it.each([
    [2.5, 3],
    [-2.5, -3],
    [0.5, 1],
    [-0.5, -1],
    [2.4, 2],
    [-2.6, -3],
    [0.49999999999999994, 0],
    [7, 7],
  ])("round(%d) = %d", (x, expected) => {
    expect(value("round", x)).toBe(expected);
  });
  it("never returns negative zero", () => {
    expect(Object.is(value("round", -0.4), 0)).toBe(true);
  });
});

describe("floor and ceiling", () => {
  it.each([
    [32.9, 32, 33],
    [-32.1, -33, -32],
    [5, 5, 5],
  ])("floor(%d) = %d, ceiling = %d", (x, floor, ceiling) => {
    expect(value("floor", x)).toBe(floor);
    expect(value("ceiling", x)).toBe(ceiling);
  });
});

describe("numeric functions with null or non-numbers", () => {
  it("give null", () => {
    expect(value("round", null)).toBeNull();
    expect(compileExpression(call("floor", prop("X")))({ X: "3.5" })).toBeNull();
  });
  it("fold on literals", () => {
    expect(compileExpression(call("ceiling", dec("1.01")))({})).toBe(2);
    expect(compileExpression(call("round", dbl(-1.5)))({})).toBe(-2);
  });
});
