/**
 * Expressions back to URL syntax with the fewest parentheses that still parse back to the same
 * tree: an operand is parenthesised only when its operator binds less tightly than its position
 * requires (for the right operand of a left-associative operator, strictly more tightly), so
 * `(A sub B) sub C` prints as `A sub B sub C` and `A sub (B sub C)` keeps its parentheses.
 *
 * Special cases, each mirroring a parser rule:
 * - `negate` of a literal prints `-(5)`, because `-5` is the literal -5.
 * - The list on the right of `in` prints `(1,2)`, except a one-item list of a non-literal, which
 *   prints as a JSON array `[Tags]` since `(Tags)` is a parenthesised expression. Lists elsewhere
 *   print as JSON arrays.
 * - Lambda and `$count` collections must be member paths (the only thing the grammar allows).
 * - In `case(...)`, a space goes before `:` where digits meet across it (see `writeBranch`).
 */

import type { Expr, SearchExpr } from "../ast.ts";
import { INFIX_PRECEDENCE, Precedence } from "../parser/operators.ts";
import { writeLiteral } from "./literal-serializer.ts";
import { writeSearch } from "./search-serializer.ts";

export function writeExpr(expr: Expr, minPrecedence = 0): string {
  const text = writeBare(expr);
  return precedenceOf(expr) < minPrecedence ? `(${text})` : text;
}

function precedenceOf(expr: Expr): number {
  switch (expr.kind) {
    case "binary":
      return INFIX_PRECEDENCE[expr.op];
    case "in":
      return Precedence.relational;
    case "not":
    case "negate":
      return Precedence.unary;
    default:
      return Precedence.primary;
  }
}

function writeBare(expr: Expr): string {
  switch (expr.kind) {
    case "literal":
      return writeLiteral(expr.literal);
    case "member":
      return expr.path.join("/");
    case "binary": {
      const precedence = INFIX_PRECEDENCE[expr.op];
      return `${writeExpr(expr.left, precedence)} ${expr.op} ${writeExpr(expr.right, precedence + 1)}`;
    }
    case "in":
      return `${writeExpr(expr.left, Precedence.relational)} in ${writeInRight(expr.right)}`;
    case "not":
      return `not ${writeExpr(expr.operand, Precedence.unary)}`;
    case "negate":
      return expr.operand.kind === "literal"
        ? `-(${writeLiteral(expr.operand.literal)})`
        : `-${writeExpr(expr.operand, Precedence.unary)}`;
    case "call":
      return `${expr.name}(${writeList(expr.args)})`;
    case "case":
      return `case(${expr.branches.map((b) => writeBranch(writeExpr(b.when), writeExpr(b.then))).join(",")})`;
    case "isof":
    case "cast":
      return `${expr.kind}(${expr.operand === null ? "" : `${writeExpr(expr.operand)},`}${expr.typeName})`;
    case "lambda": {
      const body =
        expr.variable === null || expr.predicate === null
          ? ""
          : `${expr.variable}:${writeExpr(expr.predicate)}`;
      return `${writeExpr(expr.collection, Precedence.primary)}/${expr.op}(${body})`;
    }
    case "count":
      return `${writeExpr(expr.collection, Precedence.primary)}/$count${writeCountOptions(expr.filter, expr.search)}`;
    case "list":
      return `[${writeList(expr.items)}]`;
  }
}

/**
 * `when:then`, with a space before the colon when digits meet across it: `10:20` would read as a
 * time of day, and `13:20:05` as one with seconds.
 */
function writeBranch(when: string, then: string): string {
  const digitsMeet = isDigitCode(when.charCodeAt(when.length - 1)) && isDigitCode(then.charCodeAt(0));
  return digitsMeet ? `${when} :${then}` : `${when}:${then}`;
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function writeList(items: readonly Expr[]): string {
  return items.map((item) => writeExpr(item)).join(",");
}

function writeInRight(right: Expr): string {
  if (right.kind !== "list") return writeExpr(right, Precedence.relational + 1);
  const only = right.items.length === 1 ? right.items[0]! : null;
  return only === null || only.kind === "literal"
    ? `(${writeList(right.items)})`
    : `[${writeList(right.items)}]`;
}

function writeCountOptions(filter: Expr | null, search: SearchExpr | null): string {
  const options = [
    ...(filter === null ? [] : [`$filter=${writeExpr(filter)}`]),
    ...(search === null ? [] : [`$search=${writeSearch(search)}`]),
  ];
  return options.length === 0 ? "" : `(${options.join(";")})`;
}
