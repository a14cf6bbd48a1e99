/**
 * What differs between databases, in one interface: how the catalog is read, how SQL types map
 * to EDM types, and how each piece of OData meaning is spelled in that database's SQL. The
 * compilers ask the dialect for fragments and never write dialect-specific SQL themselves.
 */
import type { EdmPrimitiveType, PushableOperator } from "@headgate/model";
import type { Knex } from "knex";
import type { Constant } from "../literal-values.ts";
import type { SqlFragment } from "../sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "../table-model.ts";

export type DialectName = "postgres" | "sqlite";

export interface RawColumn {
  readonly name: string;
  /** The declared type, lower-cased (`integer`, `numeric`, `timestamp with time zone`). */
  readonly declaredType: string;
  readonly nullable: boolean;
  readonly precision?: number;
  readonly scale?: number;
  readonly maxLength?: number;
  /** Digits of fractional seconds a time or timestamp column keeps. */
  readonly fractionalDigits?: number;
  readonly description?: string;
  /** Values of an enumerated type, in their declared order. */
  readonly allowedValues?: readonly string[];
}

export interface RawTable {
  readonly name: string;
  readonly kind: "table" | "view";
  readonly columns: readonly RawColumn[];
  readonly primaryKey: readonly string[];
  readonly description?: string;
}

export interface ColumnType {
  readonly type: EdmPrimitiveType;
  readonly storage: Storage;
  readonly precision?: number;
  readonly scale?: number;
  readonly maxLength?: number;
  readonly fractionalDigits?: number;
}

export interface DialectFeatures {
  /**
   * `lower`/`upper` that agree with JavaScript's `toLowerCase`/`toUpperCase` (full Unicode case
   * mapping, final sigma included). Without it `tolower`, `toupper` and `$search` stay in the
   * engine.
   */
  readonly exactCaseMapping: boolean;
}

/** Runs one read-only query built by `build-queries.ts` and returns its rows. */
export type SelectRunner = (builder: Knex.QueryBuilder) => Promise<Record<string, unknown>[]>;

export type TextTest = "contains" | "startswith" | "endswith";
export type DatePart = "year" | "month" | "day";
export type OrderingOperator = "eq" | "gt" | "ge" | "lt" | "le";

export type FailureKind =
  | "missing-object"
  | "permission"
  | "connection"
  | "busy"
  | "resources"
  | "invalid-data"
  | "read-only"
  | "unknown";

export interface FailureClass {
  readonly kind: FailureKind;
  /** A database error code safe to show (SQLSTATE, SQLITE_BUSY), never the message. */
  readonly code?: string;
}

export interface WriteAccessReport {
  /** True when the database user could change at least one exposed table. */
  readonly canWrite: boolean;
  /** Entity sets whose table or view the user may insert into, update, delete from or truncate. */
  readonly writableEntitySets: readonly string[];
  /** One sentence for the administrator. */
  readonly summary: string;
}

export interface SqlDialect {
  readonly name: DialectName;
  readonly defaultSchema: string | undefined;
  /** The database can cancel a running statement from another connection. */
  readonly canCancel: boolean;
  /** SUM over a decimal column is exact (otherwise the connector rounds it to the scale). */
  readonly exactDecimalSums: boolean;

  /** The quoted identifier, or undefined when this dialect cannot use the name safely. */
  quote(name: string): string | undefined;
  /** The quoted, schema-qualified name of a table. */
  tableName(schema: string | undefined, table: string): SqlFragment | undefined;

  // --- catalog ---------------------------------------------------------------------------------
  readCatalog(knex: Knex, run: SelectRunner, schema: string | undefined): Promise<RawTable[]>;
  readFeatures(knex: Knex, run: SelectRunner): Promise<DialectFeatures>;
  columnType(column: RawColumn): ColumnType | undefined;
  /** The operators this dialect evaluates exactly for a storage. */
  filterOperators(storage: Storage, features: DialectFeatures): readonly PushableOperator[];
  sortable(storage: Storage): boolean;

  // --- values ----------------------------------------------------------------------------------
  /** The column as the select list reads it (dates and instants formatted as text). */
  read(column: ColumnModel): SqlFragment;
  /** The column as comparisons see it (not for instants: see `instantCompare`). */
  value(column: ColumnModel): SqlFragment;
  /** The storage can hold NaN, which the engine treats as incomparable. */
  nanable(column: ColumnModel): boolean;
  /** `expr` with NaN turned into NULL (only for nanable columns). */
  withoutNaN(expr: SqlFragment): SqlFragment;
  /** True when `expr` is not NaN. */
  notNaN(expr: SqlFragment): SqlFragment;
  /** A constant as a bound, typed parameter. */
  constant(constant: Constant): SqlFragment;
  /** Text compared by code point, for `<`, `>` and equality between two columns. */
  ordinal(expr: SqlFragment): SqlFragment;
  /** Text compared for equality with a constant (SQLite: regardless of the column's collation). */
  exact(expr: SqlFragment): SqlFragment;

  // --- value conventions ------------------------------------------------------------------------
  /** Text without trailing spaces (`rtrim`); `expr` is text as `value` reads it. */
  trimEnd(expr: SqlFragment): SqlFragment;
  /** A double rounded to `scale` decimals, as a double (money kept in binary floats). */
  roundTo(expr: SqlFragment, scale: number): SqlFragment;
  /** An integer as a boolean: true when not 0 (flags kept as 0/1 numbers). */
  nonZero(expr: SqlFragment): SqlFragment;

  // --- instants ----------------------------------------------------------------------------------
  /** `column op instant`, at the engine's millisecond resolution. */
  instantCompare(op: OrderingOperator, column: ColumnModel, ms: number): SqlFragment;
  /** The column at millisecond resolution, for comparing two columns. */
  instantKey(column: ColumnModel): SqlFragment;
  /** The UTC calendar day of the column, comparable with a Date value. */
  instantDay(column: ColumnModel): SqlFragment;

  // --- functions -------------------------------------------------------------------------------
  lower(expr: SqlFragment): SqlFragment;
  upper(expr: SqlFragment): SqlFragment;
  datePart(part: DatePart, column: ColumnModel): SqlFragment;
  /** `contains`/`startswith`/`endswith` with a constant needle (LIKE, GLOB). */
  pattern(test: TextTest, haystack: SqlFragment, needle: string): SqlFragment;
  /** The same with a needle read from the row. */
  textTest(test: TextTest, haystack: SqlFragment, needle: SqlFragment): SqlFragment;
  /** True when the lower-cased `needle` occurs in `column` lower-cased (for `$search`). */
  searchMatch(column: ColumnModel, lowerNeedle: string): SqlFragment;

  // --- ordering and aggregation ----------------------------------------------------------------
  sortKey(column: ColumnModel): SqlFragment;
  /** The grouping expression, also what the group row reads. */
  groupKey(column: ColumnModel): SqlFragment;
  distinctKey(column: ColumnModel): SqlFragment;
  extreme(column: ColumnModel, method: "min" | "max"): SqlFragment;
  sum(column: ColumnModel): SqlFragment;
  /**
   * The sum the engine computes for doubles (compensated summation, i.e. the exact sum of the
   * binary values, rounded once), where the database can compute it: `exact` sums the exact
   * binary value of each double as a decimal, `inexact` counts the values it cannot expand
   * (NaN, infinities, extreme exponents), `fallback` is the plain floating-point sum for then.
   */
  binarySum?(column: ColumnModel): { exact: SqlFragment; inexact: SqlFragment; fallback: SqlFragment };

  /**
   * The exact sum of a column whose values are whole multiples of 10^-scale (money rounded to
   * cents): `units` adds each value as an integer count of units, `outside` counts the values too
   * large to count that way exactly (beyond 10^13 units, or NaN and infinities), `fallback` is
   * the plain floating-point sum for then.
   */
  unitSum(
    column: ColumnModel,
    scale: number,
  ): { units: SqlFragment; outside: SqlFragment; fallback: SqlFragment };

  // --- connections -----------------------------------------------------------------------------
  /** Readies a pooled connection before a query runs on it (SQLite: registers functions). */
  prepareConnection(connection: unknown): void;
  /**
   * Runs a compiled SELECT (`?` already numbered as the driver wants) on a pooled connection,
   * bypassing knex's runner (Postgres: as a prepared statement). Without it knex runs the builder.
   */
  runCompiled?(
    connection: unknown,
    sql: string,
    bindings: readonly unknown[],
  ): Promise<Record<string, unknown>[]>;
  /** Cancels the statement running on `connection`. */
  cancel(knex: Knex, connection: unknown): Promise<void>;
  writeAccess(knex: Knex, run: SelectRunner, tables: readonly TableModel[]): Promise<WriteAccessReport>;
  classifyFailure(error: unknown): FailureClass;
}

/** Reads an own property of an unknown value. */
export function field(value: unknown, name: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

export function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function integer(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

const COMPARISONS: readonly PushableOperator[] = ["eq", "ne", "gt", "ge", "lt", "le", "in"];

/**
 * The operators a column of a given storage advertises. Dialects differ only in whether
 * time-of-day text compares reliably (it does in Postgres, not in SQLite's text storage).
 */
export function storageFilterOperators(
  storage: Storage,
  features: DialectFeatures,
  timeComparable: boolean,
): readonly PushableOperator[] {
  switch (storage) {
    case "text":
    case "castText":
      return [
        ...COMPARISONS,
        "contains",
        "startswith",
        "endswith",
        ...(features.exactCaseMapping ? (["tolower", "toupper"] as const) : []),
      ];
    case "int":
    case "bigint":
    case "decimal":
    case "double":
    case "float4":
      return COMPARISONS;
    case "time":
      return timeComparable ? COMPARISONS : [];
    case "date":
    case "timestamptz":
    case "timestamp":
      return [...COMPARISONS, "year", "month", "day"];
    case "boolean":
    case "uuid":
      return ["eq", "ne", "in"];
  }
}
