/**
 * The typed syntax tree of OData 4.01 query options.
 *
 * Every node is a discriminated union member keyed by `kind`. Literals are decoded to JavaScript
 * values at parse time so no later layer looks at URL text again. Integers are `bigint` and
 * decimals keep their exact text, because money and Int64 keys must not lose precision.
 */

// ---------------------------------------------------------------------------------------------
// Literals
// ---------------------------------------------------------------------------------------------

export interface GeoPoint {
  readonly type: "Point";
  /** [longitude, latitude] as written in WKT: x then y. */
  readonly coordinates: readonly [number, number];
}

export interface GeoPolygon {
  readonly type: "Polygon";
  /** Rings of [x, y] positions; the first ring is the exterior, each ring closed. */
  readonly coordinates: readonly (readonly (readonly [number, number])[])[];
}

export interface GeoLineString {
  readonly type: "LineString";
  readonly coordinates: readonly (readonly [number, number])[];
}

export type GeoShape = GeoPoint | GeoPolygon | GeoLineString;

export type Literal =
  | { readonly kind: "null" }
  | { readonly kind: "boolean"; readonly value: boolean }
  /** `42`, `-7`: any integer literal, exact. */
  | { readonly kind: "integer"; readonly value: bigint }
  /** `1.50`, `-0.5`: exact decimal text in canonical form (no leading `+`, no exponent). */
  | { readonly kind: "decimal"; readonly value: string }
  /** `1e3`, `2.5E-2`, `INF`, `-INF`, `NaN`. */
  | { readonly kind: "double"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  /** `2024-01-31` */
  | { readonly kind: "date"; readonly value: string }
  /** `13:20:00`, `13:20:00.125` */
  | { readonly kind: "timeOfDay"; readonly value: string }
  /** `2024-01-31T13:20:00Z`, `2024-01-31T13:20:00.5+01:00`; text as written (colons decoded). */
  | { readonly kind: "dateTimeOffset"; readonly value: string }
  /** `duration'P1DT2H'` or `'P1DT2H'` where a duration is expected; ISO 8601 text, sign allowed. */
  | { readonly kind: "duration"; readonly value: string }
  /** Lower-cased canonical GUID text. */
  | { readonly kind: "guid"; readonly value: string }
  /** `binary'AAEC'`: base64url text as written. */
  | { readonly kind: "binary"; readonly value: string }
  /** `Namespace.Color'Red,Blue'` */
  | { readonly kind: "enum"; readonly typeName: string; readonly value: string }
  /** `geography'SRID=4326;POINT(-122 47)'` and `geometry'...'` */
  | {
      readonly kind: "geo";
      readonly family: "geography" | "geometry";
      readonly srid: number;
      readonly shape: GeoShape;
    };

export type LiteralKind = Literal["kind"];

// ---------------------------------------------------------------------------------------------
// Expressions ($filter, $orderby, $compute, $apply)
// ---------------------------------------------------------------------------------------------

export type ComparisonOperator = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type LogicalOperator = "and" | "or";
export type ArithmeticOperator = "add" | "sub" | "mul" | "div" | "divby" | "mod";
export type BinaryOperator = ComparisonOperator | LogicalOperator | ArithmeticOperator | "has";

/**
 * Canonical function names, in their specification spelling. The parser matches them
 * case-insensitively and stores this spelling.
 */
export const CANONICAL_FUNCTIONS = {
  concat: { min: 2, max: 2 },
  contains: { min: 2, max: 2 },
  endswith: { min: 2, max: 2 },
  indexof: { min: 2, max: 2 },
  length: { min: 1, max: 1 },
  matchesPattern: { min: 2, max: 2 },
  startswith: { min: 2, max: 2 },
  substring: { min: 2, max: 3 },
  tolower: { min: 1, max: 1 },
  toupper: { min: 1, max: 1 },
  trim: { min: 1, max: 1 },
  hassubset: { min: 2, max: 2 },
  hassubsequence: { min: 2, max: 2 },
  year: { min: 1, max: 1 },
  month: { min: 1, max: 1 },
  day: { min: 1, max: 1 },
  hour: { min: 1, max: 1 },
  minute: { min: 1, max: 1 },
  second: { min: 1, max: 1 },
  fractionalseconds: { min: 1, max: 1 },
  totalseconds: { min: 1, max: 1 },
  date: { min: 1, max: 1 },
  time: { min: 1, max: 1 },
  totaloffsetminutes: { min: 1, max: 1 },
  mindatetime: { min: 0, max: 0 },
  maxdatetime: { min: 0, max: 0 },
  now: { min: 0, max: 0 },
  round: { min: 1, max: 1 },
  floor: { min: 1, max: 1 },
  ceiling: { min: 1, max: 1 },
  "geo.distance": { min: 2, max: 2 },
  "geo.length": { min: 1, max: 1 },
  "geo.intersects": { min: 2, max: 2 },
} as const;

export type CanonicalFunction = keyof typeof CANONICAL_FUNCTIONS;

export type Expr =
  | { readonly kind: "literal"; readonly literal: Literal }
  /**
   * A path from the current instance: `Name`, `Address/City`. The first segment may be `$it`,
   * `$this` or a lambda variable; the binder decides what each segment means.
   */
  | { readonly kind: "member"; readonly path: readonly string[] }
  | {
      readonly kind: "binary";
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
    }
  /** `X in (1,2,3)`, `X in ['a','b']`, or `X in Tags`. */
  | { readonly kind: "in"; readonly left: Expr; readonly right: Expr }
  | { readonly kind: "not"; readonly operand: Expr }
  | { readonly kind: "negate"; readonly operand: Expr }
  | { readonly kind: "call"; readonly name: CanonicalFunction; readonly args: readonly Expr[] }
  /** `case(cond:value, ..., true:value)` */
  | {
      readonly kind: "case";
      readonly branches: readonly { readonly when: Expr; readonly then: Expr }[];
    }
  /** `isof(Edm.Int32)`, `isof(Price, Edm.Decimal)`; `cast` likewise. */
  | {
      readonly kind: "isof" | "cast";
      readonly operand: Expr | null;
      readonly typeName: string;
    }
  /** `Tags/any(t: t eq 'x')`, `Tags/any()`, `Lines/all(l: l/Qty gt 0)` */
  | {
      readonly kind: "lambda";
      readonly op: "any" | "all";
      readonly collection: Expr;
      readonly variable: string | null;
      readonly predicate: Expr | null;
    }
  /** `Orders/$count`, `Orders/$count($filter=Amount gt 5)` */
  | {
      readonly kind: "count";
      readonly collection: Expr;
      readonly filter: Expr | null;
      readonly search: SearchExpr | null;
    }
  /** A parenthesised list `(1,2)` or JSON array `[1,2]`: the right side of `in`. */
  | { readonly kind: "list"; readonly items: readonly Expr[] };

export type ExprKind = Expr["kind"];

// ---------------------------------------------------------------------------------------------
// $search
// ---------------------------------------------------------------------------------------------

export type SearchExpr =
  | { readonly kind: "term"; readonly text: string; readonly phrase: boolean }
  | { readonly kind: "not"; readonly operand: SearchExpr }
  | {
      readonly kind: "and" | "or";
      readonly left: SearchExpr;
      readonly right: SearchExpr;
    };

// ---------------------------------------------------------------------------------------------
// $select, $expand, $orderby, $compute
// ---------------------------------------------------------------------------------------------

export interface OrderByItem {
  readonly expr: Expr;
  readonly direction: "asc" | "desc";
}

export interface ComputeItem {
  readonly expr: Expr;
  readonly alias: string;
}

export type SelectItem =
  | { readonly kind: "star" }
  | {
      readonly kind: "path";
      readonly path: readonly string[];
      /** 4.01 nested options on a collection-valued property; null when absent. */
      readonly options: QueryOptions | null;
    };

export interface ExpandItem {
  /** Navigation path, or `["*"]` for all navigation properties. */
  readonly path: readonly string[];
  /** `Nav/$ref` or `Nav/$count`; `null` for a plain expand. */
  readonly suffix: "$ref" | "$count" | null;
  readonly options: QueryOptions;
}

// ---------------------------------------------------------------------------------------------
// $apply (OData Data Aggregation 4.0)
// ---------------------------------------------------------------------------------------------

export type AggregateMethod = "sum" | "min" | "max" | "average" | "countdistinct";

export type AggregateItem =
  /** `Amount with sum as Total` */
  | {
      readonly kind: "aggregate";
      readonly expr: Expr;
      readonly method: AggregateMethod;
      readonly alias: string;
    }
  /** `$count as N` */
  | { readonly kind: "count"; readonly alias: string };

export type Transformation =
  | { readonly kind: "aggregate"; readonly items: readonly AggregateItem[] }
  | {
      readonly kind: "groupby";
      readonly properties: readonly (readonly string[])[];
      /** The transformations applied to each group: `groupby((A), aggregate(...))`. */
      readonly apply: readonly Transformation[];
    }
  | { readonly kind: "filter"; readonly expr: Expr }
  | { readonly kind: "compute"; readonly items: readonly ComputeItem[] }
  | { readonly kind: "search"; readonly search: SearchExpr }
  | { readonly kind: "orderby"; readonly items: readonly OrderByItem[] }
  | { readonly kind: "top"; readonly count: number }
  | { readonly kind: "skip"; readonly count: number }
  | { readonly kind: "identity" }
  | { readonly kind: "concat"; readonly branches: readonly (readonly Transformation[])[] };

// ---------------------------------------------------------------------------------------------
// Query options
// ---------------------------------------------------------------------------------------------

/**
 * All query options of one request (or of one nested `$expand`/`$select` item). Absent options
 * are `undefined`. Parameter aliases (`@p=...`) are substituted into the expressions that use them
 * at parse time (an alias without a value is `null`, as the specification says), so no alias node
 * reaches a later layer.
 */
export interface QueryOptions {
  readonly filter?: Expr;
  readonly select?: readonly SelectItem[];
  readonly expand?: readonly ExpandItem[];
  readonly orderby?: readonly OrderByItem[];
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
  readonly search?: SearchExpr;
  readonly apply?: readonly Transformation[];
  readonly compute?: readonly ComputeItem[];
  /** `$levels` inside `$expand`: a positive integer or `"max"`. */
  readonly levels?: number | "max";
  readonly skiptoken?: string;
  readonly format?: string;
  /** Custom query options: names without `$` or `@` that are not system option names. */
  readonly custom?: Readonly<Record<string, string>>;
}

export type QueryOptionName = Exclude<keyof QueryOptions, "custom">;
