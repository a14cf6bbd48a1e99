import { describe, expect, it } from "vitest";
import { bin, call, int, m, notImplementedOf, syntaxErrorOf, word } from "../testing/builders.ts";
import { parseCompute, parseExpand, parseOrderBy, parseSelect } from "./query-options.ts";

describe("$select", () => {
  it("reads *, properties and paths", () => {
    expect(parseSelect("Name, Address/City,*")).toStrictEqual([
      { kind: "path", path: ["Name"], options: null },
      { kind: "path", path: ["Address", "City"], options: null },
      { kind: "star" },
    ]);
  });

  it("reads 4.01 nested options on an item", () => {
    expect(parseSelect("Addresses($filter=Zip gt 1;$top=5;orderby=City desc;$SELECT=City)")).toStrictEqual([
      {
        kind: "path",
        path: ["Addresses"],
        options: {
          filter: bin("gt", m("Zip"), int(1)),
          top: 5,
          orderby: [{ expr: m("City"), direction: "desc" }],
          select: [{ kind: "path", path: ["City"], options: null }],
        },
      },
    ]);
  });

  it("allows only $filter, $search, $count, $orderby, $skip, $top, $compute and $select inside", () => {
    expect(syntaxErrorOf(() => parseSelect("Addresses($expand=X)")).message).toBe(
      "'$expand' is not allowed in the options of 'Addresses' at 10; allowed: $filter, $search, $orderby, $skip, $top, $count, $compute, $select",
    );
  });

  it("answers 501 for operations, casts and annotations", () => {
    expect(notImplementedOf(() => parseSelect("Model.Action")).message).toContain(
      "actions and functions in $select",
    );
    expect(notImplementedOf(() => parseSelect("Model.*")).message).toContain(
      "actions and functions in $select",
    );
    expect(notImplementedOf(() => parseSelect("Model.Derived/Name")).message).toContain("type-cast");
    expect(notImplementedOf(() => parseSelect("@Core.Description")).message).toContain("annotations");
  });

  it("reports what it expected", () => {
    expect(syntaxErrorOf(() => parseSelect("Name,")).message).toBe(
      "expected '*' or a property name, found end of input at 5",
    );
    expect(syntaxErrorOf(() => parseSelect("Name Price")).message).toBe(
      "expected ',' or end of input, found 'Price' at 5",
    );
  });
});

describe("$expand", () => {
  it("reads navigation paths, $ref, $count and *", () => {
    expect(parseExpand("Orders,Customer/Address/Country,Orders/$ref,Orders/$count,*,*/$ref")).toStrictEqual([
      { path: ["Orders"], suffix: null, options: {} },
      { path: ["Customer", "Address", "Country"], suffix: null, options: {} },
      { path: ["Orders"], suffix: "$ref", options: {} },
      { path: ["Orders"], suffix: "$count", options: {} },
      { path: ["*"], suffix: null, options: {} },
      { path: ["*"], suffix: "$ref", options: {} },
    ]);
  });

  it("reads every nested option, names with or without $, in any case", () => {
    const [item] = parseExpand(
      "Orders($filter=Amount gt 5;select=Id,Amount;$OrderBy=Amount desc;$top=3;$skip=1;$count=TRUE;$search=blue;" +
        "$expand=Lines($levels=max);$levels=2;$compute=Amount mul 2 as Double;$apply=top(1))",
    );
    expect(item).toStrictEqual({
      path: ["Orders"],
      suffix: null,
      options: {
        filter: bin("gt", m("Amount"), int(5)),
        select: [
          { kind: "path", path: ["Id"], options: null },
          { kind: "path", path: ["Amount"], options: null },
        ],
        orderby: [{ expr: m("Amount"), direction: "desc" }],
        top: 3,
        skip: 1,
        count: true,
        search: word("blue"),
        expand: [{ path: ["Lines"], suffix: null, options: { levels: "max" } }],
        levels: 2,
        compute: [{ expr: bin("mul", m("Amount"), int(2)), alias: "Double" }],
        apply: [{ kind: "top", count: 1 }],
      },
    });
  });

  it("restricts the options of $ref, $count and *", () => {
    expect(parseExpand("Orders/$count($filter=A gt 1)")).toStrictEqual([
      { path: ["Orders"], suffix: "$count", options: { filter: bin("gt", m("A"), int(1)) } },
    ]);
    expect(parseExpand("Orders/$ref($top=1)")).toStrictEqual([
      { path: ["Orders"], suffix: "$ref", options: { top: 1 } },
    ]);
    expect(parseExpand("*($levels=3)")).toStrictEqual([
      { path: ["*"], suffix: null, options: { levels: 3 } },
    ]);
    expect(syntaxErrorOf(() => parseExpand("Orders/$count($top=1)")).message).toBe(
      "'$top' is not allowed in the options of 'Orders/$count' at 14; allowed: $filter, $search",
    );
    expect(syntaxErrorOf(() => parseExpand("*($filter=true)")).message).toBe(
      "'$filter' is not allowed in the options of '*' at 2; allowed: $levels",
    );
  });

  it("reports duplicate, unknown and malformed nested options", () => {
    expect(syntaxErrorOf(() => parseExpand("Orders($top=1;top=2)")).message).toBe(
      "duplicate option '$top' in the options of 'Orders' at 14",
    );
    expect(syntaxErrorOf(() => parseExpand("Orders($fitler=true)")).message).toBe(
      "unknown option '$fitler' in the options of 'Orders' at 7; did you mean '$filter'?",
    );
    expect(syntaxErrorOf(() => parseExpand("Orders($top=1")).message).toBe(
      "expected ';' or ')' to close 'Orders(' opened at 0, found end of input at 13",
    );
    expect(syntaxErrorOf(() => parseExpand("Orders($filter=A eqq 1)")).message).toBe(
      "expected an operator, ';' or ')' to close 'Orders(' opened at 0, found 'eqq' at 17; did you mean 'eq'?",
    );
    expect(syntaxErrorOf(() => parseExpand("Orders($levels=0)")).message).toBe(
      "$levels at 15 must be a positive integer or 'max'",
    );
    expect(syntaxErrorOf(() => parseExpand("Orders($count=yes)")).message).toBe(
      "expected 'true' or 'false' for $count, found 'yes' at 14",
    );
  });

  it("answers 501 for $value, casts and alias definitions inside options", () => {
    expect(notImplementedOf(() => parseExpand("$value")).message).toContain("$expand=$value");
    expect(notImplementedOf(() => parseExpand("Orders/Model.Special")).message).toContain("type-cast");
    expect(notImplementedOf(() => parseExpand("Orders($filter=A eq @p;@p=1)")).message).toContain(
      "parameter alias definitions",
    );
  });
});

describe("$orderby", () => {
  it("reads expressions with optional asc/desc in any case", () => {
    expect(parseOrderBy("Name, Price DESC,length(Name) asc,Orders/$count desc")).toStrictEqual([
      { expr: m("Name"), direction: "asc" },
      { expr: m("Price"), direction: "desc" },
      { expr: call("length", m("Name")), direction: "asc" },
      { expr: { kind: "count", collection: m("Orders"), filter: null, search: null }, direction: "desc" },
    ]);
  });

  it("reports a misplaced or misspelt direction", () => {
    expect(syntaxErrorOf(() => parseOrderBy("Name descending")).message).toBe(
      "expected an operator, ',' or end of input, found 'descending' at 5",
    );
  });
});

describe("$compute", () => {
  it("reads expr as Alias items", () => {
    expect(parseCompute("Price mul Qty as Total, year(Date) as Y")).toStrictEqual([
      { expr: bin("mul", m("Price"), m("Qty")), alias: "Total" },
      { expr: call("year", m("Date")), alias: "Y" },
    ]);
  });

  it("requires an alias", () => {
    expect(syntaxErrorOf(() => parseCompute("Price mul Qty")).message).toBe(
      "expected an operator or 'as', found end of input at 13".replace("an operator or ", ""),
    );
    expect(syntaxErrorOf(() => parseCompute("Price as 1")).message).toBe(
      "expected an alias name after 'as', found '1' at 9",
    );
  });
});
