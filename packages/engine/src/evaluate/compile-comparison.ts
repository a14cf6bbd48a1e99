/**
 * `eq ne gt ge lt le`, `in` and `has` (OData Part 2 §5.1.1.1).
 *
 * Null rules: `null eq null` is true and null equals nothing else (§5.1.1.1.1-2); `gt ge lt le`
 * with a null operand are false (§5.1.1.1.3-6: "If any operand is null, the operator returns
 * false"), so they, like `eq`/`ne`/`in`, never yield null and `not (X gt 5)` is true for a null
 * X. `has` with a null operand is null (§5.1.1.1.10).
 *
 * Date against DateTimeOffset: a person writing `CreatedAt eq 2024-03-01` means "created on
 * that day", and `CreatedAt le 2024-03-01` includes the afternoon of March 1. So the instant is
 * reduced to its calendar day in UTC and the days are compared: `eq` is the UTC day, `le` is up
 * to the end of it, `gt` starts the next day, `ge`/`lt` split at its midnight. UTC rather than
 * the value's own offset keeps the rule consistent with instant order (a later instant never
 * falls on an earlier day), and rows carry UTC instants anyway.
 *
 * Every comparison is "compare to a number, then test it": the comparison yields -1/0/1, or
 * undefined when the operands cannot be compared (null, malformed, NaN, mismatched types).
 */
import { type ComparisonOperator, compareStrings } from "@headgate/odata";
import {
  compareKeys,
  comparisonDomain,
  type Domain,
  dynamicCompare,
  dynamicEquals,
  type Key,
  keyOf,
} from "./domains.ts";
import { fold, predicateNode, valueNode } from "./nodes.ts";
import {
  epochOfDate,
  formatInstant,
  instantOf,
  isCanonicalInstant,
  isDateText,
  MS_PER_DAY,
  utcDateOf,
} from "./temporal.ts";
import type { Compiled, Evaluator, RowPredicate, ValueKind } from "./types.ts";
import { isNumericKind } from "./value-kinds.ts";

type Comparison = number | undefined;
type Test = (c: Comparison) => boolean;

const TESTS: Readonly<Record<ComparisonOperator, Test>> = {
  eq: (c) => c === 0,
  ne: (c) => c !== 0,
  gt: (c) => c !== undefined && c > 0,
  ge: (c) => c !== undefined && c >= 0,
  lt: (c) => c !== undefined && c < 0,
  le: (c) => c !== undefined && c <= 0,
};

/** `5 lt X` is `X gt 5`: constants are moved to the right so one code path handles them. */
const MIRRORED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  eq: "eq",
  ne: "ne",
  gt: "lt",
  ge: "le",
  lt: "gt",
  le: "ge",
};

export function compileComparison(op: ComparisonOperator, left: Compiled, right: Compiled): Compiled {
  return fold(predicateNode(comparisonPredicate(op, left, right)), [left, right]);
}

function isNullConstant(node: Compiled): boolean {
  return node.constant !== undefined && node.constant.value == null;
}

function comparisonPredicate(op: ComparisonOperator, left: Compiled, right: Compiled): RowPredicate {
  if (isNullConstant(right)) return nullComparison(op, left);
  if (isNullConstant(left)) return nullComparison(op, right);
  if (right.constant !== undefined) return constantComparison(op, left, right);
  if (left.constant !== undefined) return constantComparison(MIRRORED[op], right, left);
  return generalComparison(op, left, right);
}

function nullComparison(op: ComparisonOperator, other: Compiled): RowPredicate {
  const get = other.evaluate;
  if (op === "eq") return (row) => get(row) == null;
  if (op === "ne") return (row) => get(row) != null;
  return () => false;
}

function constantComparison(op: ComparisonOperator, side: Compiled, constant: Compiled): RowPredicate {
  const domain = comparisonDomain(side.kind, constant.kind);
  const value = constant.constant?.value;
  const get = side.evaluate;
  const test = TESTS[op];
  if (domain === "date" && constant.kind === "date" && side.kind !== "date") {
    return dayComparison(test, get, String(value));
  }
  if (domain === "instant") return instantComparison(test, get, value);
  if (domain === "dynamic") return dynamicConstantComparison(op, get, value);
  const key = keyOf(domain, value);
  if (key === undefined) return () => test(undefined);
  if (domain === "number" && typeof key === "number") return numberComparison(op, get, key);
  if (domain === "string" && typeof key === "string") return stringComparison(op, get, key);
  return (row) => {
    const k = keyOf(domain, get(row));
    return test(k === undefined ? undefined : compareKeys(k, key));
  };
}

/** The hottest comparisons get closures of their own: a typed read and one JS operator. */
function numberComparison(op: ComparisonOperator, get: Evaluator, c: number): RowPredicate {
  switch (op) {
    case "eq":
      return (row) => get(row) === c;
    case "ne":
      return (row) => get(row) !== c;
    case "gt":
      return (row) => {
        const v = get(row);
        return typeof v === "number" && v > c;
      };
    case "ge":
      return (row) => {
        const v = get(row);
        return typeof v === "number" && v >= c;
      };
    case "lt":
      return (row) => {
        const v = get(row);
        return typeof v === "number" && v < c;
      };
    case "le":
      return (row) => {
        const v = get(row);
        return typeof v === "number" && v <= c;
      };
  }
}

function stringComparison(op: ComparisonOperator, get: Evaluator, c: string): RowPredicate {
  if (op === "eq") return (row) => get(row) === c;
  if (op === "ne") return (row) => get(row) !== c;
  const test = TESTS[op];
  return (row) => {
    const v = get(row);
    return typeof v === "string" && test(compareStrings(v, c));
  };
}

/**
 * Instants compare by epoch milliseconds. The constant is converted once; a row value in
 * canonical `toISOString()` form is compared as a string against the canonical constant, which
 * orders identically and skips parsing (the common case: connectors emit that form).
 */
function instantComparison(test: Test, get: Evaluator, literal: unknown): RowPredicate {
  const ms = instantOf(literal);
  if (Number.isNaN(ms)) return () => test(undefined);
  const canonical = formatInstant(ms);
  const fast = isCanonicalInstant(canonical);
  const day = utcDateOf(ms);
  const slow = (v: unknown): Comparison => {
    if (typeof v === "string" && isDateText(v)) return compareStrings(v, day);
    const t = instantOf(v);
    return Number.isNaN(t) ? undefined : t === ms ? 0 : t < ms ? -1 : 1;
  };
  return (row) => {
    const v = get(row);
    if (fast && typeof v === "string" && isCanonicalInstant(v)) {
      return test(v === canonical ? 0 : v < canonical ? -1 : 1);
    }
    return test(slow(v));
  };
}

/** DateTimeOffset (or untyped) value against a Date constant: its UTC day against the date. */
function dayComparison(test: Test, get: Evaluator, day: string): RowPredicate {
  const start = epochOfDate(day);
  if (Number.isNaN(start)) return () => test(undefined);
  const end = start + MS_PER_DAY;
  const startText = formatInstant(start);
  const endText = formatInstant(end);
  const fast = isCanonicalInstant(startText) && isCanonicalInstant(endText);
  const position = (t: number): Comparison => (t < start ? -1 : t < end ? 0 : 1);
  return (row) => {
    const v = get(row);
    if (typeof v === "string") {
      if (fast && isCanonicalInstant(v)) return test(v < startText ? -1 : v < endText ? 0 : 1);
      if (v.length === 10) return test(isDateText(v) ? compareStrings(v, day) : undefined);
    }
    const t = instantOf(v);
    return test(Number.isNaN(t) ? undefined : position(t));
  };
}

function dynamicConstantComparison(op: ComparisonOperator, get: Evaluator, value: unknown): RowPredicate {
  if (op === "eq") return (row) => dynamicEquals(get(row), value);
  if (op === "ne") return (row) => !dynamicEquals(get(row), value);
  const test = TESTS[op];
  return (row) => test(dynamicCompare(get(row), value));
}

function generalComparison(op: ComparisonOperator, left: Compiled, right: Compiled): RowPredicate {
  const domain = comparisonDomain(left.kind, right.kind);
  const l = left.evaluate;
  const r = right.evaluate;
  if (op === "eq") return (row) => valuesEqual(domain, l(row), r(row));
  if (op === "ne") return (row) => !valuesEqual(domain, l(row), r(row));
  const test = TESTS[op];
  return (row) => test(compareIn(domain, l(row), r(row)));
}

/** `eq` in a domain, with the null rule: null equals null and nothing else. */
export function valuesEqual(domain: Domain, a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (domain === "dynamic") return dynamicEquals(a, b);
  const ka = keyOf(domain, a);
  return ka !== undefined && ka === keyOf(domain, b);
}

function compareIn(domain: Domain, a: unknown, b: unknown): Comparison {
  if (domain === "dynamic") return dynamicCompare(a, b);
  const ka = keyOf(domain, a);
  const kb = keyOf(domain, b);
  return ka === undefined || kb === undefined ? undefined : compareKeys(ka, kb);
}

// ---------------------------------------------------------------------------------------------
// in (§5.1.1.1.11): `eq` against each member; an empty list or collection gives false.
// ---------------------------------------------------------------------------------------------

/** The kind shared by the non-null items of a list, or `unknown` when they differ. */
function listKind(items: readonly Compiled[]): ValueKind {
  const kinds = new Set(items.map((item) => item.kind).filter((kind) => kind !== "null"));
  if (kinds.size === 0) return "null";
  if (kinds.size === 1) return [...kinds][0]!;
  return [...kinds].every(isNumericKind) ? "double" : "unknown";
}

export function compileInList(left: Compiled, items: readonly Compiled[]): Compiled {
  const domain = comparisonDomain(left.kind, listKind(items));
  const allConstant = items.every((item) => item.constant !== undefined);
  const predicate =
    allConstant && domain !== "dynamic"
      ? inKeySet(
          left.evaluate,
          domain,
          items.map((item) => item.constant?.value),
        )
      : inEvaluatedList(left.evaluate, domain, items);
  return fold(predicateNode(predicate), [left, ...items]);
}

/**
 * A constant list becomes a Set of keys built once; null membership is a flag, because null
 * matches only null. NaN is left out: it equals nothing, not even itself.
 */
function inKeySet(get: Evaluator, domain: Domain, values: readonly unknown[]): RowPredicate {
  const hasNull = values.some((value) => value == null);
  const keys = new Set<Key>();
  for (const value of values) {
    const key = value == null ? undefined : keyOf(domain, value);
    if (key !== undefined) keys.add(key);
  }
  if (domain === "string" || domain === "number") {
    return (row) => {
      const v = get(row);
      return v == null ? hasNull : keys.has(v as Key);
    };
  }
  return (row) => {
    const v = get(row);
    if (v == null) return hasNull;
    const key = keyOf(domain, v);
    return key !== undefined && keys.has(key);
  };
}

function inEvaluatedList(get: Evaluator, domain: Domain, items: readonly Compiled[]): RowPredicate {
  const evaluators = items.map((item) => item.evaluate);
  return (row) => {
    const v = get(row);
    for (const item of evaluators) if (valuesEqual(domain, v, item(row))) return true;
    return false;
  };
}

export function compileInCollection(left: Compiled, collection: Compiled): Compiled {
  const domain = comparisonDomain(left.kind, collection.kind);
  const get = left.evaluate;
  const items = collection.evaluate;
  return fold(
    predicateNode((row) => {
      const members = items(row);
      if (!Array.isArray(members)) return false;
      const v = get(row);
      for (const member of members) if (valuesEqual(domain, v, member)) return true;
      return false;
    }),
    [left, collection],
  );
}

// ---------------------------------------------------------------------------------------------
// has (§5.1.1.1.10): enum flags travel as member names, comma-separated (`Red,Blue`).
// ---------------------------------------------------------------------------------------------

function flagsOf(value: string): string[] {
  return value
    .split(",")
    .map((flag) => flag.trim())
    .filter((flag) => flag !== "");
}

function hasFlags(value: unknown, flags: unknown): boolean | null {
  if (typeof value === "number" && typeof flags === "number") return (value & flags) === flags;
  if (typeof value !== "string" || typeof flags !== "string") return null;
  const present = flagsOf(value);
  return flagsOf(flags).every((flag) => present.includes(flag));
}

export function compileHas(left: Compiled, right: Compiled): Compiled {
  const l = left.evaluate;
  const r = right.evaluate;
  return fold(
    valueNode((row) => {
      const value = l(row);
      const flags = r(row);
      return value == null || flags == null ? null : hasFlags(value, flags);
    }, "boolean"),
    [left, right],
  );
}
