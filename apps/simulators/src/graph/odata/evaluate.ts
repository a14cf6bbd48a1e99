/**
 * Evaluates `$filter` and `$orderby` against values read per property. SharePoint compares text
 * case-insensitively, dates as instants (so `'2024-01-01'` and `'2024-01-01T00:00:00Z'` agree),
 * yes/no columns as `1`/`0` or `true`/`false`, and an empty column matches only `eq null`.
 */

import { invalidRequest } from "../graph-error.ts";
import type { SharepointFieldValue } from "../model.ts";
import type { ComparisonOperator, FilterExpression, Literal } from "./filter.ts";
import type { OrderBy } from "./orderby.ts";

export type ValueType = "text" | "number" | "dateTime" | "boolean";

export interface PropertyValue {
  readonly value: SharepointFieldValue | undefined;
  readonly type: ValueType;
}

export type PropertyReader = (property: string) => PropertyValue;

type Comparable = string | number | boolean;

export function matches(expression: FilterExpression, read: PropertyReader): boolean {
  switch (expression.kind) {
    case "and":
      return matches(expression.left, read) && matches(expression.right, read);
    case "or":
      return matches(expression.left, read) || matches(expression.right, read);
    case "startswith": {
      const { value } = read(expression.property);
      return (
        value !== null &&
        value !== undefined &&
        String(value).toLowerCase().startsWith(expression.prefix.toLowerCase())
      );
    }
    case "compare":
      return compare(read(expression.property), expression.operator, expression.literal);
  }
}

function compare(actual: PropertyValue, operator: ComparisonOperator, literal: Literal): boolean {
  const empty = actual.value === null || actual.value === undefined;
  if (literal.type === "null") return operator === "eq" ? empty : operator === "ne" ? !empty : false;
  if (empty) return operator === "ne";
  const left = comparable(actual.value, actual.type);
  const right = literalAs(literal, actual.type);
  const order = left < right ? -1 : left > right ? 1 : 0;
  switch (operator) {
    case "eq":
      return order === 0;
    case "ne":
      return order !== 0;
    case "lt":
      return order < 0;
    case "gt":
      return order > 0;
    case "le":
      return order <= 0;
    case "ge":
      return order >= 0;
  }
}

function comparable(value: Comparable, type: ValueType): Comparable {
  if (type === "dateTime") return Date.parse(String(value));
  if (type === "text") return String(value).toLowerCase();
  return value;
}

function literalAs(literal: Exclude<Literal, { type: "null" }>, type: ValueType): Comparable {
  const raw = literal.value;
  switch (type) {
    case "number": {
      const number = typeof raw === "number" ? raw : Number(raw);
      if (typeof raw === "boolean" || Number.isNaN(number)) throw mismatch(raw, type);
      return number;
    }
    case "dateTime": {
      const instant = typeof raw === "string" ? Date.parse(raw) : Number.NaN;
      if (Number.isNaN(instant)) throw mismatch(raw, type);
      return instant;
    }
    case "boolean":
      if (raw === true || raw === 1 || raw === "1" || raw === "true") return true;
      if (raw === false || raw === 0 || raw === "0" || raw === "false") return false;
      throw mismatch(raw, type);
    case "text":
      return String(raw).toLowerCase();
  }
}

function mismatch(value: unknown, type: ValueType) {
  return invalidRequest(`Invalid filter clause: the value ${JSON.stringify(value)} is not a valid ${type}.`);
}

/** Sorts a copy; empty values sort first ascending, as in SharePoint views. */
export function sortBy<T>(
  items: readonly T[],
  orderBy: readonly OrderBy[],
  read: (item: T) => PropertyReader,
): T[] {
  if (orderBy.length === 0) return [...items];
  return [...items].sort((a, b) => {
    for (const { property, descending } of orderBy) {
      const order = compareForSort(read(a)(property), read(b)(property));
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  });
}

function compareForSort(a: PropertyValue, b: PropertyValue): number {
  const emptyA = a.value === null || a.value === undefined;
  const emptyB = b.value === null || b.value === undefined;
  if (emptyA || emptyB) return Number(emptyB) - Number(emptyA);
  const left = comparable(a.value, a.type);
  const right = comparable(b.value, b.type);
  return left < right ? -1 : left > right ? 1 : 0;
}
