/**
 * `and`, `or`, `not` with the three-valued logic of OData Part 2 §5.1.1.1.7-9: null is unknown,
 * so `null and false` = false, `null or true` = true, `not null` = null, and every other
 * combination with null is null. Operands that are not Boolean count as unknown (the binder
 * rejects them before they get here).
 *
 * Two compilations exist. Value mode yields true/false/null, for `$compute` and nested use.
 * Truth mode (`compileTruth`) yields a plain boolean "evaluates to `want`", which is all a
 * filter needs: "is true" of `a and b` is "a is true && b is true", and `not` flips the wanted
 * value instead of materialising null. That keeps `$filter` free of null bookkeeping per row.
 */
import type { Expr } from "@headgate/odata";
import { fold, predicateNode, valueNode } from "./nodes.ts";
import type { CompileContext, Compiled, RowPredicate } from "./types.ts";

export function compileAnd(left: Compiled, right: Compiled): Compiled {
  const lp = left.predicate;
  const rp = right.predicate;
  if (lp !== undefined && rp !== undefined)
    return fold(
      predicateNode((row) => lp(row) && rp(row)),
      [left, right],
    );
  const l = left.evaluate;
  const r = right.evaluate;
  return fold(
    valueNode((row) => {
      const a = l(row);
      if (a === false) return false;
      const b = r(row);
      if (b === false) return false;
      return a === true && b === true ? true : null;
    }, "boolean"),
    [left, right],
  );
}

export function compileOr(left: Compiled, right: Compiled): Compiled {
  const lp = left.predicate;
  const rp = right.predicate;
  if (lp !== undefined && rp !== undefined)
    return fold(
      predicateNode((row) => lp(row) || rp(row)),
      [left, right],
    );
  const l = left.evaluate;
  const r = right.evaluate;
  return fold(
    valueNode((row) => {
      const a = l(row);
      if (a === true) return true;
      const b = r(row);
      if (b === true) return true;
      return a === false && b === false ? false : null;
    }, "boolean"),
    [left, right],
  );
}

export function compileNot(operand: Compiled): Compiled {
  const p = operand.predicate;
  if (p !== undefined)
    return fold(
      predicateNode((row) => !p(row)),
      [operand],
    );
  const get = operand.evaluate;
  return fold(
    valueNode((row) => {
      const v = get(row);
      return v === true ? false : v === false ? true : null;
    }, "boolean"),
    [operand],
  );
}

/** A predicate true exactly when `expr` evaluates to `want` (never when it is null). */
export function compileTruth(expr: Expr, ctx: CompileContext, want: boolean): RowPredicate {
  if (expr.kind === "not") return compileTruth(expr.operand, ctx, !want);
  if (expr.kind === "binary" && (expr.op === "and" || expr.op === "or")) {
    const l = compileTruth(expr.left, ctx, want);
    const r = compileTruth(expr.right, ctx, want);
    // "and is true" and "or is false" need both sides; the other two need either side.
    return (expr.op === "and") === want ? (row) => l(row) && r(row) : (row) => l(row) || r(row);
  }
  const node = ctx.compile(expr, ctx);
  if (node.constant !== undefined) {
    const hit = node.constant.value === want;
    return () => hit;
  }
  const p = node.predicate;
  if (p !== undefined) return want ? p : (row) => !p(row);
  const get = node.evaluate;
  return want ? (row) => get(row) === true : (row) => get(row) === false;
}
