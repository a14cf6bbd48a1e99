import { describe, expect, it } from "vitest";
import type { BinaryOperator, Expr } from "../ast.ts";
import {
  and,
  bin,
  bool,
  call,
  eq,
  inList,
  int,
  lit,
  m,
  neg,
  not,
  notImplementedOf,
  nul,
  or,
  str,
  syntaxErrorOf,
} from "../testing/builders.ts";
import { parseExpression, parseFilter, parseQueryOptions } from "./query-options.ts";

const p = (text: string): Expr => parseExpression(text);
const A = m("A");
const B = m("B");
const C = m("C");

type Op = BinaryOperator | "in";
const node = (op: Op, left: Expr, right: Expr): Expr =>
  op === "in" ? { kind: "in", left, right } : bin(op, left, right);

/** The 4.01 table, highest first; every operator of a level binds tighter than any below it. */
const LEVELS: readonly (readonly Op[])[] = [
  ["mul", "div", "divby", "mod"],
  ["add", "sub"],
  ["gt", "ge", "lt", "le", "has", "in"],
  ["eq", "ne"],
  ["and"],
  ["or"],
];

describe("operator precedence", () => {
  for (let high = 0; high < LEVELS.length; high++) {
    for (let low = high + 1; low < LEVELS.length; low++) {
      for (const h of LEVELS[high]!) {
        for (const l of LEVELS[low]!) {
          it(`'${h}' binds tighter than '${l}'`, () => {
            expect(p(`A ${l} B ${h} C`)).toStrictEqual(node(l, A, node(h, B, C)));
            expect(p(`A ${h} B ${l} C`)).toStrictEqual(node(l, node(h, A, B), C));
          });
        }
      }
    }
  }

  it("puts not and unary minus above every binary operator", () => {
    expect(p("not A eq B")).toStrictEqual(eq(not(A), B));
    expect(p("not A and B")).toStrictEqual(and(not(A), B));
    expect(p("-A mul B")).toStrictEqual(bin("mul", neg(A), B));
    expect(p("- A mul B")).toStrictEqual(bin("mul", neg(A), B));
    expect(p("not not A")).toStrictEqual(not(not(A)));
    expect(p("--A")).toStrictEqual(neg(neg(A)));
  });

  it("puts grouping, member access and calls above everything", () => {
    expect(p("(A or B) and C")).toStrictEqual(and(or(A, B), C));
    expect(p("not (A eq B)")).toStrictEqual(not(eq(A, B)));
    expect(p("not(A)")).toStrictEqual(not(A));
    expect(p("-length(A/B) add 1")).toStrictEqual(bin("add", neg(call("length", m("A", "B"))), int(1)));
  });
});

describe("associativity", () => {
  for (const level of LEVELS) {
    for (const op of level) {
      it(`'${op}' is left-associative`, () => {
        expect(p(`A ${op} B ${op} C`)).toStrictEqual(node(op, node(op, A, B), C));
      });
    }
  }

  it("mixes operators of one level left to right", () => {
    expect(p("A div B mul C")).toStrictEqual(bin("mul", bin("div", A, B), C));
    expect(p("A sub B add C")).toStrictEqual(bin("add", bin("sub", A, B), C));
  });

  it("keeps explicit grouping on the right", () => {
    expect(p("A sub (B sub C)")).toStrictEqual(bin("sub", A, bin("sub", B, C)));
  });
});

describe("case-insensitivity", () => {
  it("matches operators, keywords and names of functions in any case, storing the spec spelling", () => {
    expect(p("A EQ 1 AnD not B Or C")).toStrictEqual(or(and(eq(A, int(1)), not(B)), C));
    expect(p("MATCHESPATTERN(A,'x')")).toStrictEqual(call("matchesPattern", A, str("x")));
    expect(p("Geo.Distance(A,B)")).toStrictEqual(call("geo.distance", A, B));
    expect(p("TRUE eq Null")).toStrictEqual(eq(bool(true), nul));
    expect(p("Tags/ANY(t:t eq 1)")).toMatchObject({ kind: "lambda", op: "any" });
    expect(p("$IT/Name")).toStrictEqual(m("$it", "Name"));
    expect(p("$This")).toStrictEqual(m("$this"));
    expect(p("Orders/$COUNT")).toMatchObject({ kind: "count" });
  });

  it("keeps property names as written", () => {
    expect(p("Address/City")).toStrictEqual(m("Address", "City"));
  });
});

describe("in", () => {
  it("takes a parenthesised list, a JSON array or a collection", () => {
    expect(p("A in (1,2, 3)")).toStrictEqual(inList(A, int(1), int(2), int(3)));
    expect(p('A in [\'a\', "b\\"c"]')).toStrictEqual(inList(A, str("a"), str('b"c')));
    expect(p("A in %5B1%5D")).toStrictEqual(inList(A, int(1)));
    expect(p("A in Tags")).toStrictEqual({ kind: "in", left: A, right: m("Tags") });
    expect(p("A in ()")).toStrictEqual(inList(A));
  });

  it("reads (literal) as a one-item list and (expression) as a grouped expression", () => {
    expect(p("A in ('x')")).toStrictEqual(inList(A, str("x")));
    expect(p("A in (Tags)")).toStrictEqual({ kind: "in", left: A, right: m("Tags") });
    expect(p("A in (B) add 1")).toStrictEqual({ kind: "in", left: A, right: bin("add", B, int(1)) });
  });

  it("accepts JSON arrays anywhere an expression may stand", () => {
    expect(p("hassubset(Tags,['a','b'])")).toStrictEqual(
      call("hassubset", m("Tags"), { kind: "list", items: [str("a"), str("b")] }),
    );
  });
});

describe("other operators and forms", () => {
  it("reads has with an enumeration value, and divby", () => {
    expect(p("Color has Sales.Color'Red'")).toStrictEqual(
      bin("has", m("Color"), lit({ kind: "enum", typeName: "Sales.Color", value: "Red" })),
    );
    expect(p("A divby 2 mod 3")).toStrictEqual(bin("mod", bin("divby", A, int(2)), int(3)));
  });

  it("reads case(condition:value, ..., true:value)", () => {
    expect(p("case(A gt 1:'big', A gt 0 : 'small',true:'none')")).toStrictEqual({
      kind: "case",
      branches: [
        { when: bin("gt", A, int(1)), then: str("big") },
        { when: bin("gt", A, int(0)), then: str("small") },
        { when: bool(true), then: str("none") },
      ],
    });
  });

  it("reads isof and cast with and without an operand", () => {
    expect(p("isof(Edm.String)")).toStrictEqual({ kind: "isof", operand: null, typeName: "Edm.String" });
    expect(p("isof(Price, Edm.Decimal)")).toStrictEqual({
      kind: "isof",
      operand: m("Price"),
      typeName: "Edm.Decimal",
    });
    expect(p("cast(Customer)")).toStrictEqual({ kind: "cast", operand: null, typeName: "Customer" });
    expect(p("cast(A add 1,Collection(Edm.Int32))")).toStrictEqual({
      kind: "cast",
      operand: bin("add", A, int(1)),
      typeName: "Collection(Edm.Int32)",
    });
  });

  it("reads lambdas with and without a predicate", () => {
    expect(p("Tags/any(t: t eq 'x')")).toStrictEqual({
      kind: "lambda",
      op: "any",
      collection: m("Tags"),
      variable: "t",
      predicate: eq(m("t"), str("x")),
    });
    expect(p("Tags/any()")).toStrictEqual({
      kind: "lambda",
      op: "any",
      collection: m("Tags"),
      variable: null,
      predicate: null,
    });
    expect(p("$it/Lines/all(l:l/Items/any(i:i/Qty gt l/Min))")).toStrictEqual({
      kind: "lambda",
      op: "all",
      collection: m("$it", "Lines"),
      variable: "l",
      predicate: {
        kind: "lambda",
        op: "any",
        collection: m("l", "Items"),
        variable: "i",
        predicate: bin("gt", m("i", "Qty"), m("l", "Min")),
      },
    });
  });

  it("requires a variable for all()", () => {
    expect(syntaxErrorOf(() => p("Tags/all()")).message).toBe(
      "expected a lambda variable (all needs one, as in all(x: x gt 0)), found ')' at 9",
    );
  });

  it("reads /$count, with $filter and $search options in any spelling", () => {
    expect(p("Orders/$count gt 5")).toStrictEqual(
      bin("gt", { kind: "count", collection: m("Orders"), filter: null, search: null }, int(5)),
    );
    expect(p("Orders/$count($filter=Amount gt 5;search=blue)")).toStrictEqual({
      kind: "count",
      collection: m("Orders"),
      filter: bin("gt", m("Amount"), int(5)),
      search: { kind: "term", text: "blue", phrase: false },
    });
    expect(syntaxErrorOf(() => p("Orders/$count($top=1)")).message).toBe(
      "expected '$filter=' or '$search=' in '$count(' opened at 13, found '$' at 14",
    );
    expect(syntaxErrorOf(() => p("Orders/$count($filter=true;$filter=false)")).message).toBe(
      "duplicate option '$filter' at 27 in '$count('",
    );
  });
});

describe("canonical functions", () => {
  it("check the number of arguments", () => {
    expect(syntaxErrorOf(() => p("contains(Name)")).message).toBe(
      "expected an operator or ',' in 'contains(' opened at 0 ('contains' takes 2 arguments), found ')' at 13",
    );
    expect(syntaxErrorOf(() => p("length(A,B)")).message).toBe(
      "expected an operator or ')' to close 'length(' opened at 0 ('length' takes 1 argument), found ',' at 8",
    );
    expect(syntaxErrorOf(() => p("now(1)")).message).toBe(
      "expected ')' to close 'now(' opened at 0 ('now' takes no arguments), found '1' at 4",
    );
    expect(p("substring(A,1)")).toStrictEqual(call("substring", A, int(1)));
    expect(p("substring(A,1,2)")).toStrictEqual(call("substring", A, int(1), int(2)));
    expect(p("now()")).toStrictEqual(call("now"));
  });

  it("report an unclosed call where the input ends", () => {
    const error = syntaxErrorOf(() => parseFilter("A and contains(Name,'x'"));
    expect(error.message).toBe("expected ')' to close 'contains(' opened at 6, found end of input at 23");
    expect(error.position).toBe(23);
    expect(error.expected).toStrictEqual(["')'"]);
  });

  it("suggest the nearest name for an unknown function", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("$filter=contians(Name,'x')"));
    expect(error.message).toBe("unknown function 'contians' at 8; did you mean 'contains'?");
    expect(error.position).toBe(8);
    expect(error.target).toBe("$filter");
    expect(syntaxErrorOf(() => p("geo.distanse(A,B)")).message).toBe(
      "unknown function 'geo.distanse' at 0; did you mean 'geo.distance'?",
    );
    expect(syntaxErrorOf(() => p("frobnicate(A)")).message).toBe("unknown function 'frobnicate' at 0");
  });

  it("answer 501 for namespace-qualified custom functions", () => {
    const error = notImplementedOf(() => p("Model.Fn(A) eq 1"));
    expect(error.status).toBe(501);
    expect(error.message).toBe(
      "custom and bound functions in expressions (Namespace.Function(...)) is not supported: Headgate models no custom functions, actions or aggregates (at 0)",
    );
  });
});

describe("parameter aliases", () => {
  it("are replaced by their values, which may be any expression or a JSON array", () => {
    const aliases = { p: "5", "@q": "['a','b']", r: "Price mul 2" };
    expect(parseFilter("A eq @p and B in @q and C gt @r", { aliases })).toStrictEqual(
      and(and(eq(A, int(5)), inList(B, str("a"), str("b"))), bin("gt", C, bin("mul", m("Price"), int(2)))),
    );
  });

  it("are null when not defined", () => {
    expect(parseFilter("A eq @missing")).toStrictEqual(eq(A, nul));
    expect(parseFilter("A eq @empty", { aliases: { empty: "" } })).toStrictEqual(eq(A, nul));
  });

  it("may stand for a path that continues", () => {
    expect(parseFilter("@p/City eq 'x'", { aliases: { p: "Address" } })).toStrictEqual(
      eq(m("Address", "City"), str("x")),
    );
    expect(notImplementedOf(() => parseFilter("@p/City", { aliases: { p: "1" } })).status).toBe(501);
  });

  it("must not refer to themselves", () => {
    const error = syntaxErrorOf(() => parseFilter("A eq @a", { aliases: { a: "@b add 1", b: "@a" } }));
    expect(error.message).toBe("parameter alias '@a' at 0 refers to itself (@a -> @b -> @a)");
    expect(error.target).toBe("@b");
  });

  it("report errors in their value at the value's position", () => {
    const error = syntaxErrorOf(() => parseQueryOptions("$filter=A eq @p&@p=1 eqq 2"));
    expect(error.position).toBe(21);
    expect(error.target).toBe("@p");
    expect(error.message).toBe(
      "expected an operator or the end of the value of '@p', found 'eqq' at 21; did you mean 'eq'?",
    );
  });
});

describe("syntax errors", () => {
  it("name what was expected, what was found, and where", () => {
    expect(syntaxErrorOf(() => p("A eq")).message).toBe(
      "expected an expression after 'eq', found end of input at 4",
    );
    expect(syntaxErrorOf(() => p("A eq(5)")).message).toBe("expected whitespace after 'eq', found '(' at 4");
    expect(syntaxErrorOf(() => p("A eq ")).message).toBe("expected an expression, found end of input at 5");
    expect(syntaxErrorOf(() => p("(A eq B")).message).toBe(
      "expected ')' to close '(' opened at 0, found end of input at 7",
    );
    expect(syntaxErrorOf(() => p("(A eq B C")).message).toBe(
      "expected an operator or ')' to close '(' opened at 0, found 'C' at 8",
    );
    expect(syntaxErrorOf(() => p('A eq "x"')).message).toBe(
      "unexpected '\"' at 5; string literals are written in single quotes: 'text'",
    );
    expect(syntaxErrorOf(() => p("$foo")).message).toBe("unexpected '$foo' at 0; expected '$it' or '$this'");
  });

  it("hint at a misspelt operator or a missing space before one", () => {
    expect(syntaxErrorOf(() => p("Name eqq 'x'")).message).toBe(
      "expected an operator or end of input, found 'eqq' at 5; did you mean 'eq'?",
    );
    expect(syntaxErrorOf(() => p("Name eq 'x'and B")).message).toBe(
      "expected an operator or end of input, found 'and' at 11; put a space before the operator 'and'",
    );
  });

  it("hint that a call's '(' follows its name directly", () => {
    expect(syntaxErrorOf(() => p("contains (Name,'x')")).message).toBe(
      "expected an operator or end of input, found '(' at 9; write '(' directly after 'contains'",
    );
  });
});

describe("valid but unsupported constructs answer 501", () => {
  it.each([
    ["$root/People", "$root"],
    ["$these", "$these"],
    ["Model.Derived/Name", "type-cast segments"],
    ["A/Model.Derived", "type-cast segments"],
    ["Orders(1)/Amount", "unknown function"],
    ["A/Orders(1)", "key predicates and function calls"],
    ["A/Model.Fn()", "custom and bound functions"],
    ["Orders/$filter(Amount gt 1)/$count", "/$filter(...)"],
    ['A eq {"a":1}', "JSON object literals"],
    ["isdefined(A)", "isdefined"],
    ["A/@Core.Description", "annotations"],
  ])("%s", (text, name) => {
    try {
      p(text);
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).toContain(name);
    }
  });
});
