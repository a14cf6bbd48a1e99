/**
 * Terse constructors for expected trees in tests: `eq(m("Price"), int(5))` instead of nested
 * object literals. Test-only.
 */

import { expect } from "vitest";
import type { BinaryOperator, Expr, Literal, SearchExpr } from "../ast.ts";
import { ODataLimitError, ODataNotImplementedError, ODataSyntaxError } from "../errors.ts";

export const m = (...path: string[]): Expr => ({ kind: "member", path });
export const lit = (literal: Literal): Expr => ({ kind: "literal", literal });
export const int = (value: number | bigint): Expr => lit({ kind: "integer", value: BigInt(value) });
export const dec = (value: string): Expr => lit({ kind: "decimal", value });
export const dbl = (value: number): Expr => lit({ kind: "double", value });
export const str = (value: string): Expr => lit({ kind: "string", value });
export const bool = (value: boolean): Expr => lit({ kind: "boolean", value });
export const nul: Expr = lit({ kind: "null" });

export const bin = (op: BinaryOperator, left: Expr, right: Expr): Expr => ({
  kind: "binary",
  op,
  left,
  right,
});
export const eq = (left: Expr, right: Expr): Expr => bin("eq", left, right);
export const and = (left: Expr, right: Expr): Expr => bin("and", left, right);
export const or = (left: Expr, right: Expr): Expr => bin("or", left, right);
export const not = (operand: Expr): Expr => ({ kind: "not", operand });
export const neg = (operand: Expr): Expr => ({ kind: "negate", operand });
export const inList = (left: Expr, ...items: Expr[]): Expr => ({
  kind: "in",
  left,
  right: { kind: "list", items },
});
export const call = (name: Extract<Expr, { kind: "call" }>["name"], ...args: Expr[]): Expr => ({
  kind: "call",
  name,
  args,
});

export const word = (text: string): SearchExpr => ({ kind: "term", text, phrase: false });
export const phrase = (text: string): SearchExpr => ({ kind: "term", text, phrase: true });
export const sAnd = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "and", left, right });
export const sOr = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "or", left, right });
export const sNot = (operand: SearchExpr): SearchExpr => ({ kind: "not", operand });

/** The ODataSyntaxError `run` throws (failing the test if it throws nothing or something else). */
export function syntaxErrorOf(run: () => unknown): ODataSyntaxError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataSyntaxError);
    return error as ODataSyntaxError;
  }
  throw new Error("expected an ODataSyntaxError, but nothing was thrown");
}

/** The ODataNotImplementedError `run` throws. */
export function notImplementedOf(run: () => unknown): ODataNotImplementedError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataNotImplementedError);
    return error as ODataNotImplementedError;
  }
  throw new Error("expected an ODataNotImplementedError, but nothing was thrown");
}

/** The ODataLimitError `run` throws. */
export function limitErrorOf(run: () => unknown): ODataLimitError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ODataLimitError);
    return error as ODataLimitError;
  }
  throw new Error("expected an ODataLimitError, but nothing was thrown");
}
