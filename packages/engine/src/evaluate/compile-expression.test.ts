import type { EdmPrimitiveType } from "@headgate/model";
import type { Expr } from "@headgate/odata";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import {
  all,
  and,
  any,
  bool,
  caseOf,
  count,
  dec,
  div,
  dto,
  eq,
  ge,
  gt,
  int,
  list,
  lt,
  not,
  nul,
  or,
  prop,
  str,
  term,
} from "./test-ast.ts";
import type { CompileOptions, Row } from "./types.ts";

const evaluate = (expr: Expr, row: Row = {}, options?: CompileOptions) =>
  compileExpression(expr, options)(row);
const passes = (expr: Expr, row: Row = {}, options?: CompileOptions) => compileFilter(expr, options)(row);

describe("literals are converted once, to the row representation", () => {
  it("integers become numbers", () => {
    expect(evaluate(int(42))).toBe(42);
    expect(evaluate(int(-7n))).toBe(-7);
  });
  it("decimal text becomes a number", () => {
    expect(evaluate(dec("1.50"))).toBe(1.5);
  });
  it("a DateTimeOffset literal keeps its text (and offset) as its value", () => {
    expect(evaluate(dto("2024-01-31T13:20:00+01:00"))).toBe("2024-01-31T13:20:00+01:00");
  });
  it("null is null", () => {
    expect(evaluate(nul)).toBeNull();
  });
});

describe("member paths", () => {
  const row = { Name: "pump", Address: { City: "Ghent", Geo: null }, Empty: undefined };

  it("read a property of the row", () => {
    expect(evaluate(prop("Name"), row)).toBe("pump");
  });
  it("walk nested objects", () => {
    expect(evaluate(prop("Address/City"), row)).toBe("Ghent");
  });
  it("are null when a step is missing or null", () => {
    expect(evaluate(prop("Missing"), row)).toBeNull();
    expect(evaluate(prop("Empty"), row)).toBeNull();
    expect(evaluate(prop("Address/Geo/Lat"), row)).toBeNull();
    expect(evaluate(prop("Name/Length"), row)).toBeNull();
  });
  it("$it is the row", () => {
    expect(evaluate(prop("$it/Name"), row)).toBe("pump");
    expect(evaluate(prop("$it"), row)).toBe(row);
  });
  it("$this outside a lambda is the row, or the scope's $this", () => {
    expect(evaluate(prop("$this/Name"), row)).toBe("pump");
    expect(compileExpression(prop("$this"))({}, { $this: "x" })).toBe("x");
  });
  it("ignore a non-object second argument (Array#map passes an index)", () => {
    const read = compileExpression(prop("$this/Name"));
    const asMapper = read as unknown as (r: Row, i: number) => unknown;
    expect([row].map(asMapper)).toEqual(["pump"]);
  });
  it("declared variables take their values from the scope", () => {
    const read = compileExpression(prop("o/Qty"), { variables: ["o"] });
    expect(read({}, { o: { Qty: 3 } })).toBe(3);
    expect(read({})).toBeNull();
  });
});

describe("three-valued logic (OData Part 2 §5.1.1.1.7-9)", () => {
  const T = bool(true);
  const F = bool(false);
  // A row property keeps the operands from being folded at compile time.
  const v = (value: boolean | null): Expr => prop(value === null ? "N" : value ? "T" : "F");
  const row = { T: true, F: false, N: null };
  const values = [true, false, null] as const;

  const andTable: Record<string, boolean | null> = {
    "true,true": true,
    "true,false": false,
    "true,null": null,
    "false,true": false,
    "false,false": false,
    "false,null": false,
    "null,true": null,
    "null,false": false,
    "null,null": null,
  };
  const orTable: Record<string, boolean | null> = {
    "true,true": true,
    "true,false": true,
    "true,null": true,
    "false,true": true,
    "false,false": false,
    "false,null": null,
    "null,true": true,
    "null,false": null,
    "null,null": null,
  };

  for (const a of values) {
    for (const b of values) {
      it(`${a} and ${b} = ${andTable[`${a},${b}`]}`, () => {
        expect(evaluate(and(v(a), v(b)), row)).toBe(andTable[`${a},${b}`]);
      });
      it(`${a} or ${b} = ${orTable[`${a},${b}`]}`, () => {
        expect(evaluate(or(v(a), v(b)), row)).toBe(orTable[`${a},${b}`]);
      });
    }
  }

  it("not true = false, not false = true, not null = null", () => {
    expect(evaluate(not(v(true)), row)).toBe(false);
    expect(evaluate(not(v(false)), row)).toBe(true);
    expect(evaluate(not(v(null)), row)).toBeNull();
  });

  it("literal operands fold to the same answers", () => {
    expect(evaluate(and(nul, F))).toBe(false);
    expect(evaluate(or(nul, T))).toBe(true);
    expect(evaluate(not(nul))).toBeNull();
  });

  it("a filter keeps a row only when the predicate is true", () => {
    expect(passes(v(true), row)).toBe(true);
    expect(passes(v(false), row)).toBe(false);
    expect(passes(v(null), row)).toBe(false);
    expect(passes(not(v(null)), row)).toBe(false);
    expect(passes(not(and(v(null), v(false))), row)).toBe(true);
    expect(passes(not(or(v(null), v(false))), row)).toBe(false);
  });
});

describe("null rules across operators", () => {
  it("x eq null is true iff x is null; null eq null is true", () => {
    expect(evaluate(eq(prop("X"), nul), { X: null })).toBe(true);
    expect(evaluate(eq(prop("X"), nul), {})).toBe(true);
    expect(evaluate(eq(prop("X"), nul), { X: 0 })).toBe(false);
    expect(evaluate(eq(nul, nul))).toBe(true);
  });
  it("ordering operators with a null operand are false, so their negation is true", () => {
    expect(evaluate(gt(prop("X"), int(5)), { X: null })).toBe(false);
    expect(evaluate(gt(nul, nul))).toBe(false);
    expect(passes(not(gt(prop("X"), int(5))), { X: null })).toBe(true);
  });
});

describe("case() returns the value of the first true condition, else null", () => {
  const signum = caseOf(
    [gt(prop("X"), int(0)), int(1)],
    [lt(prop("X"), int(0)), int(-1)],
    [bool(true), int(0)],
  );
  it("picks the first matching branch", () => {
    expect(evaluate(signum, { X: 5 })).toBe(1);
    expect(evaluate(signum, { X: -2 })).toBe(-1);
    expect(evaluate(signum, { X: 0 })).toBe(0);
  });
  it("skips null conditions and yields null when nothing matches", () => {
    const partial = caseOf([eq(prop("Flag"), bool(true)), str("yes")]);
    expect(evaluate(partial, { Flag: null })).toBeNull();
    expect(evaluate(caseOf([prop("Flag"), str("yes")], [bool(true), str("no")]), { Flag: null })).toBe("no");
  });
  it("evaluates only the chosen branch", () => {
    const guarded = caseOf([eq(prop("D"), int(0)), int(0)], [bool(true), div(int(10), prop("D"))]);
    expect(evaluate(guarded, { D: 0 })).toBe(0);
    expect(evaluate(guarded, { D: 3 })).toBe(3);
  });
});

describe("lambda operators any/all (§5.1.1.13)", () => {
  const order = {
    Customer: "ACME",
    Address: "Main St",
    Lines: [
      { Sku: "P-1", Qty: 5, ShipTo: { City: "Ghent" }, Tags: ["red"] },
      { Sku: "V-2", Qty: 0, ShipTo: { City: "Paris" }, Tags: [] },
    ],
    Tags: ["urgent", "export"],
    Empty: [],
  };

  it("any is true iff the predicate is true for some element", () => {
    expect(passes(any(prop("Lines"), "l", gt(prop("l/Qty"), int(3))), order)).toBe(true);
    expect(passes(any(prop("Lines"), "l", gt(prop("l/Qty"), int(30))), order)).toBe(false);
  });
  it("all is true iff the predicate is true for every element", () => {
    expect(passes(all(prop("Lines"), "l", ge(prop("l/Qty"), int(0))), order)).toBe(true);
    expect(passes(all(prop("Lines"), "l", gt(prop("l/Qty"), int(0))), order)).toBe(false);
  });
  it("any over an empty or null collection is false; all is true", () => {
    expect(passes(any(prop("Empty"), "x", bool(true)), order)).toBe(false);
    expect(passes(all(prop("Empty"), "x", bool(false)), order)).toBe(true);
    expect(passes(any(prop("Missing"), "x", bool(true)), order)).toBe(false);
    expect(passes(all(prop("Missing"), "x", bool(false)), order)).toBe(true);
  });
  it("any() without a predicate tests for a non-empty collection", () => {
    expect(passes(any(prop("Tags"), null, null), order)).toBe(true);
    expect(passes(any(prop("Empty"), null, null), order)).toBe(false);
  });
  it("reads nested paths through the variable", () => {
    expect(passes(any(prop("Lines"), "l", eq(prop("l/ShipTo/City"), str("Paris"))), order)).toBe(true);
  });
  it("$this is the current element (collections of primitives)", () => {
    expect(passes(any(prop("Tags"), "t", eq(prop("$this"), str("export"))), order)).toBe(true);
    expect(passes(any(prop("Tags"), "t", eq(prop("t"), str("import"))), order)).toBe(false);
  });
  it("unprefixed paths and $it refer to the instance the collection belongs to", () => {
    expect(passes(any(prop("Lines"), "l", eq(prop("Customer"), str("ACME"))), order)).toBe(true);
    expect(passes(any(prop("Lines"), "l", eq(prop("$it/Customer"), str("ACME"))), order)).toBe(true);
  });
  it("nested lambdas see every enclosing variable", () => {
    const nested = any(
      prop("Lines"),
      "l",
      any(prop("l/Tags"), "t", and(eq(prop("t"), str("red")), eq(prop("l/Sku"), str("P-1")))),
    );
    expect(passes(nested, order)).toBe(true);
  });
  it("a lambda variable wins over a property of the same name", () => {
    const row = { Qty: 100, Lines: [{ Qty: 1 }] };
    expect(passes(any(prop("Lines"), "Qty", eq(prop("Qty/Qty"), int(1))), row)).toBe(true);
  });
  it("all without a predicate is a bad request", () => {
    const bad: Expr = {
      kind: "lambda",
      op: "all",
      collection: prop("Tags"),
      variable: null,
      predicate: null,
    };
    expect(() => compileFilter(bad)).toThrow(expect.objectContaining({ code: "InvalidLambda", status: 400 }));
  });
});

describe("/$count of a collection", () => {
  const row = {
    Lines: [
      { Qty: 5, Note: "Blue pump" },
      { Qty: 0, Note: "valve" },
      { Qty: 7, Note: "PUMP housing" },
    ],
    Tags: ["a", "b"],
  };
  it("counts the elements", () => {
    expect(evaluate(count(prop("Lines")), row)).toBe(3);
    expect(evaluate(count(prop("Missing")), row)).toBe(0);
  });
  it("counts only elements the nested filter keeps (paths relative to the element)", () => {
    expect(evaluate(count(prop("Lines"), gt(prop("Qty"), int(0))), row)).toBe(2);
    expect(evaluate(count(prop("Tags"), eq(prop("$this"), str("b"))), row)).toBe(1);
  });
  it("counts only elements the nested search matches", () => {
    expect(evaluate(count(prop("Lines"), null, term("pump")), row)).toBe(2);
  });
  it("compares like any number", () => {
    expect(passes(ge(count(prop("Lines")), int(3)), row)).toBe(true);
  });
});

describe("property types steer evaluation", () => {
  const types = (map: Record<string, EdmPrimitiveType>) => ({
    propertyType: (path: readonly string[]) => map[path.join("/")],
  });
  it("lambda element paths are asked for as collection paths", () => {
    const asked: string[] = [];
    compileFilter(any(prop("Lines"), "l", eq(prop("l/Qty"), int(1))), {
      propertyType: (path) => {
        asked.push(path.join("/"));
        return undefined;
      },
    });
    expect(asked).toContain("Lines/Qty");
  });
  it("an integer-typed property divides as an integer", () => {
    expect(
      evaluate(div(prop("A"), prop("B")), { A: 7, B: 2 }, types({ A: "Edm.Int32", B: "Edm.Int32" })),
    ).toBe(3);
    expect(
      evaluate(div(prop("A"), prop("B")), { A: 7, B: 2 }, types({ A: "Edm.Double", B: "Edm.Int32" })),
    ).toBe(3.5);
  });
});

describe("lists outside in", () => {
  it("evaluate to arrays", () => {
    expect(evaluate(list(int(1), prop("X")), { X: "a" })).toEqual([1, "a"]);
  });
});

describe("errors surface when a row is evaluated, not when compiling", () => {
  it("1 div 0 compiles and throws per evaluation", () => {
    const f = compileExpression(div(int(1), int(0)));
    expect(() => f({})).toThrow(expect.objectContaining({ code: "DivisionByZero", status: 400 }));
  });
});
