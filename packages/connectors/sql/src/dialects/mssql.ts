/**
 * SQL Server (knex's `mssql` client, which drives tedious): the catalog from INFORMATION_SCHEMA
 * (descriptions from `sys.extended_properties`), and OData meaning spelled in T-SQL.
 *
 * Assumes SQL Server 2017 or later: text min/max and exact sums list values with STRING_AGG
 * (2017), STRING_ESCAPE and float style 3 are 2016, OFFSET/FETCH 2012.
 *
 * Choices that keep answers identical to the engine's:
 * - Text is compared in a binary collation (`Latin1_General_100_BIN2`), since the default ones
 *   ignore case and often accents. `COLLATE` goes on Unicode text only (a parameter, a
 *   concatenation with `N'…'`, or a cast to nvarchar): on a varchar column it would change the
 *   code page and lose characters.
 * - `=` ignores trailing spaces ('a' = 'a  '), in every collation. Equality therefore compares the
 *   text with a terminator appended (`x + N'|'`), after a plain `x = @p` that an index on the
 *   column can serve; grouping, DISTINCT and the key's tie-break order use the terminated text.
 *   LIKE with a Unicode pattern (parameters are nvarchar) treats trailing spaces as significant.
 * - Text is not ordered in SQL: `gt`/`ge`/`lt`/`le` on text are not advertised and text is not
 *   sortable, so the engine does both. A binary collation orders nvarchar by UTF-16 code unit
 *   after padding the shorter text with spaces, which differs from code point order where a
 *   surrogate meets U+E000..U+FFFF (😀 before ｱ in SQL Server, after it by code point) and where
 *   the longer text goes on with a character below the space ('a' sorts after 'a\t'). A
 *   terminator below every other character repairs the second; only UTF-8 (2019's
 *   `_BIN2_UTF8`) repairs the first, and it turns unpaired surrogates into '?'. `min`/`max` of
 *   text, which the connector must compute whenever it aggregates, take in SQL the extreme of
 *   the values made only of code units U+0002..U+D7FF (terminated with U+0001: exact there),
 *   and list the others (emoji and other supplementary characters, U+E000 and up such as
 *   fullwidth forms, U+0000/U+0001) for the connector to compare by code point.
 * - `LOWER`/`UPPER` are not JavaScript's full case mapping (ß, final sigma, dotted I), so
 *   `tolower`, `toupper` and `$search` stay in the engine.
 * - SUM(float) is plain floating-point addition, and decimal(38) cannot hold a double's exact
 *   value, so sums and averages of doubles (and averages of decimals, which the engine takes
 *   from the sum of the doubles) list the values for the connector to add exactly. Sums of
 *   integers and decimals are exact in SQL (int widened to bigint, bigint to decimal(38)).
 * - Floats hold neither NaN nor infinities; comparisons with ±INF (and dates outside the years
 *   1 to 9999) are decided without SQL.
 * - Instants are read as `toISOString()` text (the UTC value, milliseconds truncated as a JS
 *   Date truncates) and compared at millisecond resolution as ranges, which keeps indexes
 *   usable; sorting, grouping and column-to-column comparisons truncate to the millisecond
 *   unless the column keeps at most 3 fractional digits. datetime2, datetime and smalldatetime
 *   hold UTC wall-clock time; datetimeoffset values are taken at UTC (SWITCHOFFSET).
 * - NULL sorts below every value, first ascending and last descending, as the engine wants.
 * - SQL Server has no boolean values: `bit` columns are read as tedious's booleans, and 0/1
 *   flags exposed as booleans become `CASE WHEN x <> 0 THEN 1 WHEN x = 0 THEN 0 END` (null
 *   stays null), which the row reader turns into true/false.
 * - char(n)/nchar(n) values are read as SQL Server returns them, padded to n; the `trimPadded`
 *   convention exposes them trimmed (as the Sage connector does for its keys).
 * - Nothing depends on the session's language or DATEFORMAT: dates travel as ISO 8601 text.
 */
import type { PushableOperator } from "@headgate/model";
import type { Knex } from "knex";
import { type Constant, isoOf } from "../literal-values.ts";
import { FALSE, join, param, quotedIdentifier, raw, type SqlFragment, sql, TRUE } from "../sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "../table-model.ts";
import {
  assembleCatalog,
  type ColumnType,
  DATE_PART_NAMES,
  type DialectFeatures,
  descriptionKey,
  type FailureClass,
  type FailureKind,
  field,
  informationSchemaColumn,
  integer,
  isInstant,
  millisecondRange,
  nodeFailureKind,
  type OrderingOperator,
  plainDirection,
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

const DEFAULT_SCHEMA = "dbo";
/** Case- and accent-sensitive, by code unit: the same for every binary collation of version 100. */
const BIN2 = raw("Latin1_General_100_BIN2");
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;
/** The first and the last millisecond datetimeoffset and datetime2 hold (0001-01-01, 9999-12-31). */
const FIRST_INSTANT = new Date(0).setUTCFullYear(1, 0, 1);
const LAST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

function quote(name: string): string {
  // knex turns `\?` back into `?` for SQL Server (as for Postgres), so a `?` in a name is not a placeholder.
  return `[${name.replace(/]/g, "]]").replace(/\?/g, "\\?")}]`;
}

/** A schema-qualified name as a value (for HAS_PERMS_BY_NAME), quoted as SQL Server parses it. */
function qualifiedName(schema: string, table: string): string {
  return `[${schema.replace(/]/g, "]]")}].[${table.replace(/]/g, "]]")}]`;
}

function filterOperators(storage: Storage, features: DialectFeatures): readonly PushableOperator[] {
  // time(n) compares exactly, but a literal with more than 7 fractional digits would be rounded
  // by the cast to time(7): time comparisons stay in the engine.
  return storageFilterOperators(storage, features, { timeComparable: false, textOrdered: false });
}

function isText(storage: Storage): boolean {
  return storage === "text" || storage === "castText";
}

function sortable(storage: Storage): boolean {
  return !isText(storage);
}

/** INFORMATION_SCHEMA `DATA_TYPE` (the system type, also for alias types) to EDM. */
function columnType(column: RawColumn): ColumnType | undefined {
  const digits = column.fractionalDigits === undefined ? {} : { fractionalDigits: column.fractionalDigits };
  const decimal = (precision: number | undefined, scale: number | undefined): ColumnType => ({
    type: "Edm.Decimal",
    storage: "decimal",
    ...(precision === undefined ? {} : { precision }),
    ...(scale === undefined ? {} : { scale }),
  });
  switch (column.declaredType) {
    case "char":
    case "nchar":
    case "varchar":
    case "nvarchar":
      return {
        type: "Edm.String",
        storage: "text",
        ...(column.maxLength === undefined ? {} : { maxLength: column.maxLength }),
      };
    case "text":
    case "ntext":
      // Legacy LOB types: compared and read as nvarchar(max).
      return { type: "Edm.String", storage: "castText" };
    case "tinyint":
    case "smallint":
    case "int":
      return { type: "Edm.Int32", storage: "int" };
    case "bigint":
      return { type: "Edm.Int64", storage: "bigint" };
    case "decimal":
    case "numeric":
      return decimal(column.precision, column.scale);
    case "money":
      return decimal(column.precision ?? 19, column.scale ?? 4);
    case "smallmoney":
      return decimal(column.precision ?? 10, column.scale ?? 4);
    case "float":
    case "real":
      // tedious reads a real as its exact value in a double, which comparisons widen to exactly.
      return { type: "Edm.Double", storage: "double" };
    case "bit":
      return { type: "Edm.Boolean", storage: "boolean" };
    case "uniqueidentifier":
      return { type: "Edm.Guid", storage: "uuid" };
    case "date":
      return { type: "Edm.Date", storage: "date" };
    case "datetimeoffset":
      return { type: "Edm.DateTimeOffset", storage: "timestamptz", ...digits };
    case "datetime2":
      return { type: "Edm.DateTimeOffset", storage: "timestamp", ...digits };
    case "smalldatetime":
      return { type: "Edm.DateTimeOffset", storage: "timestamp", fractionalDigits: 0 };
    case "datetime":
      // Kept in 1/300 s ticks, not milliseconds: always truncated like a finer column.
      return { type: "Edm.DateTimeOffset", storage: "timestamp" };
    case "time":
      return { type: "Edm.TimeOfDay", storage: "time" };
    default:
      return undefined;
  }
}

/** Text as nvarchar: a varchar converts from its own code page, losslessly. */
function unicode(expr: SqlFragment): SqlFragment {
  return sql`CAST(${expr} AS nvarchar(max))`;
}

/**
 * Text with a terminator, in the binary collation: equal exactly when the texts are (the
 * terminator keeps trailing spaces from being padding), for equality, grouping and DISTINCT.
 */
function sealed(expr: SqlFragment): SqlFragment {
  return sql`((${expr} + N'|') COLLATE ${BIN2})`;
}

function value(column: ColumnModel): SqlFragment {
  return column.storage === "castText" ? unicode(column.expression) : column.expression;
}

/** The instant as a UTC datetime2 (datetimeoffset at UTC; the others hold UTC wall-clock time). */
function utc(column: ColumnModel): SqlFragment {
  const x = column.expression;
  if (column.storage === "timestamptz") return sql`CAST(SWITCHOFFSET(${x}, '+00:00') AS datetime2(7))`;
  return column.fractionalDigits === undefined ? sql`CAST(${x} AS datetime2(7))` : x;
}

/** `toISOString()` text of a UTC datetime2: seconds by style 126, then the milliseconds (truncated). */
function isoText(u: SqlFragment): SqlFragment {
  return sql`(CONVERT(char(19), ${u}, 126) + '.' + RIGHT('00' + CAST(DATEPART(millisecond, ${u}) AS varchar(3)), 3) + 'Z')`;
}

/** The column's value as the row contract has it, for the select list and for min/max. */
function format(column: ColumnModel, expr: SqlFragment): SqlFragment {
  switch (column.storage) {
    case "castText":
      return unicode(expr);
    case "date":
      return sql`CONVERT(char(10), ${expr}, 23)`;
    case "timestamptz":
      return isoText(sql`CAST(SWITCHOFFSET(${expr}, '+00:00') AS datetime2(7))`);
    case "timestamp":
      return isoText(expr);
    case "time":
      // `13:20:00` for whole seconds (as Postgres writes it), else with time(n)'s digits.
      return sql`(CASE WHEN DATEPART(nanosecond, ${expr}) = 0 THEN CONVERT(char(8), ${expr}, 108) ELSE CAST(${expr} AS varchar(16)) END)`;
    case "uuid":
      return sql`LOWER(CONVERT(char(36), ${expr}))`;
    default:
      return expr;
  }
}

/** The engine compares and sorts instants to the millisecond; finer columns are truncated. */
function toMillisecond(column: ColumnModel): SqlFragment {
  const u = utc(column);
  const digits = column.fractionalDigits;
  return digits !== undefined && digits <= 3
    ? u
    : sql`DATEADD(nanosecond, -(DATEPART(nanosecond, ${u}) % 1000000), ${u})`;
}

function instantParam(column: ColumnModel, ms: number): SqlFragment {
  return column.storage === "timestamptz"
    ? sql`CAST(${param(isoOf(ms))} AS datetimeoffset(7))`
    : sql`CAST(${param(isoOf(ms).slice(0, -1))} AS datetime2(7))`;
}

function instantCompare(op: OrderingOperator, column: ColumnModel, ms: number): SqlFragment {
  const x = column.expression;
  const present = sql`(${x} IS NOT NULL)`;
  // Beyond the years 1..9999 every stored instant is on one side.
  if (ms < FIRST_INSTANT) return op === "gt" || op === "ge" ? present : FALSE;
  if (ms > LAST_INSTANT) return op === "lt" || op === "le" ? present : FALSE;
  // L + 1 ms may pass the last instant SQL Server holds: then no value is at least it.
  return millisecondRange(
    op,
    ms,
    (t) => (t > LAST_INSTANT ? raw("1 = 0") : sql`${x} >= ${instantParam(column, t)}`),
    (t) => (t > LAST_INSTANT ? sql`${x} IS NOT NULL` : sql`${x} < ${instantParam(column, t)}`),
  );
}

const LIKE_ESCAPE = "!";

/**
 * A LIKE pattern matching `needle` literally: `%`, `_` and `[` are wildcards, and `]` and `^`
 * special inside brackets (none can open once `[` is escaped, but an escaped character is always
 * itself, so they are escaped too), as is the escape character.
 */
function likePattern(test: TextTest, needle: string): string {
  const escaped = needle.replace(/[!%_[\]^]/g, (c) => `${LIKE_ESCAPE}${c}`);
  return test === "contains" ? `%${escaped}%` : test === "startswith" ? `${escaped}%` : `%${escaped}`;
}

/** Text whose every code unit is in U+0002..U+D7FF, which the binary collation orders by code point. */
const UNORDERABLE = raw(`(N'%[^' + NCHAR(2) + N'-' + NCHAR(55295) + N']%' COLLATE Latin1_General_100_BIN2)`);

function textExtreme(column: ColumnModel, method: "min" | "max") {
  const v = value(column);
  const fn = raw(method === "min" ? "MIN" : "MAX");
  const unorderable = sql`(${v} LIKE ${UNORDERABLE})`;
  // U+0001 after the text sorts below every character the ordered values hold, so a text
  // sorts before its extensions (no padding with spaces); it is taken off again.
  const terminated = sql`${fn}(CASE WHEN NOT ${unorderable} THEN (${v} + NCHAR(1)) COLLATE ${BIN2} END)`;
  return {
    ordered: sql`LEFT(${terminated}, LEN(${terminated}) - 1)`,
    others: sql`(N'[' + STRING_AGG(CASE WHEN ${unorderable} THEN N'"' + STRING_ESCAPE(${v}, 'json') + N'"' END, N',') + N']')`,
  };
}

/** The values as `Number()`-exact text, comma-separated: decimals in full, doubles in 17 digits. */
function numberList(column: ColumnModel): SqlFragment {
  const x = column.expression;
  const item =
    column.storage === "decimal"
      ? column.scale === undefined
        ? sql`CONVERT(varchar(50), ${x})`
        : sql`CONVERT(varchar(50), CAST(${x} AS decimal(38, ${raw(String(column.scale))})))`
      : sql`CONVERT(varchar(30), CAST(${x} AS float), 3)`;
  return sql`STRING_AGG(CAST(${item} AS varchar(max)), ',')`;
}

function sum(column: ColumnModel): SqlFragment {
  const x = column.expression;
  switch (column.storage) {
    case "int":
      return sql`SUM(CAST(${x} AS bigint))`;
    case "bigint":
      return sql`SUM(CAST(${x} AS decimal(38, 0)))`;
    default:
      return sql`SUM(${x})`;
  }
}

/** 10^scale as a float constant. */
function powerOfTen(scale: number): SqlFragment {
  return raw(`1e${scale}`);
}

function unitSum(column: ColumnModel, scale: number) {
  return unitSumOf(
    column.expression,
    powerOfTen(scale),
    raw("1e15"),
    (scaled) => sql`CAST(ROUND(${scaled}, 0) AS bigint)`,
  );
}

function extreme(column: ColumnModel, method: "min" | "max"): SqlFragment {
  const fn = raw(method === "min" ? "MIN" : "MAX");
  const x = column.expression;
  switch (column.storage) {
    case "text":
    case "castText":
      throw new Error("text min/max on SQL Server goes through textExtreme");
    case "boolean":
      // MIN/MAX take no bit: 0/1, which the row reader turns into false/true.
      return sql`${fn}(CAST(${x} AS tinyint))`;
    case "uuid":
      // A uniqueidentifier sorts by byte groups; the engine sorts the text.
      return sql`LOWER(${fn}(CONVERT(char(36), ${x}) COLLATE ${BIN2}))`;
    default:
      return format(column, sql`${fn}(${x})`);
  }
}

// --- constants ----------------------------------------------------------------------------------

const PLAIN_DECIMAL = /^[+-]?(\d*)(?:\.(\d+))?$/;

/** A decimal literal as the narrowest decimal(p, s) that holds it, or undefined past 38 digits. */
function decimalType(literal: string): SqlFragment | undefined {
  const m = PLAIN_DECIMAL.exec(literal);
  if (m === null) return undefined;
  const whole = (m[1] ?? "").replace(/^0+/, "").length;
  const scale = (m[2] ?? "").length;
  const precision = Math.max(1, whole + scale);
  return precision > 38 ? undefined : raw(`decimal(${precision}, ${scale})`);
}

/** A double as a float parameter: a number (knex binds it exactly), or its text past 2^53. */
function floatParam(value: number): SqlFragment {
  const bound = Number.isInteger(value) && !Number.isSafeInteger(value) ? String(value) : value;
  return sql`CAST(${param(bound)} AS float)`;
}

function constant(c: Constant): SqlFragment {
  switch (c.domain) {
    case "number": {
      const literal = c.literal;
      if (literal.kind === "integer") {
        if (literal.value >= INT8_MIN && literal.value <= INT8_MAX)
          return sql`CAST(${param(literal.value.toString())} AS bigint)`;
        const type = decimalType(literal.value.toString());
        return type === undefined
          ? floatParam(c.value)
          : sql`CAST(${param(literal.value.toString())} AS ${type})`;
      }
      if (literal.kind === "decimal") {
        const type = decimalType(literal.value);
        return type === undefined ? floatParam(c.value) : sql`CAST(${param(literal.value)} AS ${type})`;
      }
      return floatParam(c.value);
    }
    case "string":
      // tedious binds a string as nvarchar.
      return param(String(c.value));
    case "boolean":
      // ... and a boolean as bit.
      return param(c.value === true);
    case "date":
      return sql`CAST(${param(String(c.value))} AS date)`;
    case "time":
      return sql`CAST(${param(String(c.value))} AS time(7))`;
    case "guid":
      return sql`CAST(${param(String(c.value))} AS uniqueidentifier)`;
    default:
      throw new Error(`no SQL Server parameter for a ${c.domain} constant`);
  }
}

function outOfRange(c: Constant): "below" | "above" | undefined {
  if (c.domain === "number") {
    if (c.value === Number.POSITIVE_INFINITY) return "above";
    if (c.value === Number.NEGATIVE_INFINITY) return "below";
    return undefined;
  }
  if (c.domain === "date" && typeof c.value === "string") {
    const year = Number(/^(-?\d+)-/.exec(c.value)?.[1]);
    if (year < 1) return "below";
    if (year > 9999) return "above";
  }
  return undefined;
}

/**
 * Text equal to one of the constants: first as SQL Server compares (in the column's collation,
 * trailing spaces ignored), which an index on the column can serve, then exactly.
 */
function textIn(expr: SqlFragment, values: readonly SqlFragment[]): SqlFragment {
  const terminated = values.map((v) => sql`(${v} + N'|')`);
  if (values.length === 1) return sql`(${expr} = ${values[0]!} AND ${sealed(expr)} = ${terminated[0]!})`;
  return sql`(${expr} IN (${join(values, ", ")}) AND ${sealed(expr)} IN (${join(terminated, ", ")}))`;
}

// --- text functions -----------------------------------------------------------------------------

function textTest(test: TextTest, haystack: SqlFragment, needle: SqlFragment): SqlFragment {
  const h = sql`(${unicode(haystack)} COLLATE ${BIN2})`;
  const n = unicode(needle);
  // DATALENGTH of nvarchar is two bytes per UTF-16 code unit; LEFT and RIGHT count code units
  // in a non-supplementary collation, as JavaScript does.
  switch (test) {
    case "contains":
      // CHARINDEX finds no empty needle, which every text contains.
      return sql`(DATALENGTH(${n}) = 0 OR CHARINDEX(${n}, ${h}) > 0)`;
    case "startswith":
      return sql`(LEFT(${h}, DATALENGTH(${n}) / 2) + N'|' = ${n} + N'|')`;
    case "endswith":
      return sql`(RIGHT(${h}, DATALENGTH(${n}) / 2) + N'|' = ${n} + N'|')`;
  }
}

// --- catalog ------------------------------------------------------------------------------------

const DECIMAL_TYPES = new Set(["decimal", "numeric", "money", "smallmoney"]);
/** The types whose DATETIME_PRECISION is fractional digits kept (datetime's 3 are 1/300 s ticks). */
const TIMED_TYPES = new Set(["datetime2", "datetimeoffset", "time"]);

async function readCatalog(knex: Knex, run: SelectRunner, schema: string | undefined): Promise<RawTable[]> {
  const namespace = schema ?? DEFAULT_SCHEMA;
  // INFORMATION_SCHEMA's names in capitals (a case-sensitive catalog needs them so), read lower-cased.
  const tables = await run(
    knex
      .select("TABLE_NAME as table_name", "TABLE_TYPE as table_type")
      .from("INFORMATION_SCHEMA.TABLES")
      .where("TABLE_SCHEMA", namespace)
      .whereIn("TABLE_TYPE", ["BASE TABLE", "VIEW"])
      .orderBy("TABLE_NAME"),
  );
  const columns = await run(
    knex
      .select(
        "TABLE_NAME as table_name",
        "COLUMN_NAME as column_name",
        "DATA_TYPE as data_type",
        "IS_NULLABLE as is_nullable",
        "NUMERIC_PRECISION as numeric_precision",
        "NUMERIC_SCALE as numeric_scale",
        "CHARACTER_MAXIMUM_LENGTH as character_maximum_length",
        "DATETIME_PRECISION as datetime_precision",
      )
      .from("INFORMATION_SCHEMA.COLUMNS")
      .where("TABLE_SCHEMA", namespace)
      .orderBy(["TABLE_NAME", "ORDINAL_POSITION"]),
  );
  const keys = await run(
    knex
      .select("k.TABLE_NAME as table_name", "k.COLUMN_NAME as column_name")
      .from("INFORMATION_SCHEMA.TABLE_CONSTRAINTS as c")
      .join(
        knex.raw(
          "INFORMATION_SCHEMA.KEY_COLUMN_USAGE AS k ON k.CONSTRAINT_SCHEMA = c.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = c.CONSTRAINT_NAME AND k.TABLE_SCHEMA = c.TABLE_SCHEMA AND k.TABLE_NAME = c.TABLE_NAME",
        ),
      )
      .where("c.CONSTRAINT_TYPE", "PRIMARY KEY")
      .andWhere("c.TABLE_SCHEMA", namespace)
      .orderBy(["k.TABLE_NAME", "k.ORDINAL_POSITION"]),
  );
  const descriptions = new Map<string, string>();
  for (const row of await readDescriptions(knex, run, namespace)) {
    const description = text(row.description);
    if (description)
      descriptions.set(descriptionKey(text(row.table_name) ?? "", text(row.column_name) ?? ""), description);
  }
  return assembleCatalog({ tables, columns, keys, descriptions }, (c, description) => {
    // DATA_TYPE is the system type, also for alias types; CHARACTER_MAXIMUM_LENGTH is -1 for max.
    const dataType = (text(c.data_type) ?? "").toLowerCase();
    const type = { decimal: DECIMAL_TYPES.has(dataType), timed: TIMED_TYPES.has(dataType) };
    return informationSchemaColumn(c, dataType, type, description);
  });
}

/** `MS_Description` extended properties of tables, views and their columns; none where unavailable. */
async function readDescriptions(
  knex: Knex,
  run: SelectRunner,
  namespace: string,
): Promise<Record<string, unknown>[]> {
  try {
    return await run(
      knex
        .select(
          knex.raw("o.name AS table_name"),
          knex.raw("c.name AS column_name"),
          knex.raw("CAST(p.value AS nvarchar(4000)) AS description"),
        )
        .from(knex.raw("sys.extended_properties AS p"))
        .join(knex.raw("sys.objects AS o ON o.object_id = p.major_id"))
        .join(knex.raw("sys.schemas AS s ON s.schema_id = o.schema_id"))
        .leftJoin(knex.raw("sys.columns AS c ON c.object_id = p.major_id AND c.column_id = p.minor_id"))
        .where("p.class", 1)
        .andWhere("p.name", "MS_Description")
        .andWhere("s.name", namespace),
    );
  } catch {
    // Descriptions are a courtesy (Azure Synapse, for one, has no extended properties).
    return [];
  }
}

async function readFeatures(): Promise<DialectFeatures> {
  // LOWER/UPPER map case by the collation's tables, not by Unicode's full mapping.
  return { exactCaseMapping: false };
}

async function writeAccess(
  knex: Knex,
  run: SelectRunner,
  tables: readonly TableModel[],
): Promise<WriteAccessReport> {
  const writable = await writableEntitySets(tables, async (schema, table) => {
    const name = qualifiedName(schema ?? DEFAULT_SCHEMA, table);
    const rows = await run(
      knex.select(
        knex.raw(
          "CASE WHEN HAS_PERMS_BY_NAME(?, 'OBJECT', 'INSERT') = 1 OR HAS_PERMS_BY_NAME(?, 'OBJECT', 'UPDATE') = 1 OR HAS_PERMS_BY_NAME(?, 'OBJECT', 'DELETE') = 1 THEN 1 ELSE 0 END AS writable",
          [name, name, name],
        ),
      ),
    );
    return integer(rows[0]?.writable) === 1;
  });
  const [session] = await run(
    knex.select(
      knex.raw("USER_NAME() AS db_user"),
      knex.raw("CAST(DATABASEPROPERTYEX(DB_NAME(), 'Updateability') AS nvarchar(128)) AS updateability"),
      knex.raw("IS_SRVROLEMEMBER('sysadmin') AS sysadmin"),
      knex.raw("IS_MEMBER('db_owner') AS db_owner"),
    ),
  );
  const privileged =
    integer(session?.sysadmin) === 1
      ? "a member of the sysadmin server role"
      : integer(session?.db_owner) === 1
        ? "a member of the db_owner database role"
        : undefined;
  return writeAccessReport({
    user: text(session?.db_user) ?? "the connection's user",
    exposed: tables.length,
    writable,
    ...(text(session?.updateability) === "READ_ONLY"
      ? { readOnly: "The database is read-only (or a read-only replica)" }
      : {}),
    ...(privileged === undefined ? {} : { privileged }),
    grant: "grant it SELECT only (db_datareader)",
  });
}

// --- errors -------------------------------------------------------------------------------------

/** SQL Server error numbers (sys.messages; 4xxxx are Azure SQL's) by what a client can do about them. */
const ERROR_NUMBERS: ReadonlyMap<number, FailureKind> = new Map<number, FailureKind>([
  ...[207, 208, 4121].map((n) => [n, "missing-object"] as const),
  ...[229, 230, 262, 297, 300, 916].map((n) => [n, "permission"] as const),
  // Login failed (wrong user or password), untrusted domain, account locked, password expired.
  ...[18452, 18456, 18486, 18487, 18488].map((n) => [n, "credentials"] as const),
  // Cannot open the database the login asks for; database does not exist.
  ...[4060, 911].map((n) => [n, "missing-database"] as const),
  [17809, "no-connection-slots"],
  ...[233, 40197, 40613].map((n) => [n, "connection"] as const),
  ...[1205, 1222, 40501, 49918, 49919, 49920].map((n) => [n, "busy"] as const),
  ...[701, 802, 1105, 1204, 8623, 8645, 9002, 10928, 10929, 40544, 40549].map(
    (n) => [n, "resources"] as const,
  ),
  ...[220, 232, 241, 242, 245, 248, 517, 8114, 8115, 8134].map((n) => [n, "invalid-data"] as const),
  [3906, "read-only"],
]);

/** tedious's own codes (ConnectionError, RequestError) for failures without a server error number. */
const DRIVER_CODES: ReadonlyMap<string, FailureKind> = new Map<string, FailureKind>([
  ["EINSTLOOKUP", "unknown-host"],
  ...["ECLOSE", "ECONNRESET"].map((c) => [c, "connection"] as const),
  ["EENCRYPT", "tls"],
  ["EFEDAUTH", "credentials"],
]);

/**
 * tedious reports a failed login without the server's error number, in the server's words:
 * 4060 ("Cannot open database ... requested by the login") is told apart from the rest of
 * login failures (18456: wrong user or password) by them.
 */
function loginFailure(failure: unknown): FailureKind {
  return /^Cannot open database/i.test(text(field(failure, "message")) ?? "")
    ? "missing-database"
    : "credentials";
}

/** A socket failure: what Node said underneath (host unknown, refused, certificate), or its stage. */
function socketFailure(failure: unknown): FailureKind {
  const underneath = nodeFailureKind(text(field(field(failure, "cause"), "code")));
  if (underneath !== undefined) return underneath;
  return /^Connection lost/i.test(text(field(failure, "message")) ?? "") ? "connection" : "unreachable";
}

/** The error that carries the server's number (tedious wraps several in an AggregateError). */
function numbered(error: unknown): unknown {
  const errors = field(error, "errors");
  if (Array.isArray(errors)) return errors.find((e) => integer(field(e, "number")) !== undefined) ?? error;
  return error;
}

function classifyFailure(error: unknown): FailureClass {
  const failure = numbered(error);
  const number = integer(field(failure, "number"));
  if (number !== undefined) return { kind: ERROR_NUMBERS.get(number) ?? "unknown", code: String(number) };
  const code = text(field(failure, "code"));
  if (code === undefined || !/^E[A-Z]+$/.test(code)) return { kind: "unknown" };
  const request = (failure as { constructor?: { name?: unknown } }).constructor?.name === "RequestError";
  // A cancelled request (the connector's time limit, or an abort), or one past tedious's own
  // `requestTimeout`; a connection that timed out while connecting is a connection failure.
  if (code === "ECANCEL" || (code === "ETIMEOUT" && request))
    return { kind: "unknown", code, cancelled: true };
  if (code === "ETIMEOUT") return { kind: "unreachable", code };
  if (code === "ELOGIN") return { kind: loginFailure(failure), code };
  if (code === "ESOCKET") return { kind: socketFailure(failure), code };
  return { kind: nodeFailureKind(code) ?? DRIVER_CODES.get(code) ?? "unknown", code };
}

interface CancellableConnection {
  cancel?(): boolean;
}

export const mssqlDialect: SqlDialect = {
  name: "mssql",
  defaultSchema: DEFAULT_SCHEMA,
  canCancel: true,
  exactDecimalSums: true,
  quote,
  tableName: (schema, table) => quotedIdentifier(`${quote(schema ?? DEFAULT_SCHEMA)}.${quote(table)}`),
  readCatalog,
  readFeatures,
  columnType,
  filterOperators,
  sortable,
  read: (column) => format(column, column.expression),
  value,
  nanable: () => false,
  withoutNaN: (expr) => expr,
  notNaN: () => TRUE,
  constant,
  outOfRange,
  ordinal: sealed,
  exact: sealed,
  textIn,
  trimEnd: (expr) => sql`(RTRIM(${unicode(expr)}) COLLATE ${BIN2})`,
  roundTo: (expr, scale) => sql`(ROUND(${expr} * ${powerOfTen(scale)}, 0) / ${powerOfTen(scale)})`,
  nonZero: (expr) => sql`(CASE WHEN ${expr} <> 0 THEN 1 WHEN ${expr} = 0 THEN 0 END)`,
  instantCompare,
  instantKey: toMillisecond,
  instantDay: (column) => sql`CAST(${utc(column)} AS date)`,
  lower: (expr) => sql`LOWER(${expr})`,
  upper: (expr) => sql`UPPER(${expr})`,
  datePart(part, column) {
    const source = isInstant(column) ? utc(column) : column.expression;
    return sql`DATEPART(${DATE_PART_NAMES[part]}, ${source})`;
  },
  pattern: (test, haystack, needle) =>
    sql`(${haystack} LIKE (${param(likePattern(test, needle))} COLLATE ${BIN2}) ESCAPE ${raw(`'${LIKE_ESCAPE}'`)})`,
  textTest,
  // Never used: without exact case mapping `$search` is not advertised.
  searchMatch: (column, needle) =>
    sql`(CHARINDEX(${param(needle)}, LOWER(${unicode(value(column))}) COLLATE ${BIN2}) > 0)`,
  sortKey(column) {
    // Text is not sortable; this orders text keys as tie-breakers, by a total order of their own.
    if (isText(column.storage)) return sealed(value(column));
    if (isInstant(column)) return toMillisecond(column);
    if (column.storage === "uuid") return sql`(CONVERT(char(36), ${column.expression}) COLLATE ${BIN2})`;
    return column.expression;
  },
  sortDirection: (descending) => plainDirection(descending),
  pageWindow(limit, offset) {
    // OFFSET .. FETCH is what allows an ORDER BY in the derived table of a page; it needs FETCH
    // NEXT of at least one row (the connector never asks for none).
    if (limit === undefined) return sql` OFFSET ${param(offset)} ROWS`;
    if (limit < 1) throw new Error("a SQL Server page holds at least one row");
    return sql` OFFSET ${param(offset)} ROWS FETCH NEXT ${param(limit)} ROWS ONLY`;
  },
  groupKey: (column) => (isText(column.storage) ? sealed(value(column)) : format(column, column.expression)),
  // A group's texts are all the same text: any of them is the group's value.
  groupValue: (column) =>
    isText(column.storage) ? sql`MIN(${value(column)})` : format(column, column.expression),
  distinctKey(column) {
    if (isText(column.storage)) return sealed(value(column));
    if (isInstant(column)) return toMillisecond(column);
    return column.expression;
  },
  extreme,
  textExtreme,
  sum,
  numberList,
  unitSum,
  prepareConnection() {},
  async cancel(_knex, connection) {
    // tedious sends an attention signal: the server stops the statement and the request fails
    // with ECANCEL; the connection stays usable.
    (connection as CancellableConnection).cancel?.();
  },
  writeAccess,
  classifyFailure,
};
