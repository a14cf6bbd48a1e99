import { describe, expect, it } from "vitest";
import type { Transformation } from "../ast.ts";
import { bin, call, int, m, notImplementedOf, syntaxErrorOf, word } from "../testing/builders.ts";
import { parseApply } from "./query-options.ts";

const one = (text: string): Transformation => {
  const [transformation, ...rest] = parseApply(text);
  expect(rest).toStrictEqual([]);
  return transformation!;
};

describe("$apply transformations", () => {
  it("aggregate: methods sum, min, max, average, countdistinct and $count", () => {
    expect(
      one("aggregate(Amount with sum as Total, $count as N, Vendor with countdistinct as D)"),
    ).toStrictEqual({
      kind: "aggregate",
      items: [
        { kind: "aggregate", expr: m("Amount"), method: "sum", alias: "Total" },
        { kind: "count", alias: "N" },
        { kind: "aggregate", expr: m("Vendor"), method: "countdistinct", alias: "D" },
      ],
    });
    expect(
      one("aggregate(Price mul Qty with AVERAGE as A,Nav/P with min as B,X with max as C)"),
    ).toMatchObject({
      items: [
        { expr: bin("mul", m("Price"), m("Qty")), method: "average" },
        { expr: m("Nav", "P"), method: "min" },
        { method: "max" },
      ],
    });
  });

  it("groupby: property paths, optionally with a nested apply", () => {
    expect(one("groupby((Category))")).toStrictEqual({
      kind: "groupby",
      properties: [["Category"]],
      apply: [],
    });
    expect(
      one("groupby((P1, Nav/P2), aggregate(Amount with sum as Total)/filter(Total gt 5))"),
    ).toStrictEqual({
      kind: "groupby",
      properties: [["P1"], ["Nav", "P2"]],
      apply: [
        {
          kind: "aggregate",
          items: [{ kind: "aggregate", expr: m("Amount"), method: "sum", alias: "Total" }],
        },
        { kind: "filter", expr: bin("gt", m("Total"), int(5)) },
      ],
    });
  });

  it("filter, compute, search, orderby, top, skip and identity", () => {
    expect(
      parseApply("filter(A gt 1)/compute(length(Name) as L, A add 1 as B)/search(blue OR red)"),
    ).toStrictEqual([
      { kind: "filter", expr: bin("gt", m("A"), int(1)) },
      {
        kind: "compute",
        items: [
          { expr: call("length", m("Name")), alias: "L" },
          { expr: bin("add", m("A"), int(1)), alias: "B" },
        ],
      },
      { kind: "search", search: { kind: "or", left: word("blue"), right: word("red") } },
    ]);
    expect(parseApply("orderby(Total desc, Name)/top(5)/skip(10)/identity")).toStrictEqual([
      {
        kind: "orderby",
        items: [
          { expr: m("Total"), direction: "desc" },
          { expr: m("Name"), direction: "asc" },
        ],
      },
      { kind: "top", count: 5 },
      { kind: "skip", count: 10 },
      { kind: "identity" },
    ]);
  });

  it("concat: two or more branches, each an apply expression", () => {
    expect(one("concat(top(1)/identity, skip(1), filter(true))")).toStrictEqual({
      kind: "concat",
      branches: [
        [{ kind: "top", count: 1 }, { kind: "identity" }],
        [{ kind: "skip", count: 1 }],
        [{ kind: "filter", expr: { kind: "literal", literal: { kind: "boolean", value: true } } }],
      ],
    });
    expect(syntaxErrorOf(() => parseApply("concat(identity)")).message).toBe(
      "expected ',' and a second branch: 'concat(' needs at least two, found ')' at 15",
    );
  });

  it("matches transformation names in any case", () => {
    expect(parseApply("GroupBy((A))/Top(1)")).toStrictEqual([
      { kind: "groupby", properties: [["A"]], apply: [] },
      { kind: "top", count: 1 },
    ]);
  });
});

describe("$apply errors", () => {
  it("suggest a known transformation for an unknown one", () => {
    expect(syntaxErrorOf(() => parseApply("agregate(A with sum as S)")).message).toBe(
      "unknown transformation 'agregate' at 0; did you mean 'aggregate'?",
    );
  });

  it("name the aggregation methods", () => {
    expect(syntaxErrorOf(() => parseApply("aggregate(A with summ as S)")).message).toBe(
      "expected an aggregation method (sum, min, max, average, countdistinct) at 17, found 'summ'; did you mean 'sum'?",
    );
    expect(syntaxErrorOf(() => parseApply("aggregate(A with sum)")).message).toBe(
      "expected an operator or 'as', found ')' at 20",
    );
    expect(syntaxErrorOf(() => parseApply("aggregate(A add 1 as S)")).message).toBe(
      "expected an operator or 'with', found 'as' at 18",
    );
  });

  it("report unclosed parentheses and bad counts", () => {
    expect(syntaxErrorOf(() => parseApply("filter(A gt 1")).message).toBe(
      "expected ',' or ')' to close 'filter(' opened at 0, found end of input at 13",
    );
    expect(syntaxErrorOf(() => parseApply("top(-1)")).message).toBe(
      "expected a non-negative integer for top(...), found '-' at 4",
    );
    expect(syntaxErrorOf(() => parseApply("groupby(A)")).message).toBe(
      "expected '(' to start the grouping properties, as in groupby((Name), ...), found 'A' at 8",
    );
  });
});

describe("$apply constructs answered with 501", () => {
  it.each([
    ["groupby((rollup(A,B)),aggregate(X with sum as S))", "rollup"],
    ["groupby((rolluprecursive(H)))", "rollup"],
    ["aggregate(Amount with sum from Time as S)", "aggregate(... from ...)"],
    ["topcount(5,Amount)", "topcount"],
    ["bottomsum(5,Amount)", "bottomsum"],
    ["toppercent(5,Amount)", "toppercent"],
    ["nest(filter(true) as X)", "nest"],
    ["addnested(Nav,filter(true) as X)", "nest"],
    ["join(Lines as L)", "join"],
    ["outerjoin(Lines as L)", "join"],
    ["ancestors($root/H,Q,P,filter(true))", "ancestors"],
    ["descendants($root/H,Q,P,filter(true))", "descendants"],
    ["traverse($root/H,Q,P,preorder)", "traverse"],
    ["aggregate(Amount with Custom.median as M)", "custom aggregates"],
    ["aggregate(Forecast as F)", "custom aggregates"],
    ["aggregate(Lines/$count as N)", "Path/$count"],
    ["Custom.transform(x=1)", "custom $apply transformations"],
    ["groupby((Model.Derived/Name))", "type-cast"],
    ["filter($these/$count gt 1)", "$these"],
  ])("%s", (text, name) => {
    const error = notImplementedOf(() => parseApply(text));
    expect(error.message).toContain(name);
    expect(error.target).toBe("$apply");
  });
});
