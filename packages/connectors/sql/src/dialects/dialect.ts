/**
 * What differs between databases, in one interface: how the catalog is read, how SQL types map
 * to EDM types, and how each piece of OData meaning is spelled in that database's SQL. The
 * compilers ask the dialect for fragments and never write dialect-specific SQL themselves.
 */
import type { EdmPrimitiveType, PushableOperator } from "@headgate/model";
import type { Knex } from "knex";
import type { Constant } from "../literal-values.ts";
import { param, raw, type SqlFragment, sql } from "../sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "../table-model.ts";

export type DialectName = "postgres" | "sqlite" | "mssql";

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

/**
 * What went wrong, by what can be done about it: the settings are wrong (`missing-database`,
 * `credentials`, `wrong-password`, `unknown-host`, `tls`), the database is not there right now
 * (`unreachable`, `connection`, `no-connection-slots`, `busy`: try again), or the database
 * refuses this query (the rest).
 */
export type FailureKind =
  | "missing-database"
  | "credentials"
  | "wrong-password"
  | "unknown-host"
  | "tls"
  | "unreachable"
  | "connection"
  | "no-connection-slots"
  | "missing-object"
  | "permission"
  | "busy"
  | "resources"
  | "invalid-data"
  | "read-only"
  | "unknown";

export interface FailureClass {
  readonly kind: FailureKind;
  /** A database error code safe to show (SQLSTATE, SQLITE_BUSY), never the message. */
  readonly code?: string;
  /**
   * The statement was stopped on request: cancelled, or cut off by the driver's own time limit.
   * The runner reports it as a timeout (an aborted scan is reported as such before this).
   */
  readonly cancelled?: boolean;
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
  /**
   * Where `exact(expr) = constant` is not the engine's equality (SQL Server's `=` ignores
   * trailing spaces): `expr` equal to one of the text constants `values` (at least one), exactly.
   */
  textIn?(expr: SqlFragment, values: readonly SqlFragment[]): SqlFragment;
  /**
   * Where the database cannot hold every value the engine can compare with (SQL Server: no
   * infinities, no years before 1 or after 9999): whether `constant` lies below or above every
   * value a column of its domain can hold, so comparisons with it are decided without it.
   */
  outOfRange?(constant: Constant): "below" | "above" | undefined;

  // --- value conventions ------------------------------------------------------------------------
  /** Text without trailing spaces (`rtrim`); `expr` is text as `value` reads it. */
  trimEnd(expr: SqlFragment): SqlFragment;
  /** A double rounded to `scale` decimals, as a double (money kept in binary floats). */
  roundTo(expr: SqlFragment, scale: number): SqlFragment;
  /**
   * An integer as a boolean: true when not 0 (flags kept as 0/1 numbers). Where there are no
   * boolean values (SQL Server) the value 1 or 0, which the row reader reads as true or false.
   */
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

  // --- ordering, paging and aggregation ---------------------------------------------------------
  sortKey(column: ColumnModel): SqlFragment;
  /**
   * The direction of an ORDER BY item, with the engine's nulls: first ascending, last descending.
   * `nullable` false when the value is never null (the plain forms then suffice).
   */
  sortDirection(descending: boolean, nullable: boolean): SqlFragment;
  /**
   * What follows the ORDER BY of a page's inner SELECT to keep `limit` rows after skipping
   * `offset` (`LIMIT ? OFFSET ?`; SQL Server: `OFFSET ? ROWS FETCH NEXT ? ROWS ONLY`).
   */
  pageWindow(limit: number | undefined, offset: number): SqlFragment;
  /**
   * The grouping expression (GROUP BY and the groups' order): equal exactly when the engine's
   * values are equal. It carries no bound values, since the statement repeats it.
   */
  groupKey(column: ColumnModel): SqlFragment;
  /** What the group row reads, where it is not `groupKey` itself (an expression over it, or an aggregate). */
  groupValue?(column: ColumnModel): SqlFragment;
  distinctKey(column: ColumnModel): SqlFragment;
  extreme(column: ColumnModel, method: "min" | "max"): SqlFragment;
  /**
   * Where the database cannot order every text by code point (SQL Server), `min`/`max` of text
   * in two parts: `ordered`, the extreme of the values it does order exactly, and `others`, the
   * remaining values as a JSON array text (null when there are none). The connector picks the
   * extreme among them.
   */
  textExtreme?(column: ColumnModel, method: "min" | "max"): { ordered: SqlFragment; others: SqlFragment };
  sum(column: ColumnModel): SqlFragment;
  /**
   * The sum the engine computes for doubles (compensated summation, i.e. the exact sum of the
   * binary values, rounded once), where the database can compute it: `exact` sums the exact
   * binary value of each double as a decimal, `inexact` counts the values it cannot expand
   * (NaN, infinities, extreme exponents), `fallback` is the plain floating-point sum for then.
   */
  binarySum?(column: ColumnModel): { exact: SqlFragment; inexact: SqlFragment; fallback: SqlFragment };
  /**
   * Where the database can neither add doubles as the engine does nor expand them exactly (SQL
   * Server: `SUM(float)` is plain floating-point addition, `decimal(38)` cannot hold a double's
   * exact value): the group's values as comma-separated text, each item read back exactly by
   * `Number()`, for the connector to add exactly. For sums of doubles and averages of doubles
   * and decimals.
   */
  numberList?(column: ColumnModel): SqlFragment;

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

/** Node's own failures (sockets, DNS, TLS certificates), which every driver passes on. */
const NODE_FAILURES: ReadonlyMap<string, FailureKind> = new Map<string, FailureKind>([
  ["ENOTFOUND", "unknown-host"],
  ...["ECONNREFUSED", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH"].map((c) => [c, "unreachable"] as const),
  ...["ECONNRESET", "EPIPE", "EAI_AGAIN"].map((c) => [c, "connection"] as const),
  ...[
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_HAS_EXPIRED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
  ].map((c) => [c, "tls"] as const),
]);

/** The failure a Node error code (`ENOTFOUND`, `ECONNREFUSED`, a certificate's) stands for. */
export function nodeFailureKind(code: string | undefined): FailureKind | undefined {
  return code === undefined ? undefined : NODE_FAILURES.get(code);
}

export function integer(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isInteger(n) ? n : undefined;
}

const COMPARISONS: readonly PushableOperator[] = ["eq", "ne", "gt", "ge", "lt", "le", "in"];
const EQUALITIES: readonly PushableOperator[] = ["eq", "ne", "in"];

export interface OperatorOptions {
  /** Time-of-day values compare reliably (in Postgres, not in SQLite's text storage). */
  readonly timeComparable: boolean;
  /** Text orders by code point (not in SQL Server, whose binary order is UTF-16's). */
  readonly textOrdered: boolean;
}

/**
 * The operators a column of a given storage advertises. Dialects differ only in whether
 * time-of-day values and the order of text compare as the engine does.
 */
export function storageFilterOperators(
  storage: Storage,
  features: DialectFeatures,
  options: OperatorOptions,
): readonly PushableOperator[] {
  switch (storage) {
    case "text":
    case "castText":
      return [
        ...(options.textOrdered ? COMPARISONS : EQUALITIES),
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
      return options.timeComparable ? COMPARISONS : [];
    case "date":
    case "timestamptz":
    case "timestamp":
      return [...COMPARISONS, "year", "month", "day"];
    case "boolean":
    case "uuid":
      return EQUALITIES;
  }
}

/** `LIMIT ? OFFSET ?` (the OFFSET only past the first row), for Postgres and SQLite. */
export function limitOffset(limit: number | undefined, offset: number): SqlFragment {
  const limited = limit === undefined ? raw("") : sql` LIMIT ${param(limit)}`;
  return offset > 0 ? sql`${limited} OFFSET ${param(offset)}` : limited;
}

/**
 * `LIMIT n OFFSET m` with the numbers written out (Postgres). They are the engine's page
 * arithmetic, checked to be whole numbers, never a client's text; written out, a page of an
 * unfiltered query is a statement without parameters, whose plan Postgres prepares once and
 * reuses (statements with parameters are planned for every run: postgres-prepared.ts).
 */
export function limitOffsetWritten(limit: number | undefined, offset: number): SqlFragment {
  const limited = limit === undefined ? raw("") : raw(` LIMIT ${wholeNumber(limit)}`);
  return offset > 0 ? sql`${limited} OFFSET ${raw(wholeNumber(offset))}` : limited;
}

function wholeNumber(value: number): string {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not a row count: ${value}`);
  return String(value);
}

const ASCENDING = raw("ASC NULLS FIRST");
const DESCENDING = raw("DESC NULLS LAST");
const ASCENDING_NOT_NULL = raw("ASC");
const DESCENDING_NOT_NULL = raw("DESC");

/** Directions with NULLS FIRST/LAST spelled out where the value can be null (Postgres, SQLite). */
export function explicitNullsDirection(descending: boolean, nullable: boolean): SqlFragment {
  if (!nullable) return descending ? DESCENDING_NOT_NULL : ASCENDING_NOT_NULL;
  return descending ? DESCENDING : ASCENDING;
}

/** Directions where NULL already sorts below every value, as the engine wants (SQL Server). */
export function plainDirection(descending: boolean): SqlFragment {
  return descending ? DESCENDING_NOT_NULL : ASCENDING_NOT_NULL;
}

export function optionalInteger(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : integer(value);
}

export function isInstant(column: ColumnModel): boolean {
  return column.storage === "timestamptz" || column.storage === "timestamp";
}

export const DATE_PART_NAMES: Readonly<Record<DatePart, SqlFragment>> = {
  year: raw("YEAR"),
  month: raw("MONTH"),
  day: raw("DAY"),
};

/**
 * `v op L` at the engine's millisecond resolution, as a range of the stored instant (which keeps
 * indexes usable): the engine reads v truncated to the millisecond, so v_ms op L <=> v op' L or
 * L + 1 ms. `atLeast(t)` is `v >= t`, `before(t)` is `v < t`, for t in epoch milliseconds.
 */
export function millisecondRange(
  op: OrderingOperator,
  ms: number,
  atLeast: (t: number) => SqlFragment,
  before: (t: number) => SqlFragment,
): SqlFragment {
  switch (op) {
    case "eq":
      return sql`(${atLeast(ms)} AND ${before(ms + 1)})`;
    case "gt":
      return sql`(${atLeast(ms + 1)})`;
    case "ge":
      return sql`(${atLeast(ms)})`;
    case "lt":
      return sql`(${before(ms)})`;
    case "le":
      return sql`(${before(ms + 1)})`;
  }
}

/**
 * `unitSum` over the value `v`: `power` is 10^scale and `limit` 10^15 as the database spells
 * them in doubles (beyond 10^15 units a double holds no exact integer count, and beyond 2^53 no
 * integer at all), `toUnits` rounds a scaled value to an integer.
 */
export function unitSumOf(
  v: SqlFragment,
  power: SqlFragment,
  limit: SqlFragment,
  toUnits: (scaled: SqlFragment) => SqlFragment,
): { units: SqlFragment; outside: SqlFragment; fallback: SqlFragment } {
  const scaled = sql`(${v} * ${power})`;
  const within = sql`(abs(${scaled}) < ${limit})`;
  return {
    units: sql`SUM(CASE WHEN ${within} THEN ${toUnits(scaled)} END)`,
    outside: sql`SUM(CASE WHEN ${v} IS NOT NULL AND NOT ${within} THEN 1 ELSE 0 END)`,
    fallback: sql`SUM(${v})`,
  };
}

// --- catalog ------------------------------------------------------------------------------------

/** Catalog rows as the dialects' catalog queries read them (information_schema's names, lower-cased). */
export interface CatalogRows {
  /** `table_name`, `table_type` (`VIEW` for a view). */
  readonly tables: readonly Record<string, unknown>[];
  /** `table_name`, `column_name` and the dialect's other column fields, in column order. */
  readonly columns: readonly Record<string, unknown>[];
  /** `table_name`, `column_name` of primary key columns, in key order. */
  readonly keys: readonly Record<string, unknown>[];
  /** Comments by `descriptionKey(table, column)`, the table's own with column `""`. */
  readonly descriptions: ReadonlyMap<string, string>;
}

export function descriptionKey(table: string, column: string): string {
  return `${table}\u0000${column}`;
}

/** The tables of a catalog with their columns (made by `column`), primary keys and descriptions. */
export function assembleCatalog(
  rows: CatalogRows,
  column: (row: Record<string, unknown>, description: string | undefined) => RawColumn,
): RawTable[] {
  return rows.tables.flatMap((row) => {
    const name = text(row.table_name);
    if (name === undefined) return [];
    const description = rows.descriptions.get(descriptionKey(name, ""));
    const table: RawTable = {
      name,
      kind: row.table_type === "VIEW" ? "view" : "table",
      columns: rows.columns
        .filter((c) => c.table_name === name)
        .map((c) => column(c, rows.descriptions.get(descriptionKey(name, text(c.column_name) ?? "")))),
      primaryKey: rows.keys
        .filter((k) => k.table_name === name)
        .map((k) => text(k.column_name))
        .filter((k): k is string => k !== undefined),
      ...(description === undefined ? {} : { description }),
    };
    return [table];
  });
}

/**
 * An information_schema.columns row (`column_name`, `is_nullable`, `numeric_precision`,
 * `numeric_scale`, `character_maximum_length`, `datetime_precision`) as a column: precision and
 * scale where the type is `decimal`, a length where there is one, fractional digits where the
 * type is `timed`.
 */
export function informationSchemaColumn(
  row: Record<string, unknown>,
  declaredType: string,
  type: { readonly decimal: boolean; readonly timed: boolean },
  description: string | undefined,
): RawColumn {
  const precision = optionalInteger(row.numeric_precision);
  const scale = optionalInteger(row.numeric_scale);
  const maxLength = optionalInteger(row.character_maximum_length);
  const fractionalDigits = optionalInteger(row.datetime_precision);
  return {
    name: text(row.column_name) ?? "",
    declaredType,
    nullable: row.is_nullable === "YES",
    ...(type.decimal && precision !== undefined ? { precision } : {}),
    ...(type.decimal && scale !== undefined ? { scale } : {}),
    ...(maxLength !== undefined && maxLength > 0 ? { maxLength } : {}),
    ...(type.timed && fractionalDigits !== undefined ? { fractionalDigits } : {}),
    ...(description === undefined ? {} : { description }),
  };
}

// --- write access -------------------------------------------------------------------------------

/** The entity sets with a table the user may change, asking `writable` per table until one says so. */
export async function writableEntitySets(
  tables: readonly TableModel[],
  writable: (schema: string | undefined, table: string) => Promise<boolean>,
): Promise<string[]> {
  const sets: string[] = [];
  for (const table of tables) {
    for (const member of table.members) {
      if (await writable(table.schema, member)) {
        sets.push(table.entitySet.name);
        break;
      }
    }
  }
  return sets;
}

/** What a dialect found out about the database user, for `writeAccessReport`. */
export interface WriteAccessFacts {
  readonly user: string;
  /** How many tables the connection exposes. */
  readonly exposed: number;
  /** The exposed entity sets whose tables the user may change. */
  readonly writable: readonly string[];
  /** Why nothing can be changed whatever the grants (a read-only standby). */
  readonly readOnly?: string;
  /** A role that may change anything, grants or not (`a superuser`). */
  readonly privileged?: string;
  /** What to give the user instead. */
  readonly grant: string;
}

/** The report for an administrator. */
export function writeAccessReport(facts: WriteAccessFacts): WriteAccessReport {
  const { user, exposed, writable, readOnly, privileged, grant } = facts;
  if (readOnly !== undefined)
    return {
      canWrite: false,
      writableEntitySets: [],
      summary: `${readOnly}; '${user}' cannot change data through this connection.`,
    };
  const safer = `Headgate only reads, but a read-only user is safer: ${grant}.`;
  if (privileged !== undefined)
    return {
      canWrite: true,
      writableEntitySets: [...writable],
      summary: `Database user '${user}' is ${privileged}: it may change any table, the exposed ones included, whatever is granted. ${safer}`,
    };
  if (writable.length === 0)
    return {
      canWrite: false,
      writableEntitySets: [],
      summary: `Database user '${user}' can only read the exposed tables.`,
    };
  return {
    canWrite: true,
    writableEntitySets: [...writable],
    summary: `Database user '${user}' may change ${writable.length} of ${exposed} exposed tables (${writable.join(", ")}). ${safer}`,
  };
}
