/**
 * Test-only constructors for hand-built ASTs, so specifications read close to the OData text
 * they stand for: `and(eq(prop("Status"), str("open")), gt(prop("Qty"), int(5)))`.
 */
import type {
  ArithmeticOperator,
  CanonicalFunction,
  ComparisonOperator,
  Expr,
  GeoShape,
  OrderByItem,
  SearchExpr,
} from "@headgate/odata";

export const nul: Expr = { kind: "literal", literal: { kind: "null" } };
export const bool = (value: boolean): Expr => ({ kind: "literal", literal: { kind: "boolean", value } });
export const int = (value: number | bigint): Expr => ({
  kind: "literal",
  literal: { kind: "integer", value: BigInt(value) },
});
export const dec = (value: string): Expr => ({ kind: "literal", literal: { kind: "decimal", value } });
export const dbl = (value: number): Expr => ({ kind: "literal", literal: { kind: "double", value } });
export const str = (value: string): Expr => ({ kind: "literal", literal: { kind: "string", value } });
export const date = (value: string): Expr => ({ kind: "literal", literal: { kind: "date", value } });
export const time = (value: string): Expr => ({ kind: "literal", literal: { kind: "timeOfDay", value } });
export const dto = (value: string): Expr => ({ kind: "literal", literal: { kind: "dateTimeOffset", value } });
export const dur = (value: string): Expr => ({ kind: "literal", literal: { kind: "duration", value } });
export const guid = (value: string): Expr => ({ kind: "literal", literal: { kind: "guid", value } });
export const enm = (typeName: string, value: string): Expr => ({
  kind: "literal",
  literal: { kind: "enum", typeName, value },
});
export const geography = (shape: GeoShape): Expr => ({
  kind: "literal",
  literal: { kind: "geo", family: "geography", srid: 4326, shape },
});
export const geometry = (shape: GeoShape): Expr => ({
  kind: "literal",
  literal: { kind: "geo", family: "geometry", srid: 0, shape },
});
export const point = (longitude: number, latitude: number): GeoShape => ({
  type: "Point",
  coordinates: [longitude, latitude],
});

/** `prop("Address/City")` or `prop("Address", "City")`. */
export const prop = (...segments: string[]): Expr => ({
  kind: "member",
  path: segments.flatMap((segment) => segment.split("/")),
});

const binary =
  (op: ComparisonOperator | ArithmeticOperator | "and" | "or" | "has") =>
  (left: Expr, right: Expr): Expr => ({ kind: "binary", op, left, right });

export const eq = binary("eq");
export const ne = binary("ne");
export const gt = binary("gt");
export const ge = binary("ge");
export const lt = binary("lt");
export const le = binary("le");
export const and = binary("and");
export const or = binary("or");
export const has = binary("has");
export const add = binary("add");
export const sub = binary("sub");
export const mul = binary("mul");
export const div = binary("div");
export const divby = binary("divby");
export const mod = binary("mod");

export const not = (operand: Expr): Expr => ({ kind: "not", operand });
export const negate = (operand: Expr): Expr => ({ kind: "negate", operand });
export const call = (name: CanonicalFunction, ...args: Expr[]): Expr => ({ kind: "call", name, args });
export const list = (...items: Expr[]): Expr => ({ kind: "list", items });
export const isIn = (left: Expr, right: Expr): Expr => ({ kind: "in", left, right });
export const caseOf = (...branches: [Expr, Expr][]): Expr => ({
  kind: "case",
  branches: branches.map(([when, then]) => ({ when, then })),
});
export const isof = (operand: Expr | null, typeName: string): Expr => ({ kind: "isof", operand, typeName });
export const cast = (operand: Expr | null, typeName: string): Expr => ({ kind: "cast", operand, typeName });
export const any = (collection: Expr, variable: string | null, predicate: Expr | null): Expr => ({
  kind: "lambda",
  op: "any",
  collection,
  variable,
  predicate,
});
export const all = (collection: Expr, variable: string, predicate: Expr): Expr => ({
  kind: "lambda",
  op: "all",
  collection,
  variable,
  predicate,
});
export const count = (
  collection: Expr,
  filter: Expr | null = null,
  search: SearchExpr | null = null,
): Expr => ({
  kind: "count",
  collection,
  filter,
  search,
});

export const asc = (expr: Expr): OrderByItem => ({ expr, direction: "asc" });
export const desc = (expr: Expr): OrderByItem => ({ expr, direction: "desc" });

export const term = (text: string): SearchExpr => ({ kind: "term", text, phrase: false });
export const phrase = (text: string): SearchExpr => ({ kind: "term", text, phrase: true });
export const sNot = (operand: SearchExpr): SearchExpr => ({ kind: "not", operand });
export const sAnd = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "and", left, right });
export const sOr = (left: SearchExpr, right: SearchExpr): SearchExpr => ({ kind: "or", left, right });
