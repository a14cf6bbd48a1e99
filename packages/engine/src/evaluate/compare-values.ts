/**
 * Ordering for `$orderby`, `min`/`max` and sorting: a total order over row values.
 *
 * Nulls sort first in ascending order and last in descending order (OData 4.01 Part 1
 * §11.2.6.2 and Part 2 §5.1.4: "Null values come before non-null values when sorting in
 * ascending order and after non-null values when sorting in descending order").
 *
 * With a type (given, or inferred from the key expression) values compare in that type's
 * domain: numbers numerically, strings by code point, DateTimeOffsets as instants, Durations by
 * length, `false` before `true`. A value that cannot be read in the domain (NaN, a malformed
 * date) sorts after every readable one, so the order stays total.
 *
 * Without a type, values are ranked boolean < number < string < other, and within strings
 * date-time texts (as instants) < durations (by length) < other strings (by code point). The
 * ranks make the order total even over mixed data; a column of one type sorts naturally.
 */
import type { EdmPrimitiveType } from "@headgate/model";
import type { OrderByItem } from "@headgate/odata";
import { compareStrings } from "@headgate/odata";
import { compileTyped } from "./compile-expression.ts";
import { compareKeys, type Domain, domainOfKind, keyOf } from "./domains.ts";
import { durationSeconds, instantOf, isDateTimeText } from "./temporal.ts";
import type { CompileOptions, Row } from "./types.ts";
import { kindOfEdmType } from "./value-kinds.ts";

export type ValueComparator = (a: unknown, b: unknown) => number;

function sign(n: number): number {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

function compareNumbersTotal(a: number, b: number): number {
  const an = Number.isNaN(a);
  const bn = Number.isNaN(b);
  if (an || bn) return an === bn ? 0 : an ? 1 : -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Strings without a type: instants, then durations, then everything else. */
function stringClass(s: string): { rank: number; value: number } {
  if (isDateTimeText(s)) {
    const ms = instantOf(s);
    if (!Number.isNaN(ms)) return { rank: 0, value: ms };
  }
  if (s.startsWith("P") || s.startsWith("-P")) {
    const seconds = durationSeconds(s);
    if (!Number.isNaN(seconds)) return { rank: 1, value: seconds };
  }
  return { rank: 2, value: 0 };
}

function compareUntypedStrings(a: string, b: string): number {
  const ca = stringClass(a);
  const cb = stringClass(b);
  if (ca.rank !== cb.rank) return ca.rank < cb.rank ? -1 : 1;
  return ca.rank === 2 ? compareStrings(a, b) : compareNumbersTotal(ca.value, cb.value);
}

function typeRank(value: unknown): number {
  switch (typeof value) {
    case "boolean":
      return 1;
    case "number":
    case "bigint":
      return 2;
    case "string":
      return 3;
    default:
      return 4;
  }
}

function compareUntyped(a: unknown, b: unknown): number {
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  if (typeof a === "string" && typeof b === "string") return compareUntypedStrings(a, b);
  if (ra === 2) return compareNumbersTotal(Number(a), Number(b));
  if (typeof a === "boolean") return a === b ? 0 : a ? 1 : -1;
  return compareStrings(JSON.stringify(a) ?? "", JSON.stringify(b) ?? "");
}

function compareInDomain(domain: Domain, a: unknown, b: unknown): number {
  const ka = keyOf(domain, a);
  const kb = keyOf(domain, b);
  if (ka !== undefined && kb !== undefined) return compareKeys(ka, kb);
  if (ka !== undefined) return -1;
  if (kb !== undefined) return 1;
  return compareUntyped(a, b);
}

/** The non-null comparator of a domain; nulls are handled around it. */
export function comparatorFor(domain: Domain): ValueComparator {
  return domain === "dynamic" ? compareUntyped : (a, b) => compareInDomain(domain, a, b);
}

function withNullsFirst(compare: ValueComparator): ValueComparator {
  return (a, b) => {
    if (a == null) return b == null ? 0 : -1;
    if (b == null) return 1;
    return sign(compare(a, b));
  };
}

/** -1, 0 or 1: the ascending order of `a` and `b`, nulls first. */
export function compareValues(a: unknown, b: unknown, type?: EdmPrimitiveType): number {
  return withNullsFirst(comparatorFor(domainOfKind(kindOfEdmType(type))))(a, b);
}

export interface SortKeys {
  /** One evaluator per `$orderby` item, each compiled once. */
  readonly keys: readonly ((row: Row) => unknown)[];
  /** Compares two rows' key values, item by item, honouring each direction. */
  readonly compare: (a: readonly unknown[], b: readonly unknown[]) => number;
}

/** For callers that evaluate each row's keys once before sorting (decorate, sort, undecorate). */
export function compileSortKeys(items: readonly OrderByItem[], options: CompileOptions = {}): SortKeys {
  const compiled = items.map((item) => compileTyped(item.expr, options));
  const comparators = compiled.map((c) => withNullsFirst(comparatorFor(domainOfKind(c.kind))));
  const directions = items.map((item) => (item.direction === "desc" ? -1 : 1));
  const n = items.length;
  return {
    keys: compiled.map((c) => (row: Row) => c.evaluate(row)),
    compare: (a, b) => {
      for (let i = 0; i < n; i++) {
        const c = comparators[i]!(a[i], b[i]);
        if (c !== 0) return c * directions[i]!;
      }
      return 0;
    },
  };
}

/**
 * A row comparator for `Array#sort` (stable, so rows equal on every key keep their order).
 * Keys are evaluated per comparison; sorting many rows by computed keys is cheaper through
 * `compileSortKeys`.
 */
export function compileOrderBy(
  items: readonly OrderByItem[],
  options: CompileOptions = {},
): (a: Row, b: Row) => number {
  const compiled = items.map((item) => compileTyped(item.expr, options));
  const comparators = compiled.map((c) => withNullsFirst(comparatorFor(domainOfKind(c.kind))));
  const evaluators = compiled.map((c) => c.evaluate);
  const directions = items.map((item) => (item.direction === "desc" ? -1 : 1));
  const n = items.length;
  return (a, b) => {
    for (let i = 0; i < n; i++) {
      const evaluate = evaluators[i]!;
      const c = comparators[i]!(evaluate(a), evaluate(b));
      if (c !== 0) return c * directions[i]!;
    }
    return 0;
  };
}
