/**
 * Binds one expression against a shape: every name resolved (with a did-you-mean when it is
 * not), every operator checked against its operand types, and literals coerced to the type of
 * the property they meet. Returns a new, well-typed tree.
 */

import type { EdmPrimitiveType } from "@headgate/model";
import { didYouMean, type Expr, type Literal, ODataNotImplementedError } from "@headgate/odata";
import { EngineError } from "../errors.ts";
import { coerceLiteral } from "./coerce-literal.ts";
import { FUNCTION_SIGNATURES, resultType } from "./function-signatures.ts";
import { lookupNavigation, lookupProperty, type Shape } from "./shape.ts";
import { checkTextValue } from "./text-values.ts";
import {
  comparable,
  familyOf,
  isNumeric,
  literalExample,
  literalType,
  operatorsFor,
  type ValueType,
} from "./type-rules.ts";

export interface BindContext {
  readonly shape: Shape;
  /** Lambda variables in scope, with the element type of the collection they range over. */
  readonly variables: ReadonlyMap<string, EdmPrimitiveType>;
  /** The query option being bound, for error targets (`$filter`, `$orderby`...). */
  readonly option: string;
}

export interface BoundExpr {
  readonly expr: Expr;
  readonly type: ValueType;
  /** Set when the expression is a collection-valued property. */
  readonly collection: boolean;
  /** The property this expression reads directly, for messages about allowed values. */
  readonly property?: string;
}

const scalar = (expr: Expr, type: ValueType): BoundExpr => ({ expr, type, collection: false });

export function bindExpression(expr: Expr, ctx: BindContext): BoundExpr {
  switch (expr.kind) {
    case "literal":
      if (expr.literal.kind === "string" || expr.literal.kind === "enum")
        checkTextValue(expr.literal.value, ctx.option);
      return scalar(expr, literalType(expr.literal));
    case "member":
      return bindMember(expr.path, ctx);
    case "binary":
      return bindBinary(expr, ctx);
    case "in":
      return bindIn(expr, ctx);
    case "not": {
      const operand = expectBoolean(bindExpression(expr.operand, ctx), "not", ctx);
      return scalar({ kind: "not", operand: operand.expr }, "Edm.Boolean");
    }
    case "negate": {
      const operand = bindExpression(expr.operand, ctx);
      if (!isNumeric(operand.type) && operand.type !== "null" && operand.type !== "Edm.Duration") {
        throw mismatch(`'-' negates a number; ${describe(operand)} is ${operand.type}`, ctx);
      }
      return scalar({ kind: "negate", operand: operand.expr }, operand.type);
    }
    case "call":
      return bindCall(expr, ctx);
    case "case":
      return bindCase(expr, ctx);
    case "isof":
    case "cast":
      return bindTypeFunction(expr, ctx);
    case "lambda":
      return bindLambda(expr, ctx);
    case "count": {
      const collection = bindExpression(expr.collection, ctx);
      if (!collection.collection)
        throw mismatch(`/$count needs a collection; ${describe(collection)} is not one`, ctx);
      if (expr.filter || expr.search) {
        throw new ODataNotImplementedError(
          "/$count with options",
          "filter the collection with any() instead",
          ctx.option,
        );
      }
      return scalar({ ...expr, collection: collection.expr }, "Edm.Int64");
    }
    case "list":
      throw mismatch("a list like (1,2,3) can only stand on the right of 'in'", ctx);
  }
}

function bindMember(path: readonly string[], ctx: BindContext): BoundExpr {
  const [head, ...rest] = path;
  if (head === undefined) throw mismatch("empty property path", ctx);
  if (head === "$it" && rest.length > 0) return bindMember(rest, ctx);
  const variableType = ctx.variables.get(head) ?? (head === "$this" ? ctx.variables.get("$this") : undefined);
  if (variableType !== undefined) {
    if (rest.length > 0) {
      throw new ODataNotImplementedError("Paths below a lambda variable", `'${path.join("/")}'`, ctx.option);
    }
    return scalar({ kind: "member", path: [head] }, variableType);
  }
  const property = lookupProperty(ctx.shape, head);
  if (property) {
    if (rest.length > 0) {
      throw mismatch(
        `'${property.name}' is a ${property.type} value and has no property '${rest.join("/")}'`,
        ctx,
      );
    }
    return {
      expr: { kind: "member", path: [property.name] },
      type: property.type,
      collection: property.collection,
      property: property.name,
    };
  }
  if (lookupNavigation(ctx.shape, head)) {
    throw new ODataNotImplementedError(
      "Filtering or ordering on a navigation property",
      `'${path.join("/")}' crosses to another entity set; use $expand=${head}($filter=...) instead`,
      ctx.option,
    );
  }
  throw unknownProperty(head, ctx);
}

export function unknownProperty(name: string, ctx: Pick<BindContext, "shape" | "option">): EngineError {
  const names = [...ctx.shape.properties.keys()];
  const hint = didYouMean(name, [...names, ...ctx.shape.navigation.keys()]);
  const listing = names.length <= 40 ? ` Valid properties: ${names.join(", ")}.` : "";
  return new EngineError("UnknownProperty", `unknown property '${name}'${hint}${listing}`, ctx.option);
}

function bindBinary(expr: Extract<Expr, { kind: "binary" }>, ctx: BindContext): BoundExpr {
  if (expr.op === "and" || expr.op === "or") {
    const left = expectBoolean(bindExpression(expr.left, ctx), expr.op, ctx);
    const right = expectBoolean(bindExpression(expr.right, ctx), expr.op, ctx);
    return scalar({ kind: "binary", op: expr.op, left: left.expr, right: right.expr }, "Edm.Boolean");
  }
  const [left, right] = coercePair(bindExpression(expr.left, ctx), bindExpression(expr.right, ctx), ctx);
  const bound: Expr = { kind: "binary", op: expr.op, left: left.expr, right: right.expr };
  if (expr.op === "has")
    throw new ODataNotImplementedError("'has'", "the model has no enum flag properties", ctx.option);
  if (["eq", "ne", "gt", "ge", "lt", "le"].includes(expr.op)) {
    if (!comparable(left.type, right.type) || left.collection || right.collection) {
      throw comparisonMismatch(left, right, expr.op, ctx);
    }
    checkAllowedValue(left, right, ctx);
    checkAllowedValue(right, left, ctx);
    return scalar(bound, "Edm.Boolean");
  }
  return scalar(bound, arithmeticType(left, right, expr.op, ctx));
}

function arithmeticType(left: BoundExpr, right: BoundExpr, op: string, ctx: BindContext): ValueType {
  for (const side of [left, right]) {
    if (!isNumeric(side.type) && side.type !== "null") {
      throw mismatch(`'${op}' works on numbers; ${describe(side)} is ${side.type}`, ctx);
    }
  }
  if (left.type === "null" || right.type === "null") return "null";
  if (op === "divby") return "Edm.Decimal";
  const rank: EdmPrimitiveType[] = ["Edm.Int32", "Edm.Int64", "Edm.Decimal", "Edm.Double"];
  return rank[Math.max(rank.indexOf(left.type), rank.indexOf(right.type))] ?? "Edm.Double";
}

/** When one side is a literal and the other a typed expression, make the literal fit. */
function coercePair(left: BoundExpr, right: BoundExpr, ctx: BindContext): [BoundExpr, BoundExpr] {
  return [coerceSide(left, right, ctx), coerceSide(right, left, ctx)];
}

function coerceSide(side: BoundExpr, other: BoundExpr, ctx: BindContext): BoundExpr {
  if (side.expr.kind !== "literal" || other.type === "null" || other.expr.kind === "literal") return side;
  const literal: Literal = side.expr.literal;
  if (literal.kind === "null") return side;
  const coerced = coerceLiteral(literal, other.type);
  if (coerced === undefined) {
    throw mismatch(
      `${describe(other)} is ${other.type}; compare it with ${literalExample(other.type)}, not ${describeLiteral(literal)}`,
      ctx,
    );
  }
  return scalar({ kind: "literal", literal: coerced }, literalType(coerced));
}

function checkAllowedValue(property: BoundExpr, value: BoundExpr, ctx: BindContext): void {
  if (property.property === undefined || value.expr.kind !== "literal") return;
  const allowed = lookupProperty(ctx.shape, property.property)?.def?.allowedValues;
  const literal = value.expr.literal;
  if (!allowed || literal.kind !== "string" || allowed.includes(literal.value)) return;
  throw new EngineError(
    "InvalidValue",
    `'${literal.value}' is not a value of ${property.property}${didYouMean(literal.value, allowed) || "."} Valid values: ${allowed.map((v) => `'${v}'`).join(", ")}.`,
    ctx.option,
  );
}

function bindIn(expr: Extract<Expr, { kind: "in" }>, ctx: BindContext): BoundExpr {
  const left = bindExpression(expr.left, ctx);
  if (expr.right.kind === "list") {
    const items = expr.right.items.map((item) => {
      const [, bound] = coercePair(left, bindExpression(item, ctx), ctx);
      if (!comparable(left.type, bound.type)) throw comparisonMismatch(left, bound, "in", ctx);
      checkAllowedValue(left, bound, ctx);
      return bound.expr;
    });
    return scalar({ kind: "in", left: left.expr, right: { kind: "list", items } }, "Edm.Boolean");
  }
  const right = bindExpression(expr.right, ctx);
  if (!right.collection)
    throw mismatch(`the right side of 'in' must be a list like ('a','b') or a collection`, ctx);
  if (!comparable(left.type, right.type)) throw comparisonMismatch(left, right, "in", ctx);
  return scalar({ kind: "in", left: left.expr, right: right.expr }, "Edm.Boolean");
}

function bindCall(expr: Extract<Expr, { kind: "call" }>, ctx: BindContext): BoundExpr {
  const signature = FUNCTION_SIGNATURES[expr.name];
  if (!signature)
    throw new ODataNotImplementedError(
      `The function '${expr.name}'`,
      "use another canonical function",
      ctx.option,
    );
  const bound = expr.args.map((arg) => bindExpression(arg, ctx));
  const args = bound.map((arg, index) => {
    const families = signature.families[index] ?? [];
    if (arg.type === "null") return arg;
    if (arg.collection || !families.includes(familyOf(arg.type))) {
      const literal = arg.expr.kind === "literal" ? coerceToFamily(arg.expr.literal, families) : undefined;
      if (literal) return scalar({ kind: "literal", literal }, literalType(literal));
      throw mismatch(
        `${expr.name}() expects ${families.join(" or ")} as argument ${index + 1}; ${describe(arg)} is ${arg.collection ? "a collection" : arg.type}`,
        ctx,
      );
    }
    return arg;
  });
  return scalar(
    { kind: "call", name: expr.name, args: args.map((a) => a.expr) },
    resultType(
      signature,
      args.map((a) => a.type),
    ),
  );
}

function coerceToFamily(literal: Literal, families: readonly string[]): Literal | undefined {
  if (families.includes("instant")) return coerceLiteral(literal, "Edm.DateTimeOffset");
  if (families.includes("date")) return coerceLiteral(literal, "Edm.Date");
  return undefined;
}

function bindCase(expr: Extract<Expr, { kind: "case" }>, ctx: BindContext): BoundExpr {
  let type: ValueType = "null";
  const branches = expr.branches.map((branch) => {
    const when = expectBoolean(bindExpression(branch.when, ctx), "case", ctx);
    const then = bindExpression(branch.then, ctx);
    if (type !== "null" && then.type !== "null" && !comparable(type, then.type)) {
      throw mismatch(`case() branches must share a type; found ${type} and ${then.type}`, ctx);
    }
    if (type === "null") type = then.type;
    return { when: when.expr, then: then.expr };
  });
  return scalar({ kind: "case", branches }, type);
}

function bindTypeFunction(expr: Extract<Expr, { kind: "isof" | "cast" }>, ctx: BindContext): BoundExpr {
  if (!expr.typeName.startsWith("Edm.")) {
    throw new ODataNotImplementedError(
      `${expr.kind} to '${expr.typeName}'`,
      "only Edm primitive types are supported",
      ctx.option,
    );
  }
  const operand = expr.operand ? bindExpression(expr.operand, ctx) : null;
  const type = expr.kind === "isof" ? "Edm.Boolean" : (expr.typeName as EdmPrimitiveType);
  return scalar({ ...expr, operand: operand?.expr ?? null }, type);
}

function bindLambda(expr: Extract<Expr, { kind: "lambda" }>, ctx: BindContext): BoundExpr {
  const collection = bindExpression(expr.collection, ctx);
  if (!collection.collection || collection.type === "null") {
    throw mismatch(
      `${expr.op}() needs a collection-valued property; ${describe(collection)} is not one`,
      ctx,
    );
  }
  if (expr.variable === null || expr.predicate === null) {
    return scalar({ ...expr, collection: collection.expr }, "Edm.Boolean");
  }
  const variables = new Map(ctx.variables);
  variables.set(expr.variable, collection.type);
  variables.set("$this", collection.type);
  const predicate = expectBoolean(bindExpression(expr.predicate, { ...ctx, variables }), expr.op, ctx);
  return scalar({ ...expr, collection: collection.expr, predicate: predicate.expr }, "Edm.Boolean");
}

function expectBoolean(bound: BoundExpr, where: string, ctx: BindContext): BoundExpr {
  if (bound.type !== "Edm.Boolean" && bound.type !== "null") {
    throw mismatch(`'${where}' needs a true/false condition; ${describe(bound)} is ${bound.type}`, ctx);
  }
  return bound;
}

function comparisonMismatch(left: BoundExpr, right: BoundExpr, op: string, ctx: BindContext): EngineError {
  const typed = left.expr.kind === "literal" ? right : left;
  if (typed.type === "null") return mismatch(`cannot compare with '${op}'`, ctx);
  if (typed.collection) {
    return mismatch(
      `${describe(typed)} is a collection; test its items with any(), e.g. ${describe(typed)}/any(t: t eq ...)`,
      ctx,
    );
  }
  return mismatch(
    `cannot compare ${describe(left)} (${left.type}) with ${describe(right)} (${right.type}) using '${op}'; ${describe(typed)} supports ${operatorsFor(typed.type)}`,
    ctx,
  );
}

function mismatch(message: string, ctx: Pick<BindContext, "option">): EngineError {
  return new EngineError("TypeMismatch", message, ctx.option);
}

function describe(bound: BoundExpr): string {
  if (bound.expr.kind === "member") return bound.expr.path.join("/");
  if (bound.expr.kind === "literal") return describeLiteral(bound.expr.literal);
  if (bound.expr.kind === "call") return `${bound.expr.name}(...)`;
  return "the expression";
}

function describeLiteral(literal: Literal): string {
  switch (literal.kind) {
    case "string":
      return `the text '${literal.value}'`;
    case "null":
      return "null";
    case "integer":
      return `the number ${literal.value}`;
    case "decimal":
    case "double":
      return `the number ${String(literal.value)}`;
    default:
      return `the ${literal.kind} literal`;
  }
}
