/**
 * Whether a bound predicate can go to the upstream: every property it touches must advertise
 * every operator and function applied to it (the planner pushes a conjunct only when every part
 * of it is pushable: docs/architecture.md, section 2).
 */

import type { EntityTypeDef, PushableOperator } from "@headgate/model";
import type { Expr } from "@headgate/odata";

type Operators = ReadonlyMap<string, ReadonlySet<PushableOperator>>;

/** Entity types are immutable, so each one's table is built once (it is asked for on every query). */
const operatorsByType = new WeakMap<EntityTypeDef, Operators>();

export function pushableOperators(entityType: EntityTypeDef): Operators {
  let operators = operatorsByType.get(entityType);
  if (operators === undefined) {
    operators = new Map(entityType.properties.map((p) => [p.name, new Set(p.capabilities.filter)] as const));
    operatorsByType.set(entityType, operators);
  }
  return operators;
}

const FUNCTION_OPERATORS: Partial<Record<string, PushableOperator>> = {
  contains: "contains",
  startswith: "startswith",
  endswith: "endswith",
  tolower: "tolower",
  toupper: "toupper",
  year: "year",
  month: "month",
  day: "day",
  "geo.intersects": "geo.intersects",
  "geo.distance": "geo.distance",
};

/** The properties an expression reads (first path segment), and the operators applied to them. */
function propertyOf(expr: Expr): string | undefined {
  return expr.kind === "member" && expr.path.length === 1 ? expr.path[0] : undefined;
}

/**
 * True when `expr` is a boolean predicate the upstream evaluates exactly. `via` carries the
 * operators applied on the way down to a property (`tolower(Name) eq 'x'` needs both).
 */
export function isPushable(expr: Expr, operators: Operators): boolean {
  switch (expr.kind) {
    case "binary":
      if (expr.op === "and" || expr.op === "or")
        return isPushable(expr.left, operators) && isPushable(expr.right, operators);
      if (expr.op === "has") return false;
      if (["add", "sub", "mul", "div", "divby", "mod"].includes(expr.op)) return false;
      return (
        operandPushable(expr.left, expr.op as PushableOperator, operators) &&
        operandPushable(expr.right, expr.op as PushableOperator, operators)
      );
    case "not":
      return isPushable(expr.operand, operators);
    case "in":
      return (
        expr.right.kind === "list" &&
        expr.right.items.every((item) => item.kind === "literal") &&
        operandPushable(expr.left, "in", operators)
      );
    case "call": {
      const operator = FUNCTION_OPERATORS[expr.name];
      if (operator === undefined || expr.args.length !== 2) return false;
      return expr.args.every((arg) => operandPushable(arg, operator, operators));
    }
    default:
      return false;
  }
}

/** An operand of a pushed operator: a literal, a plain property advertising `operator`, or a
 * pushable function of a property (`tolower(Name)`, `year(Date)`) advertising both. */
function operandPushable(expr: Expr, operator: PushableOperator, operators: Operators): boolean {
  if (expr.kind === "literal") return true;
  const property = propertyOf(expr);
  if (property !== undefined) return operators.get(property)?.has(operator) ?? false;
  if (expr.kind === "call" && expr.args.length === 1) {
    const inner = FUNCTION_OPERATORS[expr.name];
    const arg = expr.args[0]!;
    const name = propertyOf(arg);
    if (inner === undefined || name === undefined) return false;
    const advertised = operators.get(name);
    return (advertised?.has(inner) ?? false) && (advertised?.has(operator) ?? false);
  }
  return false;
}

/** Every property path an expression reads, for projection. */
export function referencedProperties(expr: Expr, into: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case "member":
      if (expr.path[0] !== undefined && !expr.path[0].startsWith("$")) into.add(expr.path[0]);
      break;
    case "binary":
      referencedProperties(expr.left, into);
      referencedProperties(expr.right, into);
      break;
    case "in":
      referencedProperties(expr.left, into);
      referencedProperties(expr.right, into);
      break;
    case "not":
    case "negate":
      referencedProperties(expr.operand, into);
      break;
    case "call":
      for (const arg of expr.args) referencedProperties(arg, into);
      break;
    case "list":
      for (const item of expr.items) referencedProperties(item, into);
      break;
    case "case":
      for (const b of expr.branches) {
        referencedProperties(b.when, into);
        referencedProperties(b.then, into);
      }
      break;
    case "isof":
    case "cast":
      if (expr.operand) referencedProperties(expr.operand, into);
      break;
    case "lambda":
      referencedProperties(expr.collection, into);
      break;
    case "count":
      referencedProperties(expr.collection, into);
      break;
    case "literal":
      break;
  }
  return into;
}
