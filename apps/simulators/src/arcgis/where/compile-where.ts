/**
 * Turns a `where` clause into a row predicate, checking it against the layer's fields first:
 * unknown fields and mismatched types are refused up front, as the database refuses them,
 * whether or not any row would reach them.
 */
import type { Attributes, Field } from "../model.ts";
import type { ArithmeticOperator, Node } from "./ast.ts";
import { parseWhere } from "./parser.ts";
import {
  compileCall,
  compileCast,
  compileExtract,
  compilePosition,
  compileSubstring,
} from "./sql-functions.ts";
import {
  compileBetween,
  compileCompare,
  compileIn,
  compileIsNull,
  compileLike,
  compileLogic,
  compileNot,
} from "./sql-predicates.ts";
import {
  asNumber,
  type Compiled,
  expectCondition,
  expectType,
  type SqlType,
  sqlTypeOf,
} from "./sql-values.ts";
import { WhereSemanticError } from "./where-errors.ts";

export type RowPredicate = (attributes: Attributes) => boolean;

const DAY_MS = 86_400_000;

interface Scope {
  readonly fields: ReadonlyMap<string, Field>;
  readonly clock: () => number;
}

export function compileWhere(
  source: string,
  fields: readonly Field[],
  clock: () => number = Date.now,
): RowPredicate {
  const scope: Scope = { fields: new Map(fields.map((f) => [f.name.toUpperCase(), f])), clock };
  const clause = compile(parseWhere(source), scope);
  expectCondition("WHERE", clause);
  return (attributes) => clause.evaluate(attributes) === true;
}

function constant(type: SqlType, value: number | string | null): Compiled {
  return { type, evaluate: () => value };
}

function compile(node: Node, scope: Scope): Compiled {
  const sub = (child: Node) => compile(child, scope);
  switch (node.kind) {
    case "number":
    case "string":
    case "date":
      return constant(node.kind, node.value);
    case "null":
      return constant("null", null);
    case "interval":
      return constant("interval", node.milliseconds);
    case "field":
      return compileField(node.name, scope);
    case "now": {
      const now = scope.clock();
      return constant("date", node.unit === "date" ? Math.floor(now / DAY_MS) * DAY_MS : now);
    }
    case "call":
      return compileCall(node.name, node.args.map(sub));
    case "extract":
      return compileExtract(node.part, sub(node.source));
    case "substring":
      return compileSubstring(sub(node.source), sub(node.start), node.length ? sub(node.length) : null);
    case "position":
      return compilePosition(sub(node.needle), sub(node.haystack));
    case "cast":
      return compileCast(sub(node.source), node.target);
    case "negate":
      return compileNegate(sub(node.operand));
    case "arithmetic":
      return compileArithmetic(node.op, sub(node.left), sub(node.right));
    case "compare":
      return compileCompare(node.op, sub(node.left), sub(node.right));
    case "and":
    case "or":
      return compileLogic(node.kind, sub(node.left), sub(node.right));
    case "not":
      return compileNot(sub(node.operand));
    case "in":
      return compileIn(sub(node.value), node.list.map(sub), node.negated);
    case "between":
      return compileBetween(sub(node.value), sub(node.low), sub(node.high), node.negated);
    case "like":
      return compileLike(sub(node.value), sub(node.pattern), node.escapeChar, node.negated);
    case "isNull":
      return compileIsNull(sub(node.value), node.negated);
  }
}

function compileField(name: string, scope: Scope): Compiled {
  const field = scope.fields.get(name.toUpperCase());
  if (!field) throw new WhereSemanticError(`invalid field name '${name}'`);
  const key = field.name;
  return { type: sqlTypeOf(field.type), evaluate: (row) => (row[key] ?? null) as number | string | null };
}

function compileNegate(operand: Compiled): Compiled {
  expectType("unary minus", operand, "number", "interval");
  return {
    type: operand.type,
    evaluate: (row) => {
      const value = asNumber(operand.evaluate(row));
      return value === null ? null : -value;
    },
  };
}

/** Numbers combine with numbers; a date moves by an INTERVAL. */
function arithmeticType(op: ArithmeticOperator, left: SqlType, right: SqlType): SqlType {
  const pair = `${left} ${right}`;
  if (pair === "number number" || pair === "interval interval") return left;
  if ((op === "+" || op === "-") && pair === "date interval") return "date";
  if (op === "+" && pair === "interval date") return "date";
  if (left === "null" || right === "null") return left === "null" ? right : left;
  throw new WhereSemanticError(`'${op}' cannot combine ${left} and ${right}`);
}

function compileArithmetic(op: ArithmeticOperator, left: Compiled, right: Compiled): Compiled {
  const type = arithmeticType(op, left.type, right.type);
  if (type === "string" || type === "boolean") throw new WhereSemanticError(`'${op}' needs numbers`);
  return {
    type,
    evaluate: (row) => {
      const a = asNumber(left.evaluate(row));
      const b = asNumber(right.evaluate(row));
      if (a === null || b === null) return null;
      if (op === "/" && b === 0) throw new WhereSemanticError("divide by zero");
      return op === "+" ? a + b : op === "-" ? a - b : op === "*" ? a * b : a / b;
    },
  };
}
