/**
 * Binds `$apply`: each transformation is checked against the shape its input has, and yields the
 * shape of its output (grouping properties plus aggregate aliases after `groupby`/`aggregate`).
 */

import type { EdmPrimitiveType } from "@headgate/model";
import type { AggregateItem, ComputeItem, OrderByItem, Transformation } from "@headgate/odata";
import { EngineError } from "../errors.ts";
import { type BindContext, bindExpression, unknownProperty } from "./bind-expression.ts";
import { aggregatedShape, lookupProperty, type Shape, type ShapeProperty, shapeWith } from "./shape.ts";
import { checkSearchText } from "./text-values.ts";
import { isNumeric } from "./type-rules.ts";

export interface BoundApply {
  readonly transformations: readonly Transformation[];
  readonly shape: Shape;
}

export function bindApply(transformations: readonly Transformation[], shape: Shape): BoundApply {
  const bound: Transformation[] = [];
  for (const t of transformations) {
    const step = bindTransformation(t, shape);
    bound.push(step.transformation);
    shape = step.shape;
  }
  return { transformations: bound, shape };
}

interface BoundStep {
  readonly transformation: Transformation;
  readonly shape: Shape;
}

function context(shape: Shape): BindContext {
  return { shape, variables: new Map(), option: "$apply" };
}

function bindTransformation(t: Transformation, shape: Shape): BoundStep {
  switch (t.kind) {
    case "filter": {
      const bound = bindExpression(t.expr, context(shape));
      if (bound.type !== "Edm.Boolean" && bound.type !== "null") {
        throw new EngineError("TypeMismatch", "filter() in $apply needs a true/false condition", "$apply");
      }
      return { transformation: { kind: "filter", expr: bound.expr }, shape };
    }
    case "compute": {
      const { items, shape: next } = bindComputeItems(t.items, shape, "$apply");
      return { transformation: { kind: "compute", items }, shape: next };
    }
    case "orderby":
      return {
        transformation: { kind: "orderby", items: bindOrderByItems(t.items, shape, "$apply") },
        shape,
      };
    case "aggregate": {
      const { items, properties } = bindAggregateItems(t.items, shape);
      return { transformation: { kind: "aggregate", items }, shape: aggregatedShape(properties) };
    }
    case "groupby":
      return bindGroupBy(t, shape);
    case "concat": {
      const branches = t.branches.map((branch) => bindApply(branch, shape));
      const merged = new Map<string, ShapeProperty>();
      for (const b of branches)
        for (const p of b.shape.properties.values()) if (!merged.has(p.name)) merged.set(p.name, p);
      return {
        transformation: { kind: "concat", branches: branches.map((b) => b.transformations) },
        shape: aggregatedShape([...merged.values()]),
      };
    }
    case "search":
      checkSearchText(t.search, "$apply");
      return { transformation: t, shape };
    case "top":
    case "skip":
    case "identity":
      return { transformation: t, shape };
  }
}

function bindGroupBy(t: Extract<Transformation, { kind: "groupby" }>, shape: Shape): BoundStep {
  const grouped: ShapeProperty[] = t.properties.map((path) => {
    if (path.length !== 1) {
      throw new EngineError(
        "InvalidQuery",
        `groupby on the path '${path.join("/")}' is not supported; group by a property of this entity set`,
        "$apply",
      );
    }
    const property = lookupProperty(shape, path[0]!);
    if (!property) throw unknownProperty(path[0]!, { shape, option: "$apply" });
    return { name: property.name, type: property.type, collection: false };
  });
  const nested = bindApply(t.apply, shape);
  const aggregated =
    t.apply.length === 0
      ? []
      : [...nested.shape.properties.values()].filter((p) => !grouped.some((g) => g.name === p.name));
  return {
    transformation: {
      kind: "groupby",
      properties: grouped.map((g) => [g.name]),
      apply: nested.transformations,
    },
    shape: aggregatedShape([...grouped, ...aggregated]),
  };
}

function bindAggregateItems(
  items: readonly AggregateItem[],
  shape: Shape,
): { items: AggregateItem[]; properties: ShapeProperty[] } {
  const properties: ShapeProperty[] = [];
  const bound = items.map((item): AggregateItem => {
    if (item.kind === "count") {
      properties.push({ name: item.alias, type: "Edm.Int64", collection: false });
      return item;
    }
    const expr = bindExpression(item.expr, context(shape));
    const numericOnly = item.method === "sum" || item.method === "average";
    if (numericOnly && !isNumeric(expr.type)) {
      throw new EngineError(
        "TypeMismatch",
        `'${item.method}' needs a number; the aggregated value is ${expr.type}`,
        "$apply",
      );
    }
    properties.push({ name: item.alias, type: aggregateType(item.method, expr.type), collection: false });
    return { ...item, expr: expr.expr };
  });
  return { items: bound, properties };
}

function aggregateType(method: string, input: string): EdmPrimitiveType {
  if (method === "countdistinct") return "Edm.Int64";
  if (method === "average") return "Edm.Double";
  if (input === "null") return "Edm.Double";
  return input as EdmPrimitiveType;
}

export function bindComputeItems(
  items: readonly ComputeItem[],
  shape: Shape,
  option: string,
): { items: ComputeItem[]; shape: Shape } {
  const bound: ComputeItem[] = [];
  for (const item of items) {
    if (lookupProperty(shape, item.alias)) {
      throw new EngineError(
        "InvalidQuery",
        `the computed alias '${item.alias}' is already a property name; choose another alias`,
        option,
      );
    }
    const expr = bindExpression(item.expr, { shape, variables: new Map(), option });
    const type: EdmPrimitiveType = expr.type === "null" ? "Edm.String" : expr.type;
    shape = shapeWith(shape, [{ name: item.alias, type, collection: false }]);
    bound.push({ expr: expr.expr, alias: item.alias });
  }
  return { items: bound, shape };
}

export function bindOrderByItems(items: readonly OrderByItem[], shape: Shape, option: string): OrderByItem[] {
  return items.map((item) => {
    const bound = bindExpression(item.expr, { shape, variables: new Map(), option });
    if (bound.collection || bound.type === "Edm.GeographyPoint" || bound.type === "Edm.GeographyPolygon") {
      throw new EngineError(
        "TypeMismatch",
        `cannot order by a ${bound.collection ? "collection" : "geography value"}`,
        option,
      );
    }
    return { expr: bound.expr, direction: item.direction };
  });
}
