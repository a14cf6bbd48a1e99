/**
 * Compiles an expression tree once into nested closures; evaluating a row then runs those
 * closures, with no tree walk, no dispatch on node kinds and no allocation on the common paths.
 * Each node's compiler knows its operands' static kinds (binder types, literals), so it picks
 * the specialised comparison or arithmetic up front; constant sub-expressions are folded.
 *
 * Semantics follow OData 4.01 Part 2 §5.1.1; the per-topic files say which rules they apply.
 */
import type { Expr } from "@headgate/odata";
import { compileArithmetic, compileNegate } from "./compile-arithmetic.ts";
import { compileCall } from "./compile-call.ts";
import { compileCount, compileLambda } from "./compile-collection.ts";
import { compileComparison, compileHas, compileInCollection, compileInList } from "./compile-comparison.ts";
import { compileAnd, compileNot, compileOr, compileTruth } from "./compile-logical.ts";
import { compileMember } from "./compile-member.ts";
import { constantNode, fold, valueNode } from "./nodes.ts";
import { compileCast, compileIsOf } from "./type-functions.ts";
import {
  type CompileContext,
  type Compiled,
  type CompiledExpression,
  type CompileOptions,
  type CompileState,
  ROOT_THIS_SLOT,
  type Row,
  type RowPredicate,
  type Scope,
  type ValueKind,
} from "./types.ts";
import { isNumericKind, literalValue } from "./value-kinds.ts";

type BinaryExpr = Extract<Expr, { kind: "binary" }>;
type CaseExpr = Extract<Expr, { kind: "case" }>;

function compileBinary(expr: BinaryExpr, ctx: CompileContext): Compiled {
  const left = ctx.compile(expr.left, ctx);
  const right = ctx.compile(expr.right, ctx);
  switch (expr.op) {
    case "and":
      return compileAnd(left, right);
    case "or":
      return compileOr(left, right);
    case "has":
      return compileHas(left, right);
    case "eq":
    case "ne":
    case "gt":
    case "ge":
    case "lt":
    case "le":
      return compileComparison(expr.op, left, right);
    default:
      return compileArithmetic(expr.op, left, right);
  }
}

/** The kind of a `case`: the results' common kind, a numeric kind when all are numbers. */
function caseKind(kinds: readonly ValueKind[]): ValueKind {
  const distinct = [...new Set(kinds.filter((kind) => kind !== "null"))];
  if (distinct.length === 1) return distinct[0]!;
  if (distinct.length > 1 && distinct.every(isNumericKind))
    return distinct.includes("double") ? "double" : "decimal";
  return "unknown";
}

/** `case(c1:v1, ..., cn:vn)`: the value of the first true condition, else null (§5.1.1.12.1). */
function compileCase(expr: CaseExpr, ctx: CompileContext): Compiled {
  const conditions = expr.branches.map((branch) => ctx.compileTruth(branch.when, ctx, true));
  const results = expr.branches.map((branch) => ctx.compile(branch.then, ctx));
  const values = results.map((result) => result.evaluate);
  const n = conditions.length;
  return valueNode(
    (row) => {
      for (let i = 0; i < n; i++) if (conditions[i]!(row)) return values[i]!(row);
      return null;
    },
    caseKind(results.map((result) => result.kind)),
  );
}

function compileList(items: readonly Expr[], ctx: CompileContext): Compiled {
  const nodes = items.map((item) => ctx.compile(item, ctx));
  const values = nodes.map((node) => node.evaluate);
  return fold(
    valueNode((row) => values.map((value) => value(row)), "unknown"),
    nodes,
  );
}

function compileNode(expr: Expr, ctx: CompileContext): Compiled {
  switch (expr.kind) {
    case "literal": {
      const { value, kind, geoFamily } = literalValue(expr.literal);
      return constantNode(value, kind, geoFamily);
    }
    case "member":
      return compileMember(expr.path, ctx);
    case "binary":
      return compileBinary(expr, ctx);
    case "in": {
      const left = ctx.compile(expr.left, ctx);
      return expr.right.kind === "list"
        ? compileInList(
            left,
            expr.right.items.map((item) => ctx.compile(item, ctx)),
          )
        : compileInCollection(left, ctx.compile(expr.right, ctx));
    }
    case "not":
      return compileNot(ctx.compile(expr.operand, ctx));
    case "negate":
      return compileNegate(ctx.compile(expr.operand, ctx));
    case "call":
      return compileCall(
        expr.name,
        expr.args.map((arg) => ctx.compile(arg, ctx)),
        ctx,
      );
    case "case":
      return compileCase(expr, ctx);
    case "isof":
    case "cast": {
      // Without an operand the function applies to the current instance ($this).
      const operand = ctx.compile(expr.operand ?? { kind: "member", path: ["$this"] }, ctx);
      return expr.kind === "isof" ? compileIsOf(operand, expr.typeName) : compileCast(operand, expr.typeName);
    }
    case "lambda":
      return compileLambda(expr, ctx);
    case "count":
      return compileCount(expr, ctx);
    case "list":
      return compileList(expr.items, ctx);
  }
}

interface Root {
  readonly ctx: CompileContext;
  /** Wraps an evaluator so each call fills the slots `scope` provides. */
  bind<T>(evaluate: (row: Row) => T): (row: Row, scope?: Scope) => T;
}

function createRoot(options: CompileOptions): Root {
  const frame: unknown[] = [null];
  const state: CompileState = { usesRootThis: false };
  const bindings = (options.variables ?? []).map((name) => ({
    name,
    slot: frame.push(null) - 1,
    typePath: [],
  }));
  const ctx: CompileContext = {
    options,
    frame,
    state,
    bindings,
    origin: { slot: -1, typePath: [] },
    self: { slot: ROOT_THIS_SLOT, typePath: [] },
    compile: compileNode,
    compileTruth,
  };
  const bind = <T>(evaluate: (row: Row) => T): ((row: Row, scope?: Scope) => T) => {
    if (!state.usesRootThis && bindings.length === 0) return evaluate;
    return (row, scope) => {
      // Array#filter and #map pass an index second; only an object is a scope.
      const given = typeof scope === "object" && scope !== null ? scope : undefined;
      frame[ROOT_THIS_SLOT] = given !== undefined && "$this" in given ? given.$this : row;
      for (const binding of bindings) frame[binding.slot] = given?.[binding.name] ?? null;
      return evaluate(row);
    };
  };
  return { ctx, bind };
}

export interface TypedExpression {
  readonly evaluate: CompiledExpression;
  readonly kind: ValueKind;
}

/** Compiles an expression and reports its static kind (for ordering and aggregation). */
export function compileTyped(expr: Expr, options: CompileOptions = {}): TypedExpression {
  const root = createRoot(options);
  const node = compileNode(expr, root.ctx);
  return { evaluate: root.bind(node.evaluate), kind: node.kind };
}

/** Compiles `expr` once; the result evaluates it against a row (`$this` and variables via scope). */
export function compileExpression(expr: Expr, options: CompileOptions = {}): CompiledExpression {
  return compileTyped(expr, options).evaluate;
}

/**
 * Compiles a `$filter` predicate: true only when the expression is true; null (unknown) and
 * false both exclude the row.
 */
export function compileFilter(expr: Expr, options: CompileOptions = {}): RowPredicate {
  const root = createRoot(options);
  return root.bind(compileTruth(expr, root.ctx, true));
}
