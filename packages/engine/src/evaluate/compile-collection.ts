/**
 * Lambdas (`any`, `all`; OData Part 2 §5.1.1.13) and `/$count` of a collection.
 *
 * The current element goes into a frame slot the body reads, so iterating allocates nothing.
 * Inside a lambda, unprefixed paths resolve against the instance the collection path starts
 * from (`Orders/any(o: o/ShipTo ne Address)`: `Address` is the customer's); inside
 * `$count($filter=...)` they resolve against the element, as in a nested `$filter`.
 *
 * `any` is true iff the predicate is true for some element (false for an empty collection);
 * `all` iff it is true for every element (true for an empty one). A null collection counts as
 * empty, and `/$count` of it is 0.
 */
import { type Expr, ODataError } from "@headgate/odata";
import { compileSearchInValue } from "./match-search.ts";
import { predicateNode, valueNode } from "./nodes.ts";
import type { CompileContext, Compiled, InstanceRef } from "./types.ts";

type LambdaExpr = Extract<Expr, { kind: "lambda" }>;
type CountExpr = Extract<Expr, { kind: "count" }>;

interface ElementScope {
  readonly slot: number;
  readonly inner: CompileContext;
}

function elementScope(
  ctx: CompileContext,
  collection: Compiled,
  variable: string | null,
  unprefixed: "origin" | "element",
): ElementScope {
  const slot = ctx.frame.push(null) - 1;
  const element: InstanceRef = { slot, typePath: collection.member?.typePath ?? [] };
  const bindings = variable === null ? ctx.bindings : [...ctx.bindings, { ...element, name: variable }];
  const origin = unprefixed === "element" ? element : (collection.member?.origin ?? ctx.origin);
  return { slot, inner: { ...ctx, bindings, self: element, origin } };
}

export function compileLambda(expr: LambdaExpr, ctx: CompileContext): Compiled {
  const collection = ctx.compile(expr.collection, ctx);
  const items = collection.evaluate;
  if (expr.predicate === null) {
    if (expr.op === "all") {
      throw new ODataError({
        code: "InvalidLambda",
        message: "all needs a lambda variable and a predicate, e.g. Items/all(i: i/Quantity gt 0)",
        status: 400,
      });
    }
    return predicateNode((row) => {
      const members = items(row);
      return Array.isArray(members) && members.length > 0;
    });
  }
  const { slot, inner } = elementScope(ctx, collection, expr.variable, "origin");
  const test = ctx.compileTruth(expr.predicate, inner, true);
  const frame = ctx.frame;
  if (expr.op === "any") {
    return predicateNode((row) => {
      const members = items(row);
      if (!Array.isArray(members)) return false;
      for (const member of members) {
        frame[slot] = member;
        if (test(row)) return true;
      }
      return false;
    });
  }
  return predicateNode((row) => {
    const members = items(row);
    if (!Array.isArray(members)) return true;
    for (const member of members) {
      frame[slot] = member;
      if (!test(row)) return false;
    }
    return true;
  });
}

export function compileCount(expr: CountExpr, ctx: CompileContext): Compiled {
  const collection = ctx.compile(expr.collection, ctx);
  const items = collection.evaluate;
  const sizeOf = (members: unknown): number | null =>
    Array.isArray(members) ? members.length : members == null ? 0 : null;
  if (expr.filter === null && expr.search === null) return valueNode((row) => sizeOf(items(row)), "integer");
  const { slot, inner } = elementScope(ctx, collection, null, "element");
  const test = expr.filter === null ? undefined : ctx.compileTruth(expr.filter, inner, true);
  const matches = expr.search === null ? undefined : compileSearchInValue(expr.search);
  const frame = ctx.frame;
  return valueNode((row) => {
    const members = items(row);
    if (!Array.isArray(members)) return sizeOf(members);
    let n = 0;
    for (const member of members) {
      frame[slot] = member;
      if ((test === undefined || test(row)) && (matches === undefined || matches(member))) n++;
    }
    return n;
  }, "integer");
}
