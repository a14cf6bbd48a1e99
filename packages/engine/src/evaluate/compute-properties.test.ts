import { describe, expect, it } from "vitest";
import { compileCompute } from "./compute-properties.ts";
import { add, call, mul, prop, str } from "./test-ast.ts";

describe("compileCompute adds each alias to a copy of the row", () => {
  const compute = compileCompute([
    { alias: "Total", expr: mul(prop("Price"), prop("Qty")) },
    { alias: "Upper", expr: call("toupper", prop("Name")) },
  ]);
  it("keeps the row's properties and adds the computed ones", () => {
    expect(compute({ Price: 2.5, Qty: 4, Name: "pump" })).toEqual({
      Price: 2.5,
      Qty: 4,
      Name: "pump",
      Total: 10,
      Upper: "PUMP",
    });
  });
  it("does not modify the input row", () => {
    const row = { Price: 1, Qty: 1, Name: "a" };
    compute(row);
    expect(row).toEqual({ Price: 1, Qty: 1, Name: "a" });
  });
  it("computes null for null inputs", () => {
    expect(compute({ Price: null, Qty: 4, Name: null })).toMatchObject({ Total: null, Upper: null });
  });
  it("evaluates every item against the input row, not against each other", () => {
    const chained = compileCompute([
      { alias: "A", expr: str("x") },
      { alias: "B", expr: call("concat", prop("A"), str("!")) },
    ]);
    expect(chained({ A: "row" })).toEqual({ A: "x", B: "row!" });
  });
  it("overrides a property of the same name", () => {
    expect(compileCompute([{ alias: "Qty", expr: add(prop("Qty"), prop("Qty")) }])({ Qty: 2 })).toEqual({
      Qty: 4,
    });
  });
});
