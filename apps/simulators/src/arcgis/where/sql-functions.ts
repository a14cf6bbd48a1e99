/**
 * The scalar functions of standardized queries: string, numeric and date functions, EXTRACT,
 * SUBSTRING, POSITION and CAST. Each checks its arguments' types when compiled, and returns NULL
 * for a NULL argument when run.
 */
import type { CastTarget, DatePart } from "./ast.ts";
import { parseDate, parseTimestamp } from "./sql-dates.ts";
import { asNumber, asString, type Compiled, expectType, type SqlType, type SqlValue } from "./sql-values.ts";
import { WhereSemanticError } from "./where-errors.ts";

type Implementation = (args: readonly SqlValue[]) => SqlValue;

interface FunctionSpec {
  readonly params: readonly SqlType[];
  readonly optional?: number;
  readonly returns: SqlType;
  readonly run: Implementation;
}

const text =
  (f: (s: string) => SqlValue): Implementation =>
  ([s]) => {
    const value = asString(s ?? null);
    return value === null ? null : f(value);
  };
const numeric =
  (f: (...n: number[]) => number): Implementation =>
  (args) => {
    const values = args.map(asNumber);
    return values.some((v) => v === null) ? null : f(...(values as number[]));
  };

const FUNCTIONS: Record<string, FunctionSpec> = {
  UPPER: { params: ["string"], returns: "string", run: text((s) => s.toUpperCase()) },
  LOWER: { params: ["string"], returns: "string", run: text((s) => s.toLowerCase()) },
  TRIM: { params: ["string"], returns: "string", run: text((s) => s.trim()) },
  LTRIM: { params: ["string"], returns: "string", run: text((s) => s.trimStart()) },
  RTRIM: { params: ["string"], returns: "string", run: text((s) => s.trimEnd()) },
  CHAR_LENGTH: { params: ["string"], returns: "number", run: text((s) => [...s].length) },
  CONCAT: {
    params: ["string", "string"],
    returns: "string",
    run: ([a, b]) => (typeof a === "string" && typeof b === "string" ? a + b : null),
  },
  ABS: { params: ["number"], returns: "number", run: numeric(Math.abs) },
  CEILING: { params: ["number"], returns: "number", run: numeric(Math.ceil) },
  FLOOR: { params: ["number"], returns: "number", run: numeric(Math.floor) },
  ROUND: {
    params: ["number", "number"],
    optional: 1,
    returns: "number",
    run: numeric((x, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits),
  },
  POWER: { params: ["number", "number"], returns: "number", run: numeric((x, y) => x ** y) },
  MOD: { params: ["number", "number"], returns: "number", run: numeric((x, y) => x % y) },
};
FUNCTIONS.CHARACTER_LENGTH = FUNCTIONS.CHAR_LENGTH!;

export function compileCall(name: string, args: readonly Compiled[]): Compiled {
  const spec = FUNCTIONS[name];
  if (!spec) throw new WhereSemanticError(`unknown function ${name}`);
  const required = spec.params.length - (spec.optional ?? 0);
  if (args.length < required || args.length > spec.params.length)
    throw new WhereSemanticError(`${name} takes ${spec.params.length} argument(s)`);
  args.forEach((arg, i) => {
    expectType(`${name} argument ${i + 1}`, arg, spec.params[i]!);
  });
  return { type: spec.returns, evaluate: (row) => spec.run(args.map((arg) => arg.evaluate(row))) };
}

const PART_OF: Record<DatePart, (d: Date) => number> = {
  YEAR: (d) => d.getUTCFullYear(),
  MONTH: (d) => d.getUTCMonth() + 1,
  DAY: (d) => d.getUTCDate(),
  HOUR: (d) => d.getUTCHours(),
  MINUTE: (d) => d.getUTCMinutes(),
  SECOND: (d) => d.getUTCSeconds(),
};

export function compileExtract(part: DatePart, source: Compiled): Compiled {
  expectType("EXTRACT", source, "date");
  return {
    type: "number",
    evaluate: (row) => {
      const value = asNumber(source.evaluate(row));
      return value === null ? null : PART_OF[part](new Date(value));
    },
  };
}

/** 1-based, as SQL counts; a start before 1 eats into the length. */
export function compileSubstring(source: Compiled, start: Compiled, length: Compiled | null): Compiled {
  expectType("SUBSTRING", source, "string");
  expectType("SUBSTRING start", start, "number");
  if (length) expectType("SUBSTRING length", length, "number");
  return {
    type: "string",
    evaluate: (row) => {
      const s = asString(source.evaluate(row));
      const from = asNumber(start.evaluate(row));
      const count = length ? asNumber(length.evaluate(row)) : Number.POSITIVE_INFINITY;
      if (s === null || from === null || count === null) return null;
      return [...s].slice(Math.max(0, from - 1), Math.max(0, from - 1 + count)).join("");
    },
  };
}

export function compilePosition(needle: Compiled, haystack: Compiled): Compiled {
  expectType("POSITION", needle, "string");
  expectType("POSITION", haystack, "string");
  return {
    type: "number",
    evaluate: (row) => {
      const n = asString(needle.evaluate(row));
      const h = asString(haystack.evaluate(row));
      return n === null || h === null ? null : h.indexOf(n) + 1;
    },
  };
}

export function compileCast(source: Compiled, target: CastTarget): Compiled {
  expectType("CAST", source, "number", "string", "date");
  const convert = (value: SqlValue): SqlValue => {
    if (value === null) return null;
    if (target === "string")
      return source.type === "date" ? new Date(Number(value)).toISOString() : String(value);
    if (target === "date")
      return typeof value === "number"
        ? value
        : (parseTimestamp(value as string) ?? parseDate(String(value)) ?? fail(value));
    const number = Number(value);
    if (Number.isNaN(number)) fail(value);
    return target === "integer" ? Math.trunc(number) : number;
  };
  return {
    type: target === "integer" || target === "float" ? "number" : target,
    evaluate: (row) => convert(source.evaluate(row)),
  };
}

function fail(value: SqlValue): never {
  throw new WhereSemanticError(`conversion failed for value ${String(value)}`);
}
