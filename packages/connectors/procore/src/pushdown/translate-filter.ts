/**
 * Turns the filter the engine pushed into Procore request parameters: id and value lists,
 * `from...to` ranges, the daily-log date window, and the projects to read. Conjuncts Procore
 * cannot express (`or` across properties, `not`, `ne`) send nothing and are checked on the rows
 * (see evaluate-pushed.ts); `exact` says whether Procore's answer needs no such check, so its
 * `Total` header is the true count.
 */
import type { Expr } from "@headgate/odata";
import type { FilterParam, ProcoreEntitySet } from "../entity-sets/procore-entity-set.ts";
import { literalValue } from "./literal-value.ts";

export interface RequestPlan {
  readonly params: [string, string][];
  /** Projects named by the filter; undefined: all of the company's. */
  readonly projects?: readonly number[];
  /** No row can match: no request is needed. */
  readonly empty: boolean;
  /** Procore evaluates the whole filter exactly. */
  readonly exact: boolean;
}

interface Bound {
  readonly value: unknown;
  readonly inclusive: boolean;
}

interface Constraint {
  values?: unknown[];
  lower?: Bound;
  upper?: Bound;
}

const EARLIEST = "1970-01-01T00:00:00.000Z";
const LATEST = "9999-12-31T23:59:59.000Z";
const FIRST_LOG_DATE = "2000-01-01";
const LAST_LOG_DATE = "2099-12-31";

export function translateFilter(set: ProcoreEntitySet, filter: Expr | undefined): RequestPlan {
  const constraints = new Map<string, Constraint>();
  let exact = true;
  for (const conjunct of conjuncts(filter)) {
    const recorded = recordValues(conjunct, constraints) || recordBound(conjunct, constraints);
    if (!recorded) exact = false;
  }
  const params: [string, string][] = [];
  let projects: number[] | undefined;
  for (const [property, constraint] of constraints) {
    const param = set.filters[property];
    if (!param) {
      exact = false;
      continue;
    }
    if (constraint.values?.length === 0) return { params: [], empty: true, exact: true };
    const outcome = applyParam(param, constraint, params, set, property);
    if (outcome === "empty") return { params: [], empty: true, exact: true };
    if (outcome === "inexact") exact = false;
    if (param.kind === "project") projects = (constraint.values ?? []).map(Number);
  }
  if (set.filters.log_date && !constraints.has("log_date")) {
    params.push(["start_date", FIRST_LOG_DATE], ["end_date", LAST_LOG_DATE]);
  }
  return {
    params,
    empty: false,
    exact,
    ...(projects ? { projects: [...new Set(projects)].sort((a, b) => a - b) } : {}),
  };
}

function conjuncts(filter: Expr | undefined): Expr[] {
  if (!filter) return [];
  if (filter.kind === "binary" && filter.op === "and")
    return [...conjuncts(filter.left), ...conjuncts(filter.right)];
  return [filter];
}

/** `P eq v`, `P in (...)`, or an `or` of those on one property: intersect the value set. */
function recordValues(expr: Expr, into: Map<string, Constraint>): boolean {
  const found = valueList(expr);
  if (!found) return false;
  const constraint = into.get(found.property) ?? {};
  constraint.values = constraint.values
    ? constraint.values.filter((v) => found.values.includes(v))
    : [...new Set(found.values)];
  into.set(found.property, constraint);
  return true;
}

function valueList(expr: Expr): { property: string; values: unknown[] } | undefined {
  if (expr.kind === "in" && expr.left.kind === "member" && expr.right.kind === "list") {
    const values = expr.right.items.map((i) => (i.kind === "literal" ? literalValue(i.literal) : undefined));
    if (values.some((v) => v === null || v === undefined)) return undefined;
    return { property: expr.left.path[0] ?? "", values };
  }
  if (expr.kind === "binary" && expr.op === "or") {
    const [l, r] = [valueList(expr.left), valueList(expr.right)];
    return l && r && l.property === r.property
      ? { property: l.property, values: [...l.values, ...r.values] }
      : undefined;
  }
  const side = comparisonSides(expr);
  if (side?.op !== "eq" || side.value === null || side.value === undefined) return undefined;
  return { property: side.property, values: [side.value] };
}

function recordBound(expr: Expr, into: Map<string, Constraint>): boolean {
  const side = comparisonSides(expr);
  if (!side || !["gt", "ge", "lt", "le"].includes(side.op) || side.value === null || side.value === undefined)
    return false;
  const constraint = into.get(side.property) ?? {};
  const bound = { value: side.value, inclusive: side.op === "ge" || side.op === "le" };
  if (side.op === "gt" || side.op === "ge") constraint.lower = tighter(constraint.lower, bound, 1);
  else constraint.upper = tighter(constraint.upper, bound, -1);
  into.set(side.property, constraint);
  return true;
}

function tighter(current: Bound | undefined, next: Bound, direction: 1 | -1): Bound {
  if (!current) return next;
  const order = compareLoose(next.value, current.value) * direction;
  if (order > 0) return next;
  if (order < 0) return current;
  return next.inclusive ? current : next;
}

function compareLoose(a: unknown, b: unknown): number {
  const [x, y] = [Date.parse(String(a)), Date.parse(String(b))];
  if (!Number.isNaN(x) && !Number.isNaN(y)) return Math.sign(x - y);
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

const FLIP: Record<string, string> = { eq: "eq", gt: "lt", ge: "le", lt: "gt", le: "ge" };

function comparisonSides(expr: Expr): { property: string; op: string; value: unknown } | undefined {
  if (expr.kind !== "binary") return undefined;
  const { left, right } = expr;
  if (left.kind === "member" && right.kind === "literal")
    return { property: left.path[0] ?? "", op: expr.op, value: literalValue(right.literal) };
  if (right.kind === "member" && left.kind === "literal" && FLIP[expr.op])
    return { property: right.path[0] ?? "", op: FLIP[expr.op] ?? expr.op, value: literalValue(left.literal) };
  return undefined;
}

type Outcome = "exact" | "inexact" | "empty";

function applyParam(
  param: FilterParam,
  constraint: Constraint,
  params: [string, string][],
  set: ProcoreEntitySet,
  property: string,
): Outcome {
  switch (param.kind) {
    case "project":
      return constraint.lower || constraint.upper ? "inexact" : "exact";
    case "ids":
      for (const v of constraint.values ?? []) params.push([`${param.param}[]`, String(v)]);
      return constraint.lower || constraint.upper ? "inexact" : "exact";
    case "values": {
      const allowed = set.definition.entityType.properties.find((p) => p.name === property)?.allowedValues;
      const values = (constraint.values ?? []).map(String);
      for (const v of values) params.push([`${param.param}[]`, v]);
      return allowed && values.every((v) => allowed.includes(v)) ? "exact" : "inexact";
    }
    case "range":
      return applyRange(param.param, constraint, params);
    case "dateWindow":
      return applyDateWindow(constraint, params);
  }
}

function applyRange(name: string, constraint: Constraint, params: [string, string][]): Outcome {
  const moments = (constraint.values ?? []).map((v) => Date.parse(String(v)));
  if (new Set(moments).size > 1) return "empty";
  let from = constraint.lower
    ? Date.parse(String(constraint.lower.value)) + (constraint.lower.inclusive ? 0 : 1)
    : undefined;
  let to = constraint.upper
    ? Date.parse(String(constraint.upper.value)) - (constraint.upper.inclusive ? 0 : 1)
    : undefined;
  if (moments[0] !== undefined) {
    from = Math.max(from ?? moments[0], moments[0]);
    to = Math.min(to ?? moments[0], moments[0]);
  }
  if (from !== undefined && to !== undefined && from > to) return "empty";
  const text = (ms: number | undefined, fallback: string) =>
    ms === undefined ? fallback : new Date(ms).toISOString();
  params.push([name, `${text(from, EARLIEST)}...${text(to, LATEST)}`]);
  // Instants finer than a millisecond cannot be expressed: let the row check decide those.
  return "exact";
}

function applyDateWindow(constraint: Constraint, params: [string, string][]): Outcome {
  const values = (constraint.values ?? []).map(String);
  if (new Set(values).size > 1) return "empty";
  let start = constraint.lower
    ? shiftDay(String(constraint.lower.value), constraint.lower.inclusive ? 0 : 1)
    : FIRST_LOG_DATE;
  let end = constraint.upper
    ? shiftDay(String(constraint.upper.value), constraint.upper.inclusive ? 0 : -1)
    : LAST_LOG_DATE;
  if (values[0] !== undefined) {
    // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, not numbers
    start = start > values[0] ? start : values[0];
    // biome-ignore lint/complexity/useMathMinMax: ISO dates compare as strings, not numbers
    end = end < values[0] ? end : values[0];
  }
  if (start > end) return "empty";
  params.push(["start_date", start], ["end_date", end]);
  return "exact";
}

function shiftDay(date: string, days: number): string {
  const moment = Date.parse(`${date.slice(0, 10)}T00:00:00Z`) + days * 86_400_000;
  return new Date(moment).toISOString().slice(0, 10);
}
