/**
 * Algebraic laws of the compiled logic, checked over generated predicates and rows. Truth mode
 * (`compileFilter`) and value mode (`compileExpression`) are compiled differently, so the laws
 * also pin them to each other.
 */
import type { Expr } from "@headgate/odata";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression, compileFilter } from "./compile-expression.ts";
import { and, bool, call, eq, gt, int, not, nul, or, prop, str } from "./test-ast.ts";

const leaf: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom(prop("A"), prop("B"), prop("C"), bool(true), bool(false), nul),
  fc.integer({ min: -2, max: 2 }).map((k) => gt(prop("N"), int(k))),
  fc.constantFrom("a", "b").map((s) => eq(prop("S"), str(s))),
  fc.constantFrom("a", "x").map((s) => call("contains", prop("S"), str(s))),
);

const { predicate } = fc.letrec<{ predicate: Expr }>((tie) => ({
  predicate: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    tie("predicate").map(not),
    fc.tuple(tie("predicate"), tie("predicate")).map(([l, r]) => and(l, r)),
    fc.tuple(tie("predicate"), tie("predicate")).map(([l, r]) => or(l, r)),
  ),
}));

const maybeBoolean = fc.constantFrom(true, false, null);
const row = fc.record({
  A: maybeBoolean,
  B: maybeBoolean,
  C: maybeBoolean,
  N: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  S: fc.option(fc.constantFrom("a", "b", "abc", "xa"), { nil: null }),
});

describe("not under three-valued logic", () => {
  it("filter(not p) = !filter(p) exactly when p is not null; both exclude the row when p is null", () => {
    fc.assert(
      fc.property(predicate, row, (p, r) => {
        const value = compileExpression(p)(r);
        const kept = compileFilter(p)(r);
        const keptByNot = compileFilter(not(p))(r);
        if (value === null) {
          expect(kept).toBe(false);
          expect(keptByNot).toBe(false);
        } else {
          expect(keptByNot).toBe(!kept);
        }
      }),
    );
  });
  it("a filter keeps exactly the rows whose value is true", () => {
    fc.assert(
      fc.property(predicate, row, (p, r) => {
        expect(compileFilter(p)(r)).toBe(compileExpression(p)(r) === true);
      }),
    );
  });
  it("not not p = p", () => {
    fc.assert(
      fc.property(predicate, row, (p, r) => {
        expect(compileExpression(not(not(p)))(r)).toBe(compileExpression(p)(r));
      }),
    );
  });
});

describe("and / or are commutative under three-valued logic", () => {
  it("p and q = q and p; p or q = q or p (values, null included)", () => {
    fc.assert(
      fc.property(predicate, predicate, row, (p, q, r) => {
        expect(compileExpression(and(p, q))(r)).toBe(compileExpression(and(q, p))(r));
        expect(compileExpression(or(p, q))(r)).toBe(compileExpression(or(q, p))(r));
      }),
    );
  });
  it("De Morgan: not (p and q) = (not p) or (not q)", () => {
    fc.assert(
      fc.property(predicate, predicate, row, (p, q, r) => {
        expect(compileExpression(not(and(p, q)))(r)).toBe(compileExpression(or(not(p), not(q)))(r));
      }),
    );
  });
});
