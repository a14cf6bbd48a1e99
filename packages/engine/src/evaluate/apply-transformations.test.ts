import type { Transformation } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { applyTransformations } from "./apply-transformations.ts";
import { asc, desc, gt, int, mul, prop, term } from "./test-ast.ts";
import type { Row } from "./types.ts";

const sales: Row[] = [
  { ID: 1, Amount: 1, Product: "Sugar", Customer: { Country: "Netherlands", City: "Utrecht" } },
  { ID: 2, Amount: 2, Product: "Coffee", Customer: { Country: "Netherlands", City: "Utrecht" } },
  { ID: 3, Amount: 4, Product: "Paper", Customer: { Country: "USA", City: "Boston" } },
  { ID: 4, Amount: 8, Product: "Coffee", Customer: { Country: "USA", City: "Seattle" } },
  { ID: 5, Amount: 4, Product: "Paper", Customer: { Country: "USA", City: "Seattle" } },
  { ID: 6, Amount: 2, Product: "Sugar", Customer: { Country: "Netherlands", City: "Amsterdam" } },
  { ID: 7, Amount: null, Product: "Coffee", Customer: { Country: "Canada", City: "Toronto" } },
];

const sum = (path: string, alias: string): Transformation => ({
  kind: "aggregate",
  items: [{ kind: "aggregate", expr: prop(path), method: "sum", alias }],
});
const countAs = (alias: string): Transformation => ({ kind: "aggregate", items: [{ kind: "count", alias }] });
const groupby = (paths: string[], apply: Transformation[] = []): Transformation => ({
  kind: "groupby",
  properties: paths.map((p) => p.split("/")),
  apply,
});
const apply = (transformations: Transformation[], rows: Iterable<Row> | AsyncIterable<Row> = sales) =>
  applyTransformations(rows, transformations, {
    propertyType: (p) => (p[0] === "Amount" ? "Edm.Decimal" : undefined),
  });

describe("aggregate", () => {
  it("aggregates the whole input into one row", async () => {
    expect(await apply([sum("Amount", "Total")])).toEqual([{ Total: 21 }]);
  });
  it("yields one row with null sums and zero counts for no input", async () => {
    const both: Transformation = {
      kind: "aggregate",
      items: [
        { kind: "aggregate", expr: prop("Amount"), method: "sum", alias: "Total" },
        { kind: "count", alias: "N" },
      ],
    };
    expect(await apply([both], [])).toEqual([{ Total: null, N: 0 }]);
  });
});

describe("groupby", () => {
  it("groups by a property and aggregates each group, in order of first appearance", async () => {
    expect(await apply([groupby(["Product"], [sum("Amount", "Total")])])).toEqual([
      { Product: "Sugar", Total: 3 },
      { Product: "Coffee", Total: 10 },
      { Product: "Paper", Total: 8 },
    ]);
  });
  it("returns nested paths as nested objects", async () => {
    expect(await apply([groupby(["Customer/Country"], [sum("Amount", "Total")])])).toEqual([
      { Customer: { Country: "Netherlands" }, Total: 5 },
      { Customer: { Country: "USA" }, Total: 16 },
      { Customer: { Country: "Canada" }, Total: null },
    ]);
  });
  it("groups by several properties, merging nested paths under one parent", async () => {
    const rows = await apply([groupby(["Customer/Country", "Customer/City"], [countAs("N")])]);
    expect(rows).toEqual([
      { Customer: { Country: "Netherlands", City: "Utrecht" }, N: 2 },
      { Customer: { Country: "USA", City: "Boston" }, N: 1 },
      { Customer: { Country: "USA", City: "Seattle" }, N: 2 },
      { Customer: { Country: "Netherlands", City: "Amsterdam" }, N: 1 },
      { Customer: { Country: "Canada", City: "Toronto" }, N: 1 },
    ]);
  });
  it("without nested transformations yields the distinct groups", async () => {
    expect(await apply([groupby(["Product"])])).toEqual([
      { Product: "Sugar" },
      { Product: "Coffee" },
      { Product: "Paper" },
    ]);
  });
  it("runs nested transformations per group: a filter then an aggregate", async () => {
    const bigOnly: Transformation[] = [
      { kind: "filter", expr: gt(prop("Amount"), int(1)) },
      sum("Amount", "Total"),
    ];
    expect(await apply([groupby(["Product"], bigOnly)])).toEqual([
      { Product: "Sugar", Total: 2 },
      { Product: "Coffee", Total: 10 },
      { Product: "Paper", Total: 8 },
    ]);
  });
  it("treats null as a group value of its own", async () => {
    const rows = [{ K: null, V: 1 }, { K: "a", V: 2 }, { V: 3 }];
    expect(await applyTransformations(rows, [groupby(["K"], [sum("V", "S")])])).toEqual([
      { K: null, S: 4 },
      { K: "a", S: 2 },
    ]);
  });
  it("feeds later transformations: groupby, then orderby on the alias, then top", async () => {
    const steps: Transformation[] = [
      groupby(["Product"], [sum("Amount", "Total")]),
      { kind: "orderby", items: [desc(prop("Total"))] },
      { kind: "top", count: 2 },
    ];
    expect(await apply(steps)).toEqual([
      { Product: "Coffee", Total: 10 },
      { Product: "Paper", Total: 8 },
    ]);
  });
  it("aggregates the output of an earlier groupby", async () => {
    const steps: Transformation[] = [
      groupby(["Product"], [sum("Amount", "Total")]),
      {
        kind: "aggregate",
        items: [{ kind: "aggregate", expr: prop("Total"), method: "average", alias: "Avg" }],
      },
    ];
    expect(await apply(steps)).toEqual([{ Avg: 7 }]);
  });
});

describe("row-wise transformations", () => {
  it("filter keeps rows whose predicate is true (null excluded)", async () => {
    const rows = await apply([{ kind: "filter", expr: gt(prop("Amount"), int(3)) }]);
    expect(rows.map((r) => r.ID)).toEqual([3, 4, 5]);
  });
  it("compute adds aliases", async () => {
    const rows = await apply([
      { kind: "compute", items: [{ alias: "Double", expr: mul(prop("Amount"), int(2)) }] },
    ]);
    expect(rows.map((r) => r.Double)).toEqual([2, 4, 8, 16, 8, 4, null]);
  });
  it("search looks in the searchable properties", async () => {
    const rows = await applyTransformations(sales, [{ kind: "search", search: term("COFF") }], {
      searchProperties: ["Product"],
    });
    expect(rows.map((r) => r.ID)).toEqual([2, 4, 7]);
  });
  it("search without declared properties looks in every string property", async () => {
    const rows = await applyTransformations(
      [{ A: "x" }, { B: "pump" }, { C: 1 }],
      [{ kind: "search", search: term("pump") }],
    );
    expect(rows).toEqual([{ B: "pump" }]);
  });
  it("orderby sorts, nulls first ascending", async () => {
    const rows = await apply([{ kind: "orderby", items: [asc(prop("Amount")), desc(prop("ID"))] }]);
    expect(rows.map((r) => r.ID)).toEqual([7, 1, 6, 2, 5, 3, 4]);
  });
  it("skip and top page through rows", async () => {
    const rows = await apply([
      { kind: "skip", count: 2 },
      { kind: "top", count: 3 },
    ]);
    expect(rows.map((r) => r.ID)).toEqual([3, 4, 5]);
  });
  it("identity passes rows unchanged", async () => {
    expect(await apply([{ kind: "identity" }])).toEqual(sales);
  });
});

describe("concat", () => {
  it("appends the outputs of its branches in order", async () => {
    const steps: Transformation[] = [
      {
        kind: "concat",
        branches: [
          [
            { kind: "orderby", items: [desc(prop("Amount"))] },
            { kind: "top", count: 2 },
          ],
          [sum("Amount", "Total")],
        ],
      },
    ];
    const rows = await apply(steps);
    expect(rows.map((r) => r.ID ?? r.Total)).toEqual([4, 3, 21]);
  });
});

describe("streaming", () => {
  async function* counted(rows: Row[], pulled: { n: number }): AsyncIterable<Row> {
    for (const row of rows) {
      pulled.n++;
      yield row;
    }
  }
  it("accepts an async iterable", async () => {
    expect(await apply([sum("Amount", "Total")], counted(sales, { n: 0 }))).toEqual([{ Total: 21 }]);
  });
  it("stops reading once top is satisfied", async () => {
    const pulled = { n: 0 };
    const rows = await apply(
      [
        { kind: "filter", expr: gt(prop("Amount"), int(1)) },
        { kind: "top", count: 2 },
      ],
      counted(sales, pulled),
    );
    expect(rows.map((r) => r.ID)).toEqual([2, 3]);
    expect(pulled.n).toBe(3);
  });
  it("aggregates a large input without keeping its rows", async () => {
    function* many(): Iterable<Row> {
      for (let i = 0; i < 200_000; i++) yield { G: i % 3, V: 1 };
    }
    const rows = await applyTransformations(many(), [groupby(["G"], [sum("V", "S")])]);
    expect(rows).toEqual([
      { G: 0, S: 66_667 },
      { G: 1, S: 66_667 },
      { G: 2, S: 66_666 },
    ]);
  });
});
