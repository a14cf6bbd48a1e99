/**
 * Runtime values of the `where` evaluator and their static types. Dates are epoch milliseconds
 * at run time and `date` only in the type system, the way ArcGIS returns them. `unknown` is
 * SQL's third truth value, carried as null.
 */
import type { FieldType } from "../model.ts";
import { WhereSemanticError } from "./where-errors.ts";

export type SqlType = "number" | "string" | "date" | "interval" | "boolean" | "null";
export type SqlValue = number | string | boolean | null;
export type Row = Readonly<Record<string, unknown>>;

export interface Compiled {
  readonly type: SqlType;
  readonly evaluate: (row: Row) => SqlValue;
}

export function sqlTypeOf(fieldType: FieldType): SqlType {
  switch (fieldType) {
    case "esriFieldTypeString":
    case "esriFieldTypeGlobalID":
    case "esriFieldTypeGUID":
      return "string";
    case "esriFieldTypeDate":
      return "date";
    default:
      return "number";
  }
}

/** The one type two operands share, NULL being compatible with anything; throws otherwise. */
export function unify(what: string, ...operands: readonly Compiled[]): SqlType {
  const types = new Set(operands.map((o) => o.type).filter((t) => t !== "null"));
  if (types.size > 1) throw new WhereSemanticError(`${what}: incompatible types ${[...types].join(" and ")}`);
  const [type] = types;
  if (type === "boolean") throw new WhereSemanticError(`${what}: a condition is not a value`);
  return type ?? "null";
}

export function expectType(what: string, operand: Compiled, ...allowed: readonly SqlType[]): void {
  if (operand.type !== "null" && !allowed.includes(operand.type))
    throw new WhereSemanticError(`${what} does not accept a ${operand.type}`);
}

export function expectCondition(what: string, operand: Compiled): void {
  if (operand.type !== "boolean")
    throw new WhereSemanticError(`${what} needs a condition, got a ${operand.type}`);
}

/** Three-valued comparison: null (unknown) when either side is NULL. */
export function compareValues(left: SqlValue, right: SqlValue): number | null {
  if (left === null || right === null) return null;
  if (left < right) return -1;
  return left > right ? 1 : 0;
}

export function asNumber(value: SqlValue): number | null {
  return typeof value === "number" ? value : null;
}

export function asString(value: SqlValue): string | null {
  return typeof value === "string" ? value : null;
}
