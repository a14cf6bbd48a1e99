/**
 * SQLite (through knex's better-sqlite3 client): the catalog from sqlite_master and
 * pragma_table_info, and OData meaning spelled in SQLite SQL.
 *
 * Storage convention (SQLite has no date types; declare columns with these type names):
 * - DATE columns hold `YYYY-MM-DD` text.
 * - DATETIME / TIMESTAMP / TIMESTAMPTZ columns hold ISO 8601 text that SQLite's date functions
 *   read: `2024-03-01T13:20:00.000Z` (what `Date#toISOString()` writes) is the canonical form;
 *   other offsets and `YYYY-MM-DD HH:MM:SS` (taken as UTC) work because every read, comparison
 *   and sort goes through `strftime('%Y-%m-%dT%H:%M:%fZ', x)`, at millisecond resolution.
 *   Numbers (epoch or Julian days) are not supported.
 * - BOOLEAN columns hold 0 and 1.
 * - UUID / GUID columns hold the text form, in either case.
 * - TIME columns are read as text but never filtered or sorted in SQL.
 * - Every column holds values of its declared type (SQLite would let a text sit in an INTEGER
 *   column; the engine would then compare it differently).
 *
 * Text compares with `COLLATE BINARY` everywhere (UTF-8 byte order is code point order), so a
 * column declared `COLLATE NOCASE` still answers as the engine does. SQLite's own `lower()` and
 * `LIKE` only fold ASCII, so the connector registers `headgate_lower`/`headgate_upper` on each
 * connection (JavaScript's own case mapping) and matches text with `instr`, `substr` and `GLOB`.
 */
import type { PushableOperator } from "@headgate/model";
import type { Knex } from "knex";
import { isoOf } from "../literal-values.ts";
import { param, quotedIdentifier, raw, type SqlFragment, sql } from "../sql-fragment.ts";
import type { ColumnModel, Storage, TableModel } from "../table-model.ts";
import {
  type ColumnType,
  type DialectFeatures,
  explicitNullsDirection,
  type FailureClass,
  field,
  integer,
  limitOffset,
  type RawColumn,
  type RawTable,
  type SelectRunner,
  type SqlDialect,
  storageFilterOperators,
  type TextTest,
  text,
  unitSumOf,
  type WriteAccessReport,
} from "./dialect.ts";

const LOWER = "headgate_lower";
const UPPER = "headgate_upper";
const INSTANT_FORMAT = raw("'%Y-%m-%dT%H:%M:%fZ'");

function quote(name: string): string | undefined {
  // knex leaves `\?` escaped in SQLite SQL, so a name with `?` cannot be written safely.
  if (name.includes("?")) return undefined;
  return `\`${name.replace(/`/g, "``")}\``;
}

function filterOperators(storage: Storage, features: DialectFeatures): readonly PushableOperator[] {
  return storageFilterOperators(storage, features, { timeComparable: false, textOrdered: true });
}

const DECIMAL = /^(?:numeric|decimal)\s*\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\)/;

/** SQLite declared types, matched like SQLite's own affinity rules but finer. */
function columnType(column: RawColumn): ColumnType | undefined {
  const t = column.declaredType.trim();
  if (t === "") return undefined;
  if (/^(big\s*int|int8|unsigned big int)\b/.test(t)) return { type: "Edm.Int64", storage: "bigint" };
  if (/^bool/.test(t)) return { type: "Edm.Boolean", storage: "boolean" };
  if (/int/.test(t)) return { type: "Edm.Int32", storage: "int" };
  if (/^(datetime|timestamp)/.test(t)) return { type: "Edm.DateTimeOffset", storage: "timestamp" };
  if (/^date\b/.test(t)) return { type: "Edm.Date", storage: "date" };
  if (/^time\b/.test(t)) return { type: "Edm.TimeOfDay", storage: "time" };
  if (/^(uuid|guid|uniqueidentifier)\b/.test(t)) return { type: "Edm.Guid", storage: "uuid" };
  if (/^(numeric|decimal|money)/.test(t)) {
    const m = DECIMAL.exec(t);
    const precision = m?.[1] === undefined ? undefined : Number(m[1]);
    const scale = m === null ? undefined : Number(m[2] ?? 0);
    return {
      type: "Edm.Decimal",
      storage: "decimal",
      ...(precision === undefined ? {} : { precision }),
      ...(scale === undefined ? {} : { scale }),
    };
  }
  if (/real|floa|doub/.test(t)) return { type: "Edm.Double", storage: "double" };
  if (/char|clob|text|string/.test(t)) return { type: "Edm.String", storage: "text" };
  return undefined;
}

function isText(column: ColumnModel): boolean {
  return column.storage === "text" || column.storage === "castText";
}

function normalizedInstant(expr: SqlFragment): SqlFragment {
  return sql`strftime(${INSTANT_FORMAT}, ${expr})`;
}

function value(column: ColumnModel): SqlFragment {
  switch (column.storage) {
    case "timestamp":
    case "timestamptz":
      return normalizedInstant(column.expression);
    case "uuid":
      return sql`lower(${column.expression})`;
    default:
      return column.expression;
  }
}

function read(column: ColumnModel): SqlFragment {
  return column.storage === "timestamp" || column.storage === "timestamptz"
    ? normalizedInstant(column.expression)
    : column.expression;
}

function binary(expr: SqlFragment): SqlFragment {
  return sql`(${expr} COLLATE BINARY)`;
}

function globPattern(test: TextTest, needle: string): string {
  const escaped = needle.replace(/[[*?]/g, (c) => `[${c}]`);
  return test === "contains" ? `*${escaped}*` : test === "startswith" ? `${escaped}*` : `*${escaped}`;
}

const DATE_PARTS = {
  year: { from: 1, length: 4 },
  month: { from: 6, length: 2 },
  day: { from: 9, length: 2 },
} as const;

// --- catalog ------------------------------------------------------------------------------------

async function readCatalog(knex: Knex, run: SelectRunner, schema: string | undefined): Promise<RawTable[]> {
  const database = schema ?? "main";
  const master = database === "main" ? "sqlite_master" : `${database}.sqlite_master`;
  const tables = await run(
    knex
      .select("name", "type")
      .from(master)
      .whereIn("type", ["table", "view"])
      .whereRaw("substr(name, 1, 7) <> 'sqlite_'")
      .orderBy("name"),
  );
  const out: RawTable[] = [];
  for (const row of tables) {
    const name = text(row.name);
    if (name === undefined) continue;
    const info = await run(
      knex
        .select("name", "type", "notnull", "pk")
        .from(knex.raw("pragma_table_info(?, ?)", [name, database]))
        .orderBy("cid"),
    );
    const columns: RawColumn[] = info.map((c) => ({
      name: text(c.name) ?? "",
      declaredType: (text(c.type) ?? "").toLowerCase(),
      nullable: integer(c.notnull) !== 1,
    }));
    const primaryKey = info
      .filter((c) => (integer(c.pk) ?? 0) > 0)
      .sort((a, b) => (integer(a.pk) ?? 0) - (integer(b.pk) ?? 0))
      .map((c) => text(c.name) ?? "");
    out.push({ name, kind: row.type === "view" ? "view" : "table", columns, primaryKey });
  }
  return out;
}

interface SqliteDatabase {
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
  readonly readonly: boolean;
}

function asDatabase(connection: unknown): SqliteDatabase | undefined {
  return typeof field(connection, "function") === "function" ? (connection as SqliteDatabase) : undefined;
}

const prepared = new WeakSet<object>();

function prepareConnection(connection: unknown): void {
  const db = asDatabase(connection);
  if (db === undefined || prepared.has(db)) return;
  db.function(LOWER, { deterministic: true }, (v) => (typeof v === "string" ? v.toLowerCase() : v));
  db.function(UPPER, { deterministic: true }, (v) => (typeof v === "string" ? v.toUpperCase() : v));
  prepared.add(db);
}

interface PooledClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

async function withConnection<T>(knex: Knex, use: (connection: unknown) => Promise<T> | T): Promise<T> {
  const client = knex.client as unknown as PooledClient;
  const connection = await client.acquireConnection();
  try {
    return await use(connection);
  } finally {
    await client.releaseConnection(connection);
  }
}

async function readFeatures(knex: Knex): Promise<DialectFeatures> {
  // The case-mapping functions are JavaScript's own, registered on each connection.
  return { exactCaseMapping: await withConnection(knex, (c) => asDatabase(c) !== undefined) };
}

async function writeAccess(
  knex: Knex,
  run: SelectRunner,
  tables: readonly TableModel[],
): Promise<WriteAccessReport> {
  const readonly = await withConnection(knex, (c) => asDatabase(c)?.readonly === true);
  const [pragma] = await run(knex.select("query_only").from(knex.raw("pragma_query_only")));
  const queryOnly = integer(pragma?.query_only) === 1;
  if (readonly || queryOnly) {
    return {
      canWrite: false,
      writableEntitySets: [],
      summary: readonly
        ? "The SQLite database is opened read-only."
        : "The SQLite connection is in query-only mode.",
    };
  }
  return {
    canWrite: tables.length > 0,
    writableEntitySets: tables.filter((t) => t.kind === "table").map((t) => t.entitySet.name),
    summary:
      "The SQLite database is opened for writing. Headgate only reads, but opening it read-only ({ readonly: true }) is safer.",
  };
}

function classifyFailure(error: unknown): FailureClass {
  const code = text(field(error, "code"));
  if (code === undefined || !code.startsWith("SQLITE_")) return { kind: "unknown" };
  const message = text(field(error, "message")) ?? "";
  if (/no such (table|column|function)/.test(message)) return { kind: "missing-object", code };
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) return { kind: "busy", code };
  if (code.startsWith("SQLITE_CANTOPEN") || code.startsWith("SQLITE_NOTADB"))
    return { kind: "missing-database", code };
  if (code.startsWith("SQLITE_AUTH") || code.startsWith("SQLITE_PERM")) return { kind: "permission", code };
  if (code.startsWith("SQLITE_NOMEM") || code.startsWith("SQLITE_FULL") || code.startsWith("SQLITE_TOOBIG"))
    return { kind: "resources", code };
  if (code.startsWith("SQLITE_READONLY")) return { kind: "read-only", code };
  if (code.startsWith("SQLITE_MISMATCH") || code.startsWith("SQLITE_RANGE"))
    return { kind: "invalid-data", code };
  return { kind: "unknown", code };
}

/** 10^scale as a real constant. */
function powerOfTen(scale: number): SqlFragment {
  return raw(`1e${scale}`);
}

function unitSum(column: ColumnModel, scale: number) {
  return unitSumOf(
    value(column),
    powerOfTen(scale),
    raw("1e15"),
    (scaled) => sql`CAST(round(${scaled}) AS INTEGER)`,
  );
}

export const sqliteDialect: SqlDialect = {
  name: "sqlite",
  defaultSchema: undefined,
  canCancel: false,
  exactDecimalSums: false,
  quote,
  tableName(schema, table) {
    const t = quote(table);
    if (t === undefined) return undefined;
    if (schema === undefined || schema === "main") return quotedIdentifier(t);
    const s = quote(schema);
    return s === undefined ? undefined : quotedIdentifier(`${s}.${t}`);
  },
  readCatalog,
  readFeatures,
  columnType,
  filterOperators,
  sortable: (storage) => storage !== "time",
  read,
  value,
  nanable: () => false,
  withoutNaN: (expr) => expr,
  notNaN: () => raw("(1 = 1)"),
  constant(constant) {
    switch (constant.domain) {
      case "number":
        return param(constant.value);
      case "boolean":
        return param(constant.value === true ? 1 : 0);
      case "string":
      case "date":
      case "time":
        return param(String(constant.value));
      case "guid":
        return param(String(constant.value).toLowerCase());
      default:
        throw new Error(`no SQLite parameter for a ${constant.domain} constant`);
    }
  },
  ordinal: binary,
  exact: binary,
  trimEnd: (expr) => sql`rtrim(${expr})`,
  roundTo: (expr, scale) => sql`(round(${expr} * ${powerOfTen(scale)}) / ${powerOfTen(scale)})`,
  nonZero: (expr) => sql`(${expr} <> 0)`,
  instantCompare(op, column, ms) {
    const v = normalizedInstant(column.expression);
    const iso = param(isoOf(ms));
    switch (op) {
      case "eq":
        return sql`(${v} = ${iso})`;
      case "gt":
        return sql`(${v} > ${iso})`;
      case "ge":
        return sql`(${v} >= ${iso})`;
      case "lt":
        return sql`(${v} < ${iso})`;
      case "le":
        return sql`(${v} <= ${iso})`;
    }
  },
  instantKey: (column) => normalizedInstant(column.expression),
  instantDay: (column) => sql`substr(${normalizedInstant(column.expression)}, 1, 10)`,
  lower: (expr) => sql`${raw(LOWER)}(${expr})`,
  upper: (expr) => sql`${raw(UPPER)}(${expr})`,
  datePart(part, column) {
    const { from, length } = DATE_PARTS[part];
    return sql`CAST(substr(${value(column)}, ${raw(String(from))}, ${raw(String(length))}) AS INTEGER)`;
  },
  pattern: (test, haystack, needle) => sql`(${haystack} GLOB ${param(globPattern(test, needle))})`,
  textTest(test, haystack, needle) {
    switch (test) {
      case "contains":
        return sql`(instr(${haystack}, ${needle}) > 0)`;
      case "startswith":
        return sql`(substr(${haystack}, 1, length(${needle})) = ${binary(needle)})`;
      case "endswith":
        return sql`(length(${needle}) = 0 OR substr(${haystack}, -length(${needle})) = ${binary(needle)})`;
    }
  },
  searchMatch: (column, needle) => sql`(instr(${raw(LOWER)}(${column.expression}), ${param(needle)}) > 0)`,
  sortDirection: explicitNullsDirection,
  pageWindow: limitOffset,
  sortKey: (column) => (isText(column) ? binary(column.expression) : value(column)),
  groupKey: (column) => (isText(column) ? binary(column.expression) : read(column)),
  distinctKey: (column) => (isText(column) ? binary(column.expression) : value(column)),
  extreme(column, method) {
    const fn = raw(method === "min" ? "MIN" : "MAX");
    return sql`${fn}(${isText(column) ? binary(column.expression) : read(column)})`;
  },
  sum: (column) => sql`SUM(${column.expression})`,
  unitSum,
  prepareConnection,
  async cancel() {
    // better-sqlite3 runs a statement synchronously; scans stop between pages instead.
  },
  writeAccess,
  classifyFailure,
};
