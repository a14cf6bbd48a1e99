/**
 * The entity model: what an entity set looks like, and per property what an upstream can do
 * with it. Connectors describe their data in these terms; the engine binds queries against them;
 * the front doors render them as CSDL, OpenAPI schemas and MCP tool descriptions.
 *
 * Row values travel as JSON-friendly JavaScript values (see `EdmValue`), so a row from any
 * connector can be filtered by the engine and serialized by any door without conversion.
 */

export const EDM_PRIMITIVE_TYPES = [
  "Edm.String",
  "Edm.Boolean",
  "Edm.Int32",
  "Edm.Int64",
  "Edm.Decimal",
  "Edm.Double",
  "Edm.Date",
  "Edm.TimeOfDay",
  "Edm.DateTimeOffset",
  "Edm.Duration",
  "Edm.Guid",
  "Edm.GeographyPoint",
  "Edm.GeographyPolygon",
] as const;

export type EdmPrimitiveType = (typeof EDM_PRIMITIVE_TYPES)[number];

/**
 * How each EDM type travels in a row:
 * - String, Guid, Duration (ISO 8601 `P1DT2H`), Date (`2024-01-31`), TimeOfDay (`13:20:00`): string
 * - DateTimeOffset: ISO 8601 string; connectors should emit `Date#toISOString()` form (UTC, ms)
 * - Int32, Int64, Decimal, Double: number (Decimal as a double: exact to 15 significant digits)
 * - Boolean: boolean
 * - GeographyPoint / GeographyPolygon: GeoJSON `{ type: "Point" | "Polygon", coordinates }`
 * - null for a missing value
 */
export type EdmValue =
  | string
  | number
  | boolean
  | null
  | { readonly type: "Point"; readonly coordinates: readonly [number, number] }
  | { readonly type: "Polygon"; readonly coordinates: readonly (readonly (readonly [number, number])[])[] };

export type Row = Readonly<Record<string, unknown>>;

/**
 * Operators and functions a connector may take over for one property. A property that lists
 * none is still filterable: the engine evaluates such filters itself (the residual).
 */
export const PUSHABLE_OPERATORS = [
  "eq",
  "ne",
  "gt",
  "ge",
  "lt",
  "le",
  "in",
  "contains",
  "startswith",
  "endswith",
  "tolower",
  "toupper",
  "year",
  "month",
  "day",
  "arithmetic",
  "geo.intersects",
  "geo.distance",
] as const;

export type PushableOperator = (typeof PUSHABLE_OPERATORS)[number];

export interface PropertyCapabilities {
  /** What the upstream evaluates for a filter on this property. */
  readonly filter: readonly PushableOperator[];
  /** The upstream can order by this property. */
  readonly sortable: boolean;
  /**
   * The upstream cannot list this entity set without an `eq`/`in` filter on this property
   * (Procore RFIs need a project). The engine rejects a query that lacks it, naming the property.
   */
  readonly requiredInFilter: boolean;
  /** The property takes part in `$search` matching. */
  readonly searchable: boolean;
}

export interface PropertyDef {
  readonly name: string;
  readonly type: EdmPrimitiveType;
  /** A collection of `type` (e.g. tags); filterable with `any`/`all`. */
  readonly collection?: boolean;
  readonly nullable: boolean;
  /** For a person and for an LLM: what the value means, its units, its vocabulary. */
  readonly description?: string;
  /** Known values of a status-like property, listed in errors and descriptions. */
  readonly allowedValues?: readonly string[];
  readonly maxLength?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly capabilities: PropertyCapabilities;
}

export interface NavigationDef {
  readonly name: string;
  /** Target entity set name (possibly of another connection). */
  readonly target: string;
  readonly collection: boolean;
  /** How rows join: this set's `local` property equals the target's `remote` property. */
  readonly on: readonly { readonly local: string; readonly remote: string }[];
  readonly description?: string;
}

export interface EntityTypeDef {
  readonly name: string;
  readonly key: readonly string[];
  readonly properties: readonly PropertyDef[];
  readonly navigation: readonly NavigationDef[];
  readonly description?: string;
}

export interface EntitySetDef {
  readonly name: string;
  readonly entityType: EntityTypeDef;
  readonly description?: string;
}

export interface ServiceModel {
  /** CSDL schema namespace, e.g. `Headgate`. */
  readonly namespace: string;
  readonly entitySets: readonly EntitySetDef[];
}

/** Capabilities of a property that the upstream cannot help with at all. */
export const NO_PUSHDOWN: PropertyCapabilities = {
  filter: [],
  sortable: false,
  requiredInFilter: false,
  searchable: false,
};
