/**
 * Binds a whole parsed query against an entity set. The result holds only resolved names and
 * well-typed expressions; every later stage (plan, execute, connectors) trusts it.
 */

import type { EntitySetDef, NavigationDef } from "@headgate/model";
import {
  type ExpandItem,
  type Expr,
  ODataNotImplementedError,
  type QueryOptions,
  type SelectItem,
} from "@headgate/odata";
import { EngineError } from "../errors.ts";
import { bindApply, bindComputeItems, bindOrderByItems } from "./bind-apply.ts";
import { bindExpression, unknownProperty } from "./bind-expression.ts";
import { lookupNavigation, lookupProperty, type Shape, shapeOfEntityType } from "./shape.ts";
import { checkSearchText } from "./text-values.ts";

export interface BoundExpand {
  readonly navigation: NavigationDef;
  readonly target: EntitySetDef;
  readonly query: BoundQuery;
}

export interface BoundQuery {
  readonly entitySet: EntitySetDef;
  /** The options with names resolved and literals typed; `expand` is in `expands` instead. */
  readonly options: Omit<QueryOptions, "expand">;
  /** The entity type's own shape: what a connector scan can see. */
  readonly sourceShape: Shape;
  /** What the response rows look like after `$apply` and `$compute`. */
  readonly resultShape: Shape;
  readonly expands: readonly BoundExpand[];
}

export type EntitySetResolver = (name: string) => EntitySetDef | undefined;

export function bindQuery(
  entitySet: EntitySetDef,
  options: QueryOptions,
  resolve: EntitySetResolver,
): BoundQuery {
  const sourceShape = shapeOfEntityType(entitySet.entityType);
  let shape = sourceShape;
  const bound: { -readonly [K in keyof QueryOptions]: QueryOptions[K] } = {};
  if (options.apply) {
    const apply = bindApply(options.apply, shape);
    bound.apply = apply.transformations;
    shape = apply.shape;
  }
  if (options.compute) {
    const compute = bindComputeItems(options.compute, shape, "$compute");
    bound.compute = compute.items;
    shape = compute.shape;
  }
  if (options.filter) bound.filter = bindFilter(options.filter, shape);
  if (options.orderby) bound.orderby = bindOrderByItems(options.orderby, shape, "$orderby");
  if (options.select) bound.select = bindSelect(options.select, shape);
  if (options.search) checkSearchText(options.search, "$search");
  if (options.levels !== undefined)
    throw new ODataNotImplementedError("$levels", "expand one level at a time", "$expand");
  for (const key of ["top", "skip", "count", "search", "skiptoken", "format", "custom"] as const) {
    if (options[key] !== undefined) Object.assign(bound, { [key]: options[key] });
  }
  if (!options.apply) checkRequiredFilters(entitySet, bound.filter);
  const expands = (options.expand ?? []).flatMap((item) => bindExpand(item, shape, resolve));
  return { entitySet, options: bound, sourceShape, resultShape: shape, expands };
}

function bindFilter(filter: Expr, shape: Shape): Expr {
  const bound = bindExpression(filter, { shape, variables: new Map(), option: "$filter" });
  if (bound.type !== "Edm.Boolean" && bound.type !== "null") {
    throw new EngineError(
      "TypeMismatch",
      `$filter needs a true/false condition, like Status eq 'open'; this one gives ${bound.type}`,
      "$filter",
    );
  }
  return bound.expr;
}

function bindSelect(items: readonly SelectItem[], shape: Shape): SelectItem[] {
  return items.map((item) => {
    if (item.kind === "star") return item;
    const [name, ...rest] = item.path;
    if (rest.length > 0 || item.options) {
      throw new ODataNotImplementedError(
        "$select of nested paths or with options",
        `select '${name}' as a whole`,
        "$select",
      );
    }
    const property = lookupProperty(shape, name!);
    if (property) return { kind: "path", path: [property.name], options: null };
    const navigation = lookupNavigation(shape, name!);
    if (navigation) return { kind: "path", path: [navigation.name], options: null };
    throw unknownProperty(name!, { shape, option: "$select" });
  });
}

function bindExpand(item: ExpandItem, shape: Shape, resolve: EntitySetResolver): BoundExpand[] {
  if (item.suffix !== null) {
    throw new ODataNotImplementedError(
      `$expand with ${item.suffix}`,
      "expand the navigation property itself",
      "$expand",
    );
  }
  const navigations =
    item.path[0] === "*" ? [...shape.navigation.values()] : [resolveNavigation(item.path, shape)];
  return navigations.map((navigation) => {
    const target = resolve(navigation.target);
    if (!target) {
      throw new EngineError(
        "UnknownEntitySet",
        `the navigation '${navigation.name}' points to '${navigation.target}', which is not available`,
        "$expand",
      );
    }
    if (item.options.apply)
      throw new ODataNotImplementedError(
        "$apply inside $expand",
        "query the target entity set directly",
        "$expand",
      );
    return { navigation, target, query: bindQuery(target, item.options, resolve) };
  });
}

function resolveNavigation(path: readonly string[], shape: Shape): NavigationDef {
  const [name, ...rest] = path;
  if (rest.length > 0)
    throw new ODataNotImplementedError(
      "Multi-segment $expand paths",
      `expand '${name}' and nest $expand inside it`,
      "$expand",
    );
  const navigation = lookupNavigation(shape, name!);
  if (navigation) return navigation;
  if (lookupProperty(shape, name!)) {
    throw new EngineError(
      "UnknownNavigation",
      `'${name}' is a property, not a navigation; list it in $select instead`,
      "$expand",
    );
  }
  const names = [...shape.navigation.keys()];
  throw new EngineError(
    "UnknownNavigation",
    `unknown navigation property '${name}'.${names.length > 0 ? ` Valid navigation properties: ${names.join(", ")}.` : " This entity set has no navigation properties."}`,
    "$expand",
  );
}

/** Top-level `and` conjuncts of a filter. */
export function conjuncts(filter: Expr | undefined): Expr[] {
  if (!filter) return [];
  if (filter.kind === "binary" && filter.op === "and")
    return [...conjuncts(filter.left), ...conjuncts(filter.right)];
  return [filter];
}

function checkRequiredFilters(entitySet: EntitySetDef, filter: Expr | undefined): void {
  const present = new Set(conjuncts(filter).flatMap(equalityProperty));
  for (const property of entitySet.entityType.properties) {
    if (!property.capabilities.requiredInFilter || present.has(property.name)) continue;
    throw new EngineError(
      "MissingRequiredFilter",
      `${entitySet.name} can only be listed for given ${property.name} values: add a filter like $filter=${property.name} eq <value> (or ${property.name} in (<value>,<value>))`,
      "$filter",
    );
  }
}

function equalityProperty(expr: Expr): string[] {
  if (expr.kind === "binary" && expr.op === "eq") {
    if (expr.left.kind === "member" && expr.right.kind === "literal") return [expr.left.path.join("/")];
    if (expr.right.kind === "member" && expr.left.kind === "literal") return [expr.right.path.join("/")];
  }
  if (expr.kind === "in" && expr.left.kind === "member" && expr.right.kind === "list")
    return [expr.left.path.join("/")];
  return [];
}
