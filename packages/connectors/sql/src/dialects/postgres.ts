/**
 * PostgreSQL: the catalog from information_schema (plus pg_catalog for comments and enum
 * labels), and OData meaning spelled in Postgres SQL.
 *
 * Choices that keep answers identical to the engine's:
 * - Text orders by code point: `COLLATE "C"` (byte order of UTF-8 is code point order).
 *   Equality uses the column's collation, which must be deterministic (the default is).
 * - Case mapping uses the ICU root collation (`und-x-icu`), whose `lower`/`upper` are full
 *   Unicode mappings like JavaScript's; without ICU, `tolower`/`toupper`/`$search` stay in the
 *   engine (libc mappings differ on ß, final sigma, dotted I).
 * - Instants are read as `toISOString()` text (to_char at UTC, milliseconds truncated as a JS
 *   Date truncates) and compared at millisecond resolution by rewriting `x op literal` to a
 *   range, which keeps indexes usable. Sorting, grouping and column-to-column comparisons
 *   truncate to the millisecond unless the column keeps at most 3 fractional digits
 *   (`timestamptz(3)`), so declare that precision for index-ordered scans.
 * - NaN (numeric, real, double precision) is incomparable to the engine but the largest value
 *   to Postgres, so greater-than comparisons exclude it.
 * - `real` values reach the engine as the shortest decimal text, so they are compared as that
 *   text read as a double.
 * - Dates are read with to_char, never through the driver's local-time Date.
 * - `timestamp without time zone` holds UTC wall-clock time. Nothing depends on the session's
 *   TimeZone or DateStyle.
 */

import type { PushableOperator } from "@headgate/model";
import type { Knex } from "knex";
import { isoOf } from "../literal-values.ts";
import { param, quotedIdentifier, raw, type SqlFragment, sql } from "../sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "../table-model.ts";
import {
  assembleCatalog,
  type ColumnType,
  DATE_PART_NAMES,
  type DialectFeatures,
  descriptionKey,
  explicitNullsDirection,
  type FailureClass,
  type FailureKind,
  field,
  informationSchemaColumn,
  integer,
  isInstant,
  limitOffsetWritten,
  millisecondRange,
  nodeFailureKind,
  type OrderingOperator,
  type RawColumn,
  type RawTable,
  type SelectRunner,
  type SqlDialect,
  storageFilterOperators,
  type TextTest,
  text,
  unitSumOf,
  type WriteAccessReport,
  writableEntitySets,
  writeAccessReport,
} from "./dialect.ts";
import { runPreparedSelect } from "./postgres-prepared.ts";

const ICU_ROOT = "und-x-icu";
const INSTANT_FORMAT = raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);
const DATE_FORMAT = raw(`'YYYY-MM-DD'`);
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

function quote(name: string): string {
  // knex unescapes `\?` back to `?` for Postgres, so a `?` in a name is not taken as a placeholder.
  return `"${name.replace(/"/g, '""').replace(/\?/g, "\\?")}"`;
}

function filterOperators(storage: Storage, features: DialectFeatures): readonly PushableOperator[] {
  return storageFilterOperators(storage, features, { timeComparable: true, textOrdered: true });
}

/** information_schema `data_type` (and `udt_name` for user-defined types) to EDM. */
function columnType(column: RawColumn): ColumnType | undefined {
  const digits = column.fractionalDigits === undefined ? {} : { fractionalDigits: column.fractionalDigits };
  const facets = {
    ...(column.precision === undefined ? {} : { precision: column.precision }),
    ...(column.scale === undefined ? {} : { scale: column.scale }),
  };
  switch (column.declaredType) {
    case "text":
      return { type: "Edm.String", storage: "text" };
    case "character varying":
      return {
        type: "Edm.String",
        storage: "text",
        ...(column.maxLength === undefined ? {} : { maxLength: column.maxLength }),
      };
    case "character":
    case "user-defined:citext":
      return { type: "Edm.String", storage: "castText" };
    case "smallint":
    case "integer":
      return { type: "Edm.Int32", storage: "int" };
    case "bigint":
      return { type: "Edm.Int64", storage: "bigint" };
    case "numeric":
      return { type: "Edm.Decimal", storage: "decimal", ...facets };
    case "real":
      return { type: "Edm.Double", storage: "float4" };
    case "double precision":
      return { type: "Edm.Double", storage: "double" };
    case "boolean":
      return { type: "Edm.Boolean", storage: "boolean" };
    case "date":
      return { type: "Edm.Date", storage: "date" };
    case "timestamp with time zone":
      return { type: "Edm.DateTimeOffset", storage: "timestamptz", ...digits };
    case "timestamp without time zone":
      return { type: "Edm.DateTimeOffset", storage: "timestamp", ...digits };
    case "time without time zone":
      return { type: "Edm.TimeOfDay", storage: "time" };
    case "uuid":
      return { type: "Edm.Guid", storage: "uuid" };
    default:
      return column.allowedValues ? { type: "Edm.String", storage: "castText" } : undefined;
  }
}

/** The column's value as the row contract has it, for the select list and for min/max. */
function format(storage: Storage, expr: SqlFragment): SqlFragment {
  switch (storage) {
    case "castText":
    case "time":
    case "uuid":
      return sql`CAST(${expr} AS text)`;
    case "date":
      return sql`to_char(${expr}, ${DATE_FORMAT})`;
    case "timestamptz":
      return sql`to_char((${expr}) AT TIME ZONE 'UTC', ${INSTANT_FORMAT})`;
    case "timestamp":
      return sql`to_char(${expr}, ${INSTANT_FORMAT})`;
    default:
      return expr;
  }
}

function value(column: ColumnModel): SqlFragment {
  const x = column.expression;
  if (column.storage === "castText") return sql`CAST(${x} AS text)`;
  if (column.storage === "float4") return sql`CAST(CAST(${x} AS text) AS double precision)`;
  return x;
}

function instantParam(column: ColumnModel, ms: number): SqlFragment {
  return column.storage === "timestamp"
    ? sql`CAST(${param(isoOf(ms).slice(0, -1))} AS timestamp)`
    : sql`CAST(${param(isoOf(ms))} AS timestamp with time zone)`;
}

function instantCompare(op: OrderingOperator, column: ColumnModel, ms: number): SqlFragment {
  const x = column.expression;
  return millisecondRange(
    op,
    ms,
    (t) => sql`${x} >= ${instantParam(column, t)}`,
    (t) => sql`${x} < ${instantParam(column, t)}`,
  );
}

/** The engine compares and sorts instants to the millisecond; finer columns are truncated. */
function toMillisecond(column: ColumnModel): SqlFragment {
  const digits = column.fractionalDigits;
  return digits !== undefined && digits <= 3
    ? column.expression
    : sql`date_trunc('milliseconds', ${column.expression})`;
}

/** The instant at millisecond resolution, as a timestamptz (a timestamp is UTC wall-clock time). */
function instantKey(column: ColumnModel): SqlFragment {
  return column.storage === "timestamp"
    ? sql`(${toMillisecond(column)} AT TIME ZONE 'UTC')`
    : toMillisecond(column);
}

function atUtc(column: ColumnModel): SqlFragment {
  return column.storage === "timestamptz"
    ? sql`(${column.expression} AT TIME ZONE 'UTC')`
    : column.expression;
}

function likePattern(test: TextTest, needle: string): string {
  const escaped = needle.replace(/[!%_]/g, (c) => `!${c}`);
  return test === "contains" ? `%${escaped}%` : test === "startswith" ? `${escaped}%` : `%${escaped}`;
}

/**
 * Case mapping in the ICU root collation; the result is put back in "C" so it meets other text
 * (which this dialect compares in "C") without an explicit-collation conflict.
 */
function lower(expr: SqlFragment): SqlFragment {
  return sql`(lower(${expr} COLLATE ${quotedIdentifier(quote(ICU_ROOT))}) COLLATE "C")`;
}

function upper(expr: SqlFragment): SqlFragment {
  return sql`(upper(${expr} COLLATE ${quotedIdentifier(quote(ICU_ROOT))}) COLLATE "C")`;
}

function ordinal(expr: SqlFragment): SqlFragment {
  return sql`(${expr} COLLATE "C")`;
}

// --- catalog ------------------------------------------------------------------------------------

async function readCatalog(knex: Knex, run: SelectRunner, schema: string | undefined): Promise<RawTable[]> {
  const namespace = schema ?? "public";
  const [tables, columns, keys, comments, enums] = [
    await run(
      knex
        .select("table_name", "table_type")
        .from("information_schema.tables")
        .where("table_schema", namespace)
        .whereIn("table_type", ["BASE TABLE", "VIEW"]),
    ),
    await run(
      knex
        .select(
          "table_name",
          "column_name",
          "data_type",
          "udt_name",
          "is_nullable",
          "numeric_precision",
          "numeric_scale",
          "character_maximum_length",
          "datetime_precision",
        )
        .from("information_schema.columns")
        .where("table_schema", namespace)
        .orderBy(["table_name", "ordinal_position"]),
    ),
    // Primary keys from pg_catalog: information_schema.table_constraints hides them from a
    // role that may only SELECT, which is exactly the role this connector should run as.
    await run(
      knex
        .select(knex.raw("c.relname AS table_name"), knex.raw("a.attname AS column_name"))
        .from(
          knex.raw(
            "pg_catalog.pg_index AS i JOIN pg_catalog.pg_class AS c ON c.oid = i.indrelid JOIN pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position) JOIN pg_catalog.pg_attribute AS a ON a.attrelid = c.oid AND a.attnum = k.attnum",
          ),
        )
        .where("i.indisprimary", true)
        .andWhere("n.nspname", namespace)
        .orderBy([
          { column: "c.relname", order: "asc" },
          { column: "k.position", order: "asc" },
        ]),
    ),
    await run(
      knex
        .select(
          knex.raw("c.relname AS table_name"),
          knex.raw("a.attname AS column_name"),
          knex.raw(
            "CASE WHEN a.attnum = 0 THEN obj_description(c.oid, 'pg_class') ELSE col_description(c.oid, a.attnum) END AS description",
          ),
        )
        .from(knex.raw("pg_catalog.pg_class AS c"))
        .join(knex.raw("pg_catalog.pg_namespace AS n ON n.oid = c.relnamespace"))
        .join(
          knex.raw(
            "(SELECT attrelid, attnum, attname FROM pg_catalog.pg_attribute WHERE attnum > 0 AND NOT attisdropped UNION ALL SELECT oid, 0, '' FROM pg_catalog.pg_class) AS a ON a.attrelid = c.oid",
          ),
        )
        .where("n.nspname", namespace),
    ),
    await run(
      knex
        .select(knex.raw("t.typname AS type_name"), knex.raw("e.enumlabel AS label"))
        .from(knex.raw("pg_catalog.pg_type AS t"))
        .join(knex.raw("pg_catalog.pg_enum AS e ON e.enumtypid = t.oid"))
        .orderBy([
          { column: "t.typname", order: "asc" },
          { column: "e.enumsortorder", order: "asc" },
        ]),
    ),
  ];
  const enumLabels = new Map<string, string[]>();
  for (const row of enums) {
    const name = text(row.type_name);
    const label = text(row.label);
    if (name === undefined || label === undefined) continue;
    enumLabels.set(name, [...(enumLabels.get(name) ?? []), label]);
  }
  const descriptions = new Map<string, string>();
  for (const row of comments) {
    const description = text(row.description);
    if (description)
      descriptions.set(descriptionKey(text(row.table_name) ?? "", text(row.column_name) ?? ""), description);
  }
  return assembleCatalog({ tables, columns, keys, descriptions }, (c, description): RawColumn => {
    const dataType = (text(c.data_type) ?? "").toLowerCase();
    const udt = text(c.udt_name) ?? "";
    const labels = dataType === "user-defined" ? enumLabels.get(udt) : undefined;
    const declaredType = dataType === "user-defined" ? `user-defined:${udt}` : dataType;
    return {
      ...informationSchemaColumn(
        c,
        declaredType,
        { decimal: dataType === "numeric", timed: true },
        description,
      ),
      ...(labels === undefined ? {} : { allowedValues: labels }),
    };
  });
}

async function readFeatures(knex: Knex, run: SelectRunner): Promise<DialectFeatures> {
  const rows = await run(
    knex
      .select(knex.raw("count(*) AS n"))
      .from(knex.raw("pg_catalog.pg_collation"))
      .where("collname", ICU_ROOT),
  );
  return { exactCaseMapping: (integer(rows[0]?.n) ?? 0) > 0 };
}

async function writeAccess(
  knex: Knex,
  run: SelectRunner,
  tables: readonly TableModel[],
): Promise<WriteAccessReport> {
  const writable = await writableEntitySets(tables, async (schema, table) => {
    const rows = await run(
      knex.select(
        knex.raw(
          "has_table_privilege(format('%I.%I', ?::text, ?::text), 'INSERT, UPDATE, DELETE, TRUNCATE') AS writable",
          [schema ?? "public", table],
        ),
      ),
    );
    return rows[0]?.writable === true;
  });
  const [session] = await run(
    knex.select(
      knex.raw("current_user AS role"),
      knex.raw("pg_is_in_recovery() AS recovery"),
      knex.raw("(SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) AS superuser"),
    ),
  );
  return writeAccessReport({
    user: text(session?.role) ?? "the connection's user",
    exposed: tables.length,
    writable,
    ...(session?.recovery === true ? { readOnly: "The database is a read-only standby" } : {}),
    ...(session?.superuser === true ? { privileged: "a superuser" } : {}),
    grant: "connect as a role with USAGE on the schema and SELECT on its tables only",
  });
}

// --- errors -------------------------------------------------------------------------------------

/** SQLSTATEs (Postgres appendix A) whose advice differs from their class's. */
const SQLSTATES: ReadonlyMap<string, FailureKind> = new Map<string, FailureKind>([
  ["3D000", "missing-database"],
  ["57P04", "missing-database"],
  ["28P01", "wrong-password"],
  ["53300", "no-connection-slots"],
  ...["42P01", "42703", "42883", "3F000"].map((c) => [c, "missing-object"] as const),
  ["42501", "permission"],
  ["55P03", "busy"],
  ["55006", "busy"],
  ["25006", "read-only"],
]);

/** The advice for each SQLSTATE class (its first two characters). */
const SQLSTATE_CLASSES: ReadonlyMap<string, FailureKind> = new Map<string, FailureKind>([
  ["28", "credentials"],
  ["08", "connection"],
  ["57", "connection"],
  ["53", "resources"],
  ["54", "resources"],
  ["40", "busy"],
  ["22", "invalid-data"],
]);

function classifyFailure(error: unknown): FailureClass {
  const code = text(field(error, "code"));
  if (code === undefined) return { kind: "unknown" };
  const node = nodeFailureKind(code);
  if (node !== undefined) return { kind: node, code };
  if (!/^[0-9A-Z]{5}$/.test(code)) return { kind: "unknown" };
  return { kind: SQLSTATES.get(code) ?? SQLSTATE_CLASSES.get(code.slice(0, 2)) ?? "unknown", code };
}

/**
 * The exact value of a double as a numeric: mantissa (an int8, exact) times a power of two
 * (written as 5^k * 10^-k for negative powers, so numeric multiplication keeps every digit).
 * NULL outside 1e-290..1e290 (and for NaN, infinities), where `inexact` counts it.
 */
function exactable(d: SqlFragment): SqlFragment {
  return sql`(${d} = 0 OR (abs(${d}) >= 1e-290 AND abs(${d}) < 1e290))`;
}

function exactBinary(d: SqlFragment): SqlFragment {
  const rough = sql`floor(ln(abs(${d})) / ln(2))`;
  const e = sql`(CAST(${rough} AS integer) - CAST(abs(${d}) < power(CAST(2 AS double precision), ${rough}) AS integer) + CAST(abs(${d}) >= power(CAST(2 AS double precision), ${rough} + 1) AS integer))`;
  const k = sql`(52 - ${e})`;
  const mantissa = sql`CAST(CAST(${d} * power(CAST(2 AS double precision), ${k} / 2) * power(CAST(2 AS double precision), ${k} - ${k} / 2) AS bigint) AS numeric)`;
  const scale = sql`(CASE WHEN ${k} <= 0 THEN power(CAST(2 AS numeric), -${k}) ELSE power(CAST(5 AS numeric), ${k}) * CAST('1e-' || ${k} AS numeric) END)`;
  return sql`(CASE WHEN ${d} = 0 THEN CAST(0 AS numeric) WHEN ${exactable(d)} THEN ${mantissa} * ${scale} END)`;
}

function binarySum(column: ColumnModel): { exact: SqlFragment; inexact: SqlFragment; fallback: SqlFragment } {
  const d =
    column.storage === "decimal" ? sql`CAST(${column.expression} AS double precision)` : value(column);
  return {
    exact: sql`SUM(${exactBinary(d)})`,
    inexact: sql`SUM(CASE WHEN ${d} IS NOT NULL AND NOT ${exactable(d)} THEN 1 ELSE 0 END)`,
    fallback: sql`SUM(${d})`,
  };
}

/** 10^scale as a double precision constant. */
function powerOfTen(scale: number): SqlFragment {
  return raw(`CAST(1e${scale} AS double precision)`);
}

/** Units beyond this are not counted as integers (a double holds them exactly only below 2^53). */
const MAX_UNITS = raw("CAST(1e15 AS double precision)");

function unitSum(column: ColumnModel, scale: number) {
  // NaN sorts above every number in Postgres, so it is never below MAX_UNITS.
  return unitSumOf(
    value(column),
    powerOfTen(scale),
    MAX_UNITS,
    (scaled) => sql`CAST(round(${scaled}) AS bigint)`,
  );
}

interface CancellingClient {
  cancelQuery(connection: unknown): Promise<unknown>;
}

export const postgresDialect: SqlDialect = {
  name: "postgres",
  defaultSchema: "public",
  canCancel: true,
  exactDecimalSums: true,
  quote,
  tableName: (schema, table) => quotedIdentifier(`${quote(schema ?? "public")}.${quote(table)}`),
  readCatalog,
  readFeatures,
  columnType,
  filterOperators,
  sortable: () => true,
  read: (column) => format(column.storage, column.expression),
  value,
  nanable: (column) =>
    column.storage === "decimal" || column.storage === "double" || column.storage === "float4",
  withoutNaN: (expr) => sql`NULLIF(${expr}, 'NaN')`,
  notNaN: (expr) => sql`(${expr} <> 'NaN')`,
  constant(constant) {
    switch (constant.domain) {
      case "number": {
        const literal = constant.literal;
        if (literal.kind === "integer") {
          const type =
            literal.value >= INT8_MIN && literal.value <= INT8_MAX ? raw("bigint") : raw("numeric");
          return sql`CAST(${param(literal.value.toString())} AS ${type})`;
        }
        if (literal.kind === "decimal") return sql`CAST(${param(literal.value)} AS numeric)`;
        return sql`CAST(${param(String(constant.value))} AS double precision)`;
      }
      case "string":
        return sql`CAST(${param(String(constant.value))} AS text)`;
      case "boolean":
        return sql`CAST(${param(constant.value === true)} AS boolean)`;
      case "date":
        return sql`CAST(${param(String(constant.value))} AS date)`;
      case "time":
        return sql`CAST(${param(String(constant.value))} AS time)`;
      case "guid":
        return sql`CAST(${param(String(constant.value))} AS uuid)`;
      default:
        throw new Error(`no Postgres parameter for a ${constant.domain} constant`);
    }
  },
  ordinal,
  exact: (expr) => expr,
  trimEnd: (expr) => sql`rtrim(${expr})`,
  roundTo: (expr, scale) => sql`(round(${expr} * ${powerOfTen(scale)}) / ${powerOfTen(scale)})`,
  nonZero: (expr) => sql`(${expr} <> 0)`,
  instantCompare,
  instantKey,
  instantDay: (column) => sql`CAST(${atUtc(column)} AS date)`,
  lower,
  upper,
  datePart(part, column) {
    const source = isInstant(column) ? atUtc(column) : column.expression;
    return sql`CAST(EXTRACT(${DATE_PART_NAMES[part]} FROM ${source}) AS integer)`;
  },
  pattern: (test, haystack, needle) => sql`(${haystack} LIKE ${param(likePattern(test, needle))} ESCAPE '!')`,
  textTest(test, haystack, needle) {
    const n = ordinal(needle);
    switch (test) {
      case "contains":
        return sql`(strpos(${haystack}, ${n}) > 0)`;
      case "startswith":
        return sql`starts_with(${haystack}, ${n})`;
      case "endswith":
        return sql`(right(${haystack}, length(${needle})) = ${n})`;
    }
  },
  searchMatch: (column, needle) => sql`(strpos(${lower(value(column))}, ${param(needle)}) > 0)`,
  sortDirection: explicitNullsDirection,
  pageWindow: limitOffsetWritten,
  sortKey: (column) =>
    column.storage === "text" || column.storage === "castText"
      ? ordinal(value(column))
      : isInstant(column)
        ? toMillisecond(column)
        : column.expression,
  groupKey: (column) => format(column.storage, column.expression),
  distinctKey: (column) => (isInstant(column) ? toMillisecond(column) : value(column)),
  extreme(column, method) {
    const fn = raw(method === "min" ? "MIN" : "MAX");
    switch (column.storage) {
      case "text":
      case "castText":
        return sql`${fn}(${ordinal(value(column))})`;
      case "boolean":
        return method === "min" ? sql`BOOL_AND(${column.expression})` : sql`BOOL_OR(${column.expression})`;
      case "uuid":
        return sql`${fn}(CAST(${column.expression} AS text))`;
      default:
        return format(column.storage, sql`${fn}(${column.expression})`);
    }
  },
  sum: (column) => sql`SUM(${value(column)})`,
  binarySum,
  unitSum,
  prepareConnection() {},
  runCompiled: runPreparedSelect,
  async cancel(knex, connection) {
    await (knex.client as unknown as CancellingClient).cancelQuery(connection);
  },
  writeAccess,
  classifyFailure,
};
