/**
 * A pushed `$filter` as a SQL predicate that selects exactly the rows the engine's evaluator
 * would (packages/engine/src/evaluate is the specification).
 *
 * The engine's logic is three-valued but its filter only asks "is it true?". It compiles
 * `not` by asking the opposite question of the operand ("is it false?"), never by negating a
 * null. This compiler does the same: `truth(expr, want)` is a predicate that holds exactly when
 * `expr` evaluates to `want`. Leaves (comparisons, `in`, text functions) provide both answers;
 * `and`/`or` combine them; `not` flips `want`. A leaf answer may be NULL where it means "no":
 * only AND and OR ever combine answers, and for those NULL behaves as false.
 *
 * Leaf semantics, as in the engine:
 * - `eq`/`ne` with null test for null; `null eq null` is true. Other comparisons with a null
 *   operand are false, so `not (X gt 5)` holds for a null X.
 * - `in` is `eq` against each item: a null item matches a null value.
 * - `contains`/`startswith`/`endswith` with a null operand are null: neither they nor their
 *   negation hold.
 * - Text orders by code point and compares case-sensitively; numbers as doubles (NaN equals
 *   nothing); instants at millisecond resolution; a Date against a DateTimeOffset by the
 *   instant's UTC calendar day.
 */
import type { ComparisonOperator, Expr } from "@headgate/odata";
import { ODataError, ODataNotImplementedError } from "@headgate/odata";
import { chainOperands } from "./chain-operands.ts";
import type { DialectName, SqlDialect, TextTest } from "./dialects/dialect.ts";
import { type Constant, constantOf, foldComparison, utcDayOf } from "./literal-values.ts";
import { and, FALSE, join, notTrue, or, raw, type SqlFragment, sql, TRUE } from "./sql-fragment.ts";
import { type ColumnModel, type Domain, domainOf, type TableModel } from "./table-model.ts";

export interface FilterContext {
  readonly table: TableModel;
  readonly dialect: SqlDialect;
}

/** One filter being compiled. */
interface Compilation extends FilterContext {
  /** Stored forms (see `storedForms`) the filter may still bind. */
  storedFormsLeft: number;
}

/**
 * Stored forms one filter binds at most. A form is a bound value, and a long `in` list or `or`
 * chain over a column with many paddings could otherwise bind dozens per value; past this,
 * equality compares the trimmed value (exact, one bound value, no index).
 */
const STORED_FORMS_PER_FILTER = 1000;

/**
 * Values one statement may bind, per database, less a margin for the rest of the statement
 * (paging, search). The query limits keep a filter well below SQLite's and Postgres's; SQL
 * Server's is lower than a long `in` list can need.
 */
const MAX_BOUND_VALUES: Readonly<Record<DialectName, number>> = {
  sqlite: 32_766 - 100,
  postgres: 65_535 - 100,
  mssql: 2_100 - 100,
};

/** The WHERE predicate for a pushed filter. */
export function compileSqlFilter(expr: Expr, ctx: FilterContext): SqlFragment {
  const where = truth(expr, true, { ...ctx, storedFormsLeft: STORED_FORMS_PER_FILTER });
  const max = MAX_BOUND_VALUES[ctx.dialect.name];
  if (where.bindings.length > max) throw tooManyBoundValues(where.bindings.length, max);
  return where;
}

function tooManyBoundValues(count: number, max: number): ODataError {
  const n = (value: number) => value.toLocaleString("en-US");
  return new ODataError({
    code: "QueryLimitExceeded",
    status: 400,
    message: `this $filter needs ${n(count)} values in one database statement, more than this database accepts (${n(max)}); split long in (...) lists or or-chains over several queries, or filter on a range (ge and le) instead`,
    target: "$filter",
  });
}

/** A leaf's two answers: the predicate for "is true" and the one for "is false". */
interface Leaf {
  readonly whenTrue: SqlFragment;
  readonly whenFalse: SqlFragment;
}

const fixed = (value: boolean): Leaf => ({ whenTrue: value ? TRUE : FALSE, whenFalse: value ? FALSE : TRUE });
const swap = (leaf: Leaf): Leaf => ({ whenTrue: leaf.whenFalse, whenFalse: leaf.whenTrue });
const answer = (leaf: Leaf, want: boolean) => (want ? leaf.whenTrue : leaf.whenFalse);
/** A predicate that is two-valued where it matters: its negation is "not true". */
const predicate = (whenTrue: SqlFragment): Leaf => ({ whenTrue, whenFalse: notTrue(whenTrue) });

function truth(expr: Expr, want: boolean, ctx: Compilation): SqlFragment {
  switch (expr.kind) {
    case "not":
      return truth(expr.operand, !want, ctx);
    case "binary":
      if (expr.op === "and" || expr.op === "or") {
        const op = expr.op;
        const split = (e: Expr) =>
          e.kind === "binary" && e.op === op ? ([e.left, e.right] as const) : undefined;
        const parts = chainOperands(expr, split).map((operand) => truth(operand, want, ctx));
        // "and is true" and "or is false" need every operand; the other two need any one.
        return (op === "and") === want ? and(parts) : or(parts);
      }
      if (isComparison(expr.op)) return answer(comparison(expr.op, expr.left, expr.right, ctx), want);
      break;
    case "in":
      return answer(inList(expr.left, expr.right, ctx), want);
    case "call":
      if (expr.name === "contains" || expr.name === "startswith" || expr.name === "endswith")
        return answer(textTest(expr.name, expr.args, ctx), want);
      break;
    case "literal":
      if (expr.literal.kind === "boolean") return expr.literal.value === want ? TRUE : FALSE;
      if (expr.literal.kind === "null") return FALSE;
      break;
    default:
      break;
  }
  throw unsupported(expr.kind === "call" ? `the function '${expr.name}'` : `a '${expr.kind}' expression`);
}

function isComparison(op: string): op is ComparisonOperator {
  return op === "eq" || op === "ne" || op === "gt" || op === "ge" || op === "lt" || op === "le";
}

export function unsupported(what: string): ODataNotImplementedError {
  return new ODataNotImplementedError(
    `Pushing ${what} to SQL`,
    "the SQL connector advertised an operation it cannot translate; this is a connector bug",
    "$filter",
  );
}

// ---------------------------------------------------------------------------------------------
// Operands
// ---------------------------------------------------------------------------------------------

type Operand =
  | { readonly kind: "constant"; readonly constant: Constant | null }
  | {
      readonly kind: "value";
      readonly domain: Domain;
      /** The value as comparisons see it. */
      readonly sql: SqlFragment;
      /** The column itself when the operand is a plain column. */
      readonly column: ColumnModel | undefined;
      readonly nanable: boolean;
    };

type ValueOperand = Extract<Operand, { kind: "value" }>;

function columnOf(expr: Expr, ctx: Compilation): ColumnModel {
  const name = expr.kind === "member" && expr.path.length === 1 ? expr.path[0] : undefined;
  const column = name === undefined ? undefined : ctx.table.columns.get(name);
  if (column === undefined) throw unsupported("a path that is not a column of this table");
  return column;
}

function operand(expr: Expr, ctx: Compilation): Operand {
  const { dialect } = ctx;
  if (expr.kind === "literal") return { kind: "constant", constant: constantOf(expr.literal) };
  if (expr.kind === "member") {
    const column = columnOf(expr, ctx);
    return {
      kind: "value",
      domain: domainOf(column.storage),
      sql: dialect.value(column),
      column,
      nanable: dialect.nanable(column),
    };
  }
  if (expr.kind === "call" && expr.args.length === 1) {
    const column = columnOf(expr.args[0]!, ctx);
    switch (expr.name) {
      case "tolower":
      case "toupper": {
        const text = dialect.value(column);
        const mapped = expr.name === "tolower" ? dialect.lower(text) : dialect.upper(text);
        return { kind: "value", domain: "string", sql: mapped, column: undefined, nanable: false };
      }
      case "year":
      case "month":
      case "day":
        return {
          kind: "value",
          domain: "number",
          sql: dialect.datePart(expr.name, column),
          column: undefined,
          nanable: false,
        };
      default:
        break;
    }
  }
  throw unsupported(expr.kind === "call" ? `the function '${expr.name}'` : `a '${expr.kind}' operand`);
}

const isNull = (o: ValueOperand) => sql`(${o.sql} IS NULL)`;
const isNotNull = (o: ValueOperand) => sql`(${o.sql} IS NOT NULL)`;

const SQL_OPERATOR: Readonly<Record<Exclude<ComparisonOperator, "ne">, SqlFragment>> = {
  eq: raw("="),
  gt: raw(">"),
  ge: raw(">="),
  lt: raw("<"),
  le: raw("<="),
};

/** `5 lt X` is `X gt 5`. */
const MIRRORED: Readonly<Record<ComparisonOperator, ComparisonOperator>> = {
  eq: "eq",
  ne: "ne",
  gt: "lt",
  ge: "le",
  lt: "gt",
  le: "ge",
};

// ---------------------------------------------------------------------------------------------
// Comparisons
// ---------------------------------------------------------------------------------------------

/** Beyond this many stored forms, equality compares the trimmed value instead. */
const MAX_STORED_FORMS = 64;

/**
 * For a column read through a text convention (the value is the stored text without trailing
 * spaces): the stored texts whose value is `value`, so equality can compare the stored column
 * (exact, and an index on it can serve the comparison):
 * - none when no stored text reads as `value` (it ends with a space, or is blank where blanks
 *   read as null, or is longer than the column holds);
 * - the value padded to the width, for fixed-width columns;
 * - every padding up to the declared length, when the database enforces one.
 * Undefined when equality must compare the trimmed value (no width or length is known, the
 * value has characters outside the Basic Multilingual Plane, which databases count differently,
 * or the filter has used up its `STORED_FORMS_PER_FILTER`).
 */
function storedForms(column: ColumnModel, value: string, ctx: Compilation): string[] | undefined {
  const forms = allStoredForms(column, value);
  if (forms === undefined || forms.length <= 1) return forms;
  if (forms.length > ctx.storedFormsLeft) return undefined;
  ctx.storedFormsLeft -= forms.length;
  return forms;
}

/** Every stored form of `value` (see `storedForms`), whatever the filter's budget. */
function allStoredForms(column: ColumnModel, value: string): string[] | undefined {
  if (column.convention === undefined) return undefined;
  if (value.endsWith(" ")) return [];
  if (value === "" && column.convention === "emptyAsNull") return [];
  if (/[\uD800-\uDFFF]/.test(value)) return undefined;
  const width = column.fixedWidth;
  if (width !== undefined && value !== "") return value.length > width ? [] : [value.padEnd(width, " ")];
  const max = column.maxLength;
  if (max === undefined || max - value.length >= MAX_STORED_FORMS) return undefined;
  return Array.from({ length: Math.max(0, max - value.length + 1) }, (_, k) => value + " ".repeat(k));
}

/** `expr` equal to one of the text constants `values`, with the engine's equality. */
function textIn(expr: SqlFragment, values: readonly SqlFragment[], dialect: SqlDialect): SqlFragment {
  if (values.length === 0) return FALSE;
  if (dialect.textIn) return dialect.textIn(expr, values);
  const lhs = dialect.exact(expr);
  return values.length === 1 ? sql`(${lhs} = ${values[0]!})` : sql`(${lhs} IN (${join(values, ", ")}))`;
}

/** `stored IN (forms)` for the stored column of a convention. */
function storedIn(column: ColumnModel, forms: readonly string[], dialect: SqlDialect): SqlFragment {
  const params = forms.map((form) => dialect.constant({ domain: "string", value: form }));
  return textIn(column.identifier, params, dialect);
}

/**
 * `v op c` for a constant beyond every value the database can hold (SQL Server has no infinity
 * and no year 10000): decided by which side it lies on, since every value is on the other.
 */
function beyondRange(op: Exclude<ComparisonOperator, "ne">, v: ValueOperand, side: "below" | "above"): Leaf {
  const holds = side === "below" ? op === "gt" || op === "ge" : op === "lt" || op === "le";
  return holds ? { whenTrue: isNotNull(v), whenFalse: isNull(v) } : fixed(false);
}

function comparison(op: ComparisonOperator, left: Expr, right: Expr, ctx: Compilation): Leaf {
  const l = operand(left, ctx);
  const r = operand(right, ctx);
  if (l.kind === "constant" && r.kind === "constant")
    return fixed(foldComparison(op, l.constant, r.constant));
  if (l.kind === "constant") return compareToConstant(MIRRORED[op], r as ValueOperand, l.constant, ctx);
  if (r.kind === "constant") return compareToConstant(op, l, r.constant, ctx);
  return compareValues(op, l, r, ctx);
}

function compareToConstant(
  op: ComparisonOperator,
  v: ValueOperand,
  c: Constant | null,
  ctx: Compilation,
): Leaf {
  if (c === null) {
    if (op === "eq") return { whenTrue: isNull(v), whenFalse: isNotNull(v) };
    if (op === "ne") return { whenTrue: isNotNull(v), whenFalse: isNull(v) };
    return fixed(false);
  }
  if (op === "ne") return swap(compareToConstant("eq", v, c, ctx));
  const { dialect } = ctx;
  // Instants: the dialect compares at millisecond resolution (ranges keep indexes usable).
  if (v.domain === "instant" && c.domain === "instant") {
    const ms = c.value as number;
    if (Number.isNaN(ms) || v.column === undefined) return fixed(false);
    return predicate(dialect.instantCompare(op, v.column, ms));
  }
  if (v.domain === "instant" && c.domain === "date" && v.column !== undefined) {
    const side = dialect.outOfRange?.(c);
    if (side !== undefined) return beyondRange(op, v, side);
    return predicate(sql`(${dialect.instantDay(v.column)} ${SQL_OPERATOR[op]} ${dialect.constant(c)})`);
  }
  let constant = c;
  if (v.domain === "date" && c.domain === "instant") {
    const ms = c.value as number;
    if (Number.isNaN(ms)) return fixed(false);
    constant = { domain: "date", value: utcDayOf(ms) };
  }
  if (constant.domain !== v.domain) throw unsupported(`a comparison of ${v.domain} with ${constant.domain}`);
  if (constant.domain === "number" && Number.isNaN(constant.value)) return fixed(false);
  const side = dialect.outOfRange?.(constant);
  if (side !== undefined) return beyondRange(op, v, side);
  if (op === "eq" && constant.domain === "string" && v.column !== undefined) {
    const forms = storedForms(v.column, String(constant.value), ctx);
    if (forms !== undefined) {
      if (forms.length === 0) return fixed(false);
      const test = storedIn(v.column, forms, dialect);
      return { whenTrue: test, whenFalse: sql`(NOT ${test} OR ${v.sql} IS NULL)` };
    }
  }
  const p = dialect.constant(constant);
  if (op === "eq" && constant.domain === "string" && dialect.textIn) {
    const test = dialect.textIn(v.sql, [p]);
    return { whenTrue: test, whenFalse: sql`(NOT ${test} OR ${v.sql} IS NULL)` };
  }
  const stored = v.column?.rounded?.stored;
  if (constant.domain === "number" && stored !== undefined && v.sql.sql === v.column?.expression.sql) {
    const leaf = roundedComparison(op, v.column.rounded!.scale, stored, v.sql, constant.value, p, dialect);
    if (leaf !== undefined) return leaf;
  }
  const lhs = v.domain !== "string" ? v.sql : op === "eq" ? dialect.exact(v.sql) : dialect.ordinal(v.sql);
  const test = sql`(${lhs} ${SQL_OPERATOR[op]} ${p})`;
  if (op === "eq") {
    // NaN <> x holds in SQL as in the engine, so the classic form needs no NaN guard.
    return { whenTrue: test, whenFalse: sql`(${lhs} <> ${p} OR ${v.sql} IS NULL)` };
  }
  if (!v.nanable || (op !== "gt" && op !== "ge")) return predicate(test);
  // A computed value (money rounded to cents) is evaluated once, with NaN as NULL.
  if (v.column !== undefined && v.sql.sql !== v.column.identifier.sql)
    return predicate(sql`(${dialect.withoutNaN(lhs)} ${SQL_OPERATOR[op]} ${p})`);
  return predicate(and([test, dialect.notNaN(v.sql)]));
}

/**
 * `R op c` for a value R rounded from a stored double x (money to the cent), exactly, but
 * evaluating the rounding only near c: R is within half a unit of x (plus rounding error), so
 * with a margin m a little above that, `R > c` holds when `x > c + m`, fails when `x <= c - m`,
 * and only in between needs R itself. Most rows are decided by one comparison of the stored
 * column (which an index on it could also serve). NaN (Postgres sorts it above every number)
 * is kept out as in the plain comparison.
 */
function roundedComparison(
  op: Exclude<ComparisonOperator, "ne">,
  scale: number,
  x: SqlFragment,
  value: SqlFragment,
  c: number,
  p: SqlFragment,
  dialect: SqlDialect,
): Leaf | undefined {
  if (!Number.isFinite(c) || Math.abs(c) >= 1e13) return undefined;
  const margin = 0.51 * 10 ** -scale + (Math.abs(c) + 1) * 2 ** -44;
  const bound = (n: number) =>
    dialect.constant({ domain: "number", value: n, literal: { kind: "double", value: n } });
  const [lo, hi] = [bound(c - margin), bound(c + margin)];
  const exact = sql`(${op === "gt" || op === "ge" ? dialect.withoutNaN(value) : value} ${SQL_OPERATOR[op]} ${p})`;
  switch (op) {
    case "gt":
    case "ge":
      return predicate(or([sql`(${dialect.withoutNaN(x)} > ${hi})`, and([sql`(${x} > ${lo})`, exact])]));
    case "lt":
    case "le":
      return predicate(or([sql`(${x} < ${lo})`, and([sql`(${x} < ${hi})`, exact])]));
    case "eq":
      return predicate(and([sql`(${x} > ${lo})`, sql`(${x} < ${hi})`, exact]));
  }
}

/** Two values read from the row, each put in the comparison domain they share. */
function compareValues(op: ComparisonOperator, a: ValueOperand, b: ValueOperand, ctx: Compilation): Leaf {
  if (op === "ne") return swap(compareValues("eq", a, b, ctx));
  const [ka, kb] = comparisonKeys(a, b, ctx);
  const test = sql`(${ka} ${SQL_OPERATOR[op]} ${kb})`;
  if (op === "eq") return predicate(or([test, and([isNull(a), isNull(b)])]));
  return predicate(test);
}

function comparisonKeys(a: ValueOperand, b: ValueOperand, ctx: Compilation): [SqlFragment, SqlFragment] {
  const { dialect } = ctx;
  const key = (o: ValueOperand, domain: Domain): SqlFragment => {
    if (o.domain === "instant" && o.column !== undefined)
      return domain === "date" ? dialect.instantDay(o.column) : dialect.instantKey(o.column);
    if (o.domain === "number" && o.nanable) return dialect.withoutNaN(o.sql);
    if (o.domain === "string") return dialect.ordinal(o.sql);
    return o.sql;
  };
  if (a.domain === b.domain) return [key(a, a.domain), key(b, b.domain)];
  const mixed = new Set([a.domain, b.domain]);
  if (mixed.has("date") && mixed.has("instant")) return [key(a, "date"), key(b, "date")];
  throw unsupported(`a comparison of ${a.domain} with ${b.domain}`);
}

// ---------------------------------------------------------------------------------------------
// in
// ---------------------------------------------------------------------------------------------

function inList(left: Expr, right: Expr, ctx: Compilation): Leaf {
  if (right.kind !== "list") throw unsupported("'in' over a collection");
  const items = right.items.map((item) => {
    if (item.kind !== "literal") throw unsupported("'in' with a non-literal item");
    return constantOf(item.literal);
  });
  const l = operand(left, ctx);
  if (l.kind === "constant") return fixed(items.some((item) => foldComparison("eq", l.constant, item)));
  const { dialect } = ctx;
  const hasNull = items.some((item) => item === null);
  const values = items.filter((item): item is Constant => item !== null);
  let matches: SqlFragment;
  if (l.domain === "instant" && l.column !== undefined) {
    const column = l.column;
    matches = or(
      values.map((c) =>
        c.domain === "instant" && !Number.isNaN(c.value)
          ? dialect.instantCompare("eq", column, c.value as number)
          : FALSE,
      ),
    );
  } else if (l.domain === "string" && l.column?.convention !== undefined) {
    const column = l.column;
    const stored: string[] = [];
    const trimmed: SqlFragment[] = [];
    for (const c of values) {
      if (c.domain !== "string") continue;
      const forms = storedForms(column, String(c.value), ctx);
      if (forms === undefined) trimmed.push(dialect.constant(c));
      else stored.push(...forms);
    }
    matches = or([storedIn(column, stored, dialect), textIn(l.sql, trimmed, dialect)]);
  } else {
    const params = values.flatMap((item): SqlFragment[] => {
      let c = item;
      if (l.domain === "date" && item.domain === "instant") {
        if (Number.isNaN(item.value)) return [];
        c = { domain: "date", value: utcDayOf(item.value as number) };
      }
      if (c.domain !== l.domain) return [];
      if (c.domain === "number" && Number.isNaN(c.value)) return [];
      // A value beyond every value the column can hold equals none of them.
      if (dialect.outOfRange?.(c) !== undefined) return [];
      return [dialect.constant(c)];
    });
    if (l.domain === "string") matches = textIn(l.sql, params, dialect);
    else matches = params.length === 0 ? FALSE : sql`(${l.sql} IN (${join(params, ", ")}))`;
  }
  return predicate(hasNull ? or([matches, isNull(l)]) : matches);
}

// ---------------------------------------------------------------------------------------------
// contains / startswith / endswith
// ---------------------------------------------------------------------------------------------

const JS_TESTS: Readonly<Record<TextTest, (s: string, t: string) => boolean>> = {
  contains: (s, t) => s.includes(t),
  startswith: (s, t) => s.startsWith(t),
  endswith: (s, t) => s.endsWith(t),
};

function textTest(test: TextTest, args: readonly Expr[], ctx: Compilation): Leaf {
  const [first, second] = args;
  if (first === undefined || second === undefined || args.length !== 2)
    throw unsupported(`${test} arguments`);
  const a = operand(first, ctx);
  const b = operand(second, ctx);
  const neither: Leaf = { whenTrue: FALSE, whenFalse: FALSE };
  if ((a.kind === "constant" && a.constant === null) || (b.kind === "constant" && b.constant === null))
    return neither;
  if (a.kind === "constant" && b.kind === "constant") {
    const s = a.constant?.value;
    const t = b.constant?.value;
    return typeof s === "string" && typeof t === "string" ? fixed(JS_TESTS[test](s, t)) : neither;
  }
  const { dialect } = ctx;
  const haystack = a.kind === "constant" ? dialect.constant(a.constant!) : a.sql;
  const guards = [a, b].flatMap((o) => (o.kind === "value" ? [isNotNull(o)] : []));
  const matched =
    b.kind === "constant"
      ? dialect.pattern(test, haystack, String(b.constant!.value))
      : dialect.textTest(test, haystack, b.sql);
  return { whenTrue: and([...guards, matched]), whenFalse: and([...guards, sql`(NOT ${matched})`]) };
}
