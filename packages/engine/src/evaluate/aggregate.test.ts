import type { EdmPrimitiveType } from "@headgate/model";
import type { AggregateItem, AggregateMethod } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileAggregation } from "./aggregate.ts";
import { mul, prop } from "./test-ast.ts";
import type { Row } from "./types.ts";

const item = (path: string, method: AggregateMethod, alias = method): AggregateItem => ({
  kind: "aggregate",
  expr: prop(path),
  method,
  alias,
});
const aggregate = (items: AggregateItem[], rows: Row[], type?: EdmPrimitiveType) => {
  const aggregation = compileAggregation(items, { propertyType: () => type })();
  for (const row of rows) aggregation.add(row);
  return aggregation.result();
};
const every: AggregateItem[] = [
  item("X", "sum"),
  item("X", "min"),
  item("X", "max"),
  item("X", "average"),
  item("X", "countdistinct"),
  { kind: "count", alias: "count" },
];

describe("the standard aggregation methods", () => {
  it("sum, min, max, average, countdistinct and $count", () => {
    const rows = [{ X: 4 }, { X: 1 }, { X: 4 }, { X: 3 }];
    expect(aggregate(every, rows, "Edm.Int32")).toEqual({
      sum: 12,
      min: 1,
      max: 4,
      average: 3,
      countdistinct: 3,
      count: 4,
    });
  });
  it("ignore null values, but $count counts every row", () => {
    const rows = [{ X: 2 }, { X: null }, {}, { X: 4 }];
    expect(aggregate(every, rows)).toEqual({
      sum: 6,
      min: 2,
      max: 4,
      average: 3,
      countdistinct: 2,
      count: 4,
    });
  });
  it("apply to an expression per row", () => {
    const total: AggregateItem = {
      kind: "aggregate",
      expr: mul(prop("Price"), prop("Qty")),
      method: "sum",
      alias: "Total",
    };
    expect(
      aggregate(
        [total],
        [
          { Price: 2.5, Qty: 2 },
          { Price: 1, Qty: 3 },
        ],
      ),
    ).toEqual({ Total: 8 });
  });
  it("take each item of a collection value", () => {
    expect(aggregate([item("Scores", "sum")], [{ Scores: [1, 2] }, { Scores: [3, null] }])).toEqual({
      sum: 6,
    });
  });
});

describe("on no values (Data Aggregation §3.2.1.3)", () => {
  it("sum, min, max and average are null; countdistinct and $count are 0", () => {
    const expected = { sum: null, min: null, max: null, average: null, countdistinct: 0, count: 0 };
    expect(aggregate(every, [])).toEqual(expected);
    expect(aggregate(every, [{ X: null }])).toEqual({ ...expected, count: 1 });
  });
});

describe("decimal sums are exact to the inputs' scale", () => {
  it("0.1 + 0.2 is 0.3 for decimals and untyped values", () => {
    const rows = [{ X: 0.1 }, { X: 0.2 }];
    expect(aggregate([item("X", "sum")], rows, "Edm.Decimal")).toEqual({ sum: 0.3 });
    expect(aggregate([item("X", "sum")], rows)).toEqual({ sum: 0.3 });
  });
  it("many cents add up to exact cents", () => {
    const rows = Array.from({ length: 1000 }, () => ({ X: 0.01 }));
    expect(aggregate([item("X", "sum")], rows, "Edm.Decimal")).toEqual({ sum: 10 });
  });
  it("the largest scale among the inputs is kept", () => {
    expect(aggregate([item("X", "sum")], [{ X: 1.005 }, { X: 0.1 }], "Edm.Decimal")).toEqual({ sum: 1.105 });
  });
  it("doubles are summed as IEEE 754 (compensated)", () => {
    expect(aggregate([item("X", "sum")], [{ X: 0.1 }, { X: 0.2 }], "Edm.Double")).toEqual({
      sum: 0.30000000000000004,
    });
    expect(aggregate([item("X", "sum")], [{ X: 1e16 }, { X: 1 }, { X: -1e16 }], "Edm.Double")).toEqual({
      sum: 1,
    });
  });
  it("infinities and NaN propagate", () => {
    expect(aggregate([item("X", "sum")], [{ X: Number.POSITIVE_INFINITY }, { X: 1 }], "Edm.Double")).toEqual({
      sum: Number.POSITIVE_INFINITY,
    });
  });
});

describe("min, max and countdistinct follow the value's type", () => {
  it("min/max of strings by code point, of instants by time", () => {
    expect(aggregate([item("S", "min"), item("S", "max")], [{ S: "b" }, { S: "B" }, { S: "a" }])).toEqual({
      min: "B",
      max: "b",
    });
    const times = [{ T: "2024-01-01T10:00:00+02:00" }, { T: "2024-01-01T09:00:00Z" }];
    expect(aggregate([item("T", "min")], times, "Edm.DateTimeOffset")).toEqual({
      min: "2024-01-01T10:00:00+02:00",
    });
  });
  it("countdistinct counts equal instants and GUIDs once", () => {
    const times = [{ T: "2024-01-01T10:00:00+01:00" }, { T: "2024-01-01T09:00:00Z" }];
    expect(aggregate([item("T", "countdistinct")], times, "Edm.DateTimeOffset")).toEqual({
      countdistinct: 1,
    });
    const ids = [
      { T: "0f8fad5b-d9cb-469f-a165-70867728950e" },
      { T: "0F8FAD5B-D9CB-469F-A165-70867728950E" },
    ];
    expect(aggregate([item("T", "countdistinct")], ids, "Edm.Guid")).toEqual({ countdistinct: 1 });
  });
});
