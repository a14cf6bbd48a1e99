/**
 * The evaluator agrees with a direct JavaScript reading of the same predicate over the demo
 * world's utility assets: comparisons, IN, BETWEEN, prefix LIKE and IS NULL on numeric, string and
 * date fields, combined with AND/OR/NOT under SQL's three-valued logic.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Attributes } from "../model.ts";
import { demoLayer } from "../test-support/demo-data.ts";
import { compileWhere } from "./compile-where.ts";

const assets = demoLayer(2);
const rows = assets.features.map((f) => f.attributes);

type Kind = "number" | "string" | "date";
const FIELDS: readonly (readonly [string, Kind])[] = [
  ["OBJECTID", "number"],
  ["CONDITION", "number"],
  ["DIAMETER_IN", "number"],
  ["ASSET_TYPE", "string"],
  ["MATERIAL", "string"],
  ["UTILITY_SYSTEM", "string"],
  ["INSTALL_DATE", "date"],
  ["LAST_INSPECTION", "date"],
];
const OPS = ["=", "<>", "<", "<=", ">", ">="] as const;
type Op = (typeof OPS)[number];

type Predicate =
  | { kind: "cmp"; field: string; type: Kind; op: Op; value: number | string }
  | { kind: "in"; field: string; type: Kind; values: (number | string)[]; negated: boolean }
  | { kind: "between"; field: string; type: Kind; low: number | string; high: number | string }
  | { kind: "prefix"; field: string; prefix: string }
  | { kind: "null"; field: string; negated: boolean }
  | { kind: "and" | "or"; left: Predicate; right: Predicate }
  | { kind: "not"; operand: Predicate };

/** Values seen in the data (so predicates select something) plus a few that are not. */
function valueFor(field: string, type: Kind): fc.Arbitrary<number | string> {
  const seen = [...new Set(rows.map((r) => r[field]).filter((v) => v !== null))] as (number | string)[];
  const other =
    type === "string"
      ? fc.string({ maxLength: 4 })
      : type === "date"
        ? fc
            .integer({ min: Date.UTC(1950, 0, 1) / 1000, max: Date.UTC(2026, 0, 1) / 1000 })
            .map((s) => s * 1000)
        : fc.integer({ min: -5, max: 5000 });
  return fc.oneof(fc.constantFrom(...seen), other);
}

const leaf: fc.Arbitrary<Predicate> = fc.constantFrom(...FIELDS).chain(([field, type]) =>
  fc.oneof(
    fc.record({
      kind: fc.constant("cmp" as const),
      field: fc.constant(field),
      type: fc.constant(type),
      op: fc.constantFrom(...OPS),
      value: valueFor(field, type),
    }),
    fc.record({
      kind: fc.constant("in" as const),
      field: fc.constant(field),
      type: fc.constant(type),
      values: fc.array(valueFor(field, type), { minLength: 1, maxLength: 4 }),
      negated: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant("between" as const),
      field: fc.constant(field),
      type: fc.constant(type),
      low: valueFor(field, type),
      high: valueFor(field, type),
    }),
    fc.record({ kind: fc.constant("null" as const), field: fc.constant(field), negated: fc.boolean() }),
    ...(type === "string"
      ? [
          fc.record({
            kind: fc.constant("prefix" as const),
            field: fc.constant(field),
            prefix: valueFor(field, type).map((v) => String(v).slice(0, 2)),
          }),
        ]
      : []),
  ),
);

const predicate: fc.Arbitrary<Predicate> = fc.letrec<{ p: Predicate }>((tie) => ({
  p: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ kind: fc.constantFrom("and" as const, "or" as const), left: tie("p"), right: tie("p") }),
    fc.record({ kind: fc.constant("not" as const), operand: tie("p") }),
  ),
})).p;

function literal(type: Kind, value: number | string): string {
  if (type === "number") return String(value);
  if (type === "date") return `TIMESTAMP '${new Date(value).toISOString().slice(0, 19).replace("T", " ")}'`;
  return `'${String(value).replaceAll("'", "''")}'`;
}

function toSql(p: Predicate): string {
  switch (p.kind) {
    case "cmp":
      return `${p.field} ${p.op} ${literal(p.type, p.value)}`;
    case "in":
      return `${p.field} ${p.negated ? "NOT IN" : "IN"} (${p.values.map((v) => literal(p.type, v)).join(", ")})`;
    case "between":
      return `${p.field} BETWEEN ${literal(p.type, p.low)} AND ${literal(p.type, p.high)}`;
    case "prefix":
      return `${p.field} LIKE '${p.prefix.replaceAll("'", "''").replace(/[%_]/g, "")}%'`;
    case "null":
      return `${p.field} IS ${p.negated ? "NOT " : ""}NULL`;
    case "and":
    case "or":
      return `(${toSql(p.left)}) ${p.kind.toUpperCase()} (${toSql(p.right)})`;
    case "not":
      return `NOT (${toSql(p.operand)})`;
  }
}

type Truth = boolean | null;

function compare(a: unknown, op: Op, b: number | string): Truth {
  if (a === null || a === undefined) return null;
  const x = a as number | string;
  return { "=": x === b, "<>": x !== b, "<": x < b, "<=": x <= b, ">": x > b, ">=": x >= b }[op];
}

function jsEval(p: Predicate, row: Attributes): Truth {
  switch (p.kind) {
    case "cmp":
      return compare(row[p.field], p.op, p.value);
    case "in": {
      const v = row[p.field];
      if (v === null || v === undefined) return null;
      const found = p.values.includes(v);
      return p.negated ? !found : found;
    }
    case "between": {
      const v = row[p.field];
      if (v === null || v === undefined) return null;
      return v >= p.low && v <= p.high;
    }
    case "prefix": {
      const v = row[p.field];
      if (v === null || v === undefined) return null;
      return String(v).startsWith(p.prefix.replace(/[%_]/g, ""));
    }
    case "null":
      return (row[p.field] === null) !== p.negated;
    case "and": {
      const [a, b] = [jsEval(p.left, row), jsEval(p.right, row)];
      return a === false || b === false ? false : a === null || b === null ? null : true;
    }
    case "or": {
      const [a, b] = [jsEval(p.left, row), jsEval(p.right, row)];
      return a === true || b === true ? true : a === null || b === null ? null : false;
    }
    case "not": {
      const a = jsEval(p.operand, row);
      return a === null ? null : !a;
    }
  }
}

/** Timestamps in SQL carry whole seconds; compare against the same instants. */
function secondsOnly(p: Predicate): Predicate {
  const trim = (type: Kind, v: number | string) =>
    type === "date" ? Math.floor(Number(v) / 1000) * 1000 : v;
  switch (p.kind) {
    case "cmp":
      return { ...p, value: trim(p.type, p.value) };
    case "in":
      return { ...p, values: p.values.map((v) => trim(p.type, v)) };
    case "between":
      return { ...p, low: trim(p.type, p.low), high: trim(p.type, p.high) };
    case "and":
    case "or":
      return { ...p, left: secondsOnly(p.left), right: secondsOnly(p.right) };
    case "not":
      return { ...p, operand: secondsOnly(p.operand) };
    default:
      return p;
  }
}

describe("the where evaluator, property-tested", () => {
  it("selects exactly the rows a direct evaluation selects", () => {
    fc.assert(
      fc.property(predicate.map(secondsOnly), (p) => {
        const selected = rows.filter(compileWhere(toSql(p), assets.fields)).map((r) => r.OBJECTID);
        const expected = rows.filter((r) => jsEval(p, r) === true).map((r) => r.OBJECTID);
        expect(selected).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
