/**
 * Evaluates a pushed filter on rows Procore returned. Procore's filters are coarser than OData
 * (case-insensitive values, inclusive ranges, no `or` across properties, no `not`), so the
 * connector sends the narrowest request it can and then checks every row against the exact
 * predicate the engine pushed: the answer is exactly what the engine would compute.
 */
import type { EntityTypeDef, Row } from "@headgate/model";
import type { Expr } from "@headgate/odata";
import { literalValue } from "./literal-value.ts";

type Predicate = (row: Row) => boolean;
type Compare = (a: unknown, b: unknown) => number | undefined;

export function compilePushedFilter(expr: Expr, entityType: EntityTypeDef): Predicate {
  const types = new Map(entityType.properties.map((p) => [p.name, p.type] as const));
  const compile = (e: Expr): Predicate => {
    if (e.kind === "binary" && e.op === "and") {
      const [l, r] = [compile(e.left), compile(e.right)];
      return (row) => l(row) && r(row);
    }
    if (e.kind === "binary" && e.op === "or") {
      const [l, r] = [compile(e.left), compile(e.right)];
      return (row) => l(row) || r(row);
    }
    if (e.kind === "not") {
      const inner = compile(e.operand);
      return (row) => !inner(row);
    }
    if (e.kind === "in" && e.left.kind === "member" && e.right.kind === "list") {
      const name = e.left.path[0] ?? "";
      const compare = comparer(types.get(name));
      const values = e.right.items.map((i) => (i.kind === "literal" ? literalValue(i.literal) : undefined));
      return (row) => values.some((v) => compare(row[name] ?? null, v) === 0);
    }
    if (e.kind === "binary") return comparison(e.op, e.left, e.right, types);
    throw new Error(`the Procore connector cannot evaluate a pushed '${e.kind}' expression`);
  };
  return compile(expr);
}

const FLIP: Record<string, string> = { eq: "eq", ne: "ne", gt: "lt", ge: "le", lt: "gt", le: "ge" };

function comparison(op: string, left: Expr, right: Expr, types: Map<string, string>): Predicate {
  const flipped = left.kind === "literal";
  const member = flipped ? right : left;
  const literal = flipped ? left : right;
  if (member.kind !== "member" || literal.kind !== "literal")
    throw new Error("the Procore connector only evaluates property-literal comparisons");
  const name = member.path[0] ?? "";
  const value = literalValue(literal.literal);
  const compare = comparer(types.get(name));
  const operator = flipped ? FLIP[op] : op;
  return (row) => {
    const actual = row[name] ?? null;
    if (operator === "eq")
      return actual === null || value === null ? actual === value : compare(actual, value) === 0;
    if (operator === "ne")
      return actual === null || value === null ? actual !== value : compare(actual, value) !== 0;
    if (actual === null || value === null) return false;
    const order = compare(actual, value);
    if (order === undefined) return false;
    if (operator === "gt") return order > 0;
    if (operator === "ge") return order >= 0;
    if (operator === "lt") return order < 0;
    return order <= 0;
  };
}

function comparer(type: string | undefined): Compare {
  if (type === "Edm.DateTimeOffset")
    return (a, b) => {
      const [x, y] = [Date.parse(String(a)), Date.parse(String(b))];
      return Number.isNaN(x) || Number.isNaN(y) ? undefined : Math.sign(x - y);
    };
  return (a, b) => {
    if (a === b) return 0;
    if (typeof a === "number" && typeof b === "number") return Math.sign(a - b);
    if (typeof a === "string" && typeof b === "string") return a < b ? -1 : 1;
    return undefined;
  };
}
