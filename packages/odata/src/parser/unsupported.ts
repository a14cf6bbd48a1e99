/**
 * Valid OData 4.01 (or Data Aggregation 4.0) that Headgate knowingly does not implement. The parser
 * recognises each of these and answers with `ODataNotImplementedError` (501), as minimal conformance
 * asks, instead of a misleading syntax error. This one list is what the README prints.
 */

import { ODataNotImplementedError } from "../errors.ts";

export interface UnsupportedConstruct {
  /** How the construct is written, e.g. `rollup(...)` in `$apply`. */
  readonly name: string;
  /** Why it is left out. */
  readonly why: string;
}

const NO_HIERARCHIES =
  "recursive hierarchies need Aggregation.RecursiveHierarchy annotations Headgate does not model";
const NO_CUSTOM_OPERATIONS = "Headgate models no custom functions, actions or aggregates";
const NO_TYPE_CASTS = "Headgate's entity model has no type inheritance, so there is nothing to cast to";

export const UNSUPPORTED = {
  rollup: { name: "$apply groupby rollup(...) / rolluprecursive(...)", why: NO_HIERARCHIES },
  aggregateFrom: {
    name: "$apply aggregate(... from ...)",
    why: "nested grouping inside aggregate is rarely used and not implemented",
  },
  topBottom: {
    name: "$apply topcount/bottomcount/toppercent/bottompercent/topsum/bottomsum(...)",
    why: "ranking transformations are not implemented; use orderby(...)/top(...)",
  },
  nest: {
    name: "$apply nest(...) / addnested(...)",
    why: "results with nested collections are not implemented",
  },
  join: {
    name: "$apply join(...) / outerjoin(...)",
    why: "joins over navigation properties are not implemented",
  },
  hierarchy: { name: "$apply ancestors(...) / descendants(...) / traverse(...)", why: NO_HIERARCHIES },
  customAggregate: {
    name: "custom aggregates and aggregation methods (Namespace.method)",
    why: NO_CUSTOM_OPERATIONS,
  },
  customTransformation: {
    name: "custom $apply transformations (Namespace.Function(...))",
    why: NO_CUSTOM_OPERATIONS,
  },
  aggregatePathCount: {
    name: "$apply aggregate(Path/$count as Alias)",
    why: "counting a related collection inside aggregate is not implemented; use $count as Alias",
  },
  these: {
    name: "$these",
    why: "collection-valued expressions only exist with the unsupported ranking transformations",
  },
  isdefined: { name: "isdefined(...)", why: "every property of a Headgate entity is always defined" },
  index: { name: "$index", why: "positional inserts into ordered collections are a write feature" },
  schemaversion: { name: "$schemaversion", why: "Headgate serves a single schema version" },
  deltatoken: { name: "$deltatoken", why: "change tracking is not implemented" },
  id: { name: "$id", why: "entity-id requests ($entity) are not implemented" },
  typeCast: { name: "type-cast segments (Namespace.Type) in paths", why: NO_TYPE_CASTS },
  root: { name: "$root", why: "expressions that reach other entity sets are not implemented" },
  customFunction: {
    name: "custom and bound functions in expressions (Namespace.Function(...))",
    why: NO_CUSTOM_OPERATIONS,
  },
  pathCall: {
    name: "key predicates and function calls on path segments (Nav(1), Nav/Fn())",
    why: "navigation into single members of a collection inside an expression is not implemented",
  },
  pathFilter: {
    name: "/$filter(...) path segments in expressions",
    why: "use a lambda such as any(...) instead",
  },
  jsonObject: {
    name: "JSON object literals {...}",
    why: "there is no structured-value comparison in Headgate",
  },
  geoShape: {
    name: "MultiPoint, MultiLineString, MultiPolygon and Collection geo literals",
    why: "the AST and the engine know Point, LineString and Polygon only",
  },
  geoDimensions: {
    name: "geo positions with altitude or measure (three or four numbers)",
    why: "positions are two-dimensional in the AST",
  },
  nestedAlias: {
    name: "parameter alias definitions (@name=value) inside $expand/$select options",
    why: "define the alias at the top level of the query instead",
  },
  aliasPath: {
    name: "path segments after a parameter alias whose value is not a path (@p/Prop)",
    why: "only aliases that stand for a property path can be navigated",
  },
  expandValue: { name: "$expand=$value", why: "stream properties are not modelled" },
  annotation: {
    name: "annotations (@Namespace.Term) in $select, $expand and expressions",
    why: "instance annotations are not modelled",
  },
  selectOperation: {
    name: "actions and functions in $select (Namespace.Action, Namespace.*)",
    why: NO_CUSTOM_OPERATIONS,
  },
  searchIncomplete: {
    name: "single-quoted $search values ('...')",
    why: 'write a phrase in double quotes ("...") or plain search words instead',
  },
} as const satisfies Record<string, UnsupportedConstruct>;

export type UnsupportedKey = keyof typeof UNSUPPORTED;

/** The 501 for `key`, found at raw offset `position`. */
export function notImplemented(
  key: UnsupportedKey,
  position: number,
  target?: string,
): ODataNotImplementedError {
  const construct = UNSUPPORTED[key];
  return new ODataNotImplementedError(construct.name, `${construct.why} (at ${position})`, target);
}

export const UNSUPPORTED_CONSTRUCTS: readonly UnsupportedConstruct[] = Object.values(UNSUPPORTED);
