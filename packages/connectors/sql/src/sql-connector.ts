/**
 * A connector over a SQL database (Postgres, SQLite or SQL Server) through knex: it describes
 * tables and views as entity sets and answers scans with one SELECT per page, pushing filters,
 * `$search`, ordering, paging, counts and aggregation into SQL with exactly the engine's
 * semantics (what a database cannot evaluate exactly, its dialect does not advertise).
 *
 * A table's configuration may map each property to a column with a value convention (padded
 * text read trimmed, blanks read as null, money in doubles as decimals, 0/1 as booleans) and may
 * gather several tables with the same columns into one entity set (`UNION ALL`); both are one
 * SQL expression per property (table-model.ts), used wherever the property is referenced, so
 * every pushed operation keeps the engine's semantics over the exposed values.
 *
 * It only reads: every statement goes through `build-queries.ts` and is checked to be a SELECT
 * before it runs. `checkWriteAccess()` tells an administrator whether the database user could
 * write anyway, so they can give it a read-only role.
 */
import {
  assertScanAdvertised,
  type Connector,
  type ConnectorCapabilities,
  type ConnectorInspection,
  type ConnectorStats,
  type ConnectorWarning,
  ScanContractError,
  type ScanPage,
  type ScanRequest,
} from "@headgate/connector-kit";
import type { EntitySetDef, Row } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import type { Knex } from "knex";
import { buildPageSelect, buildSelect } from "./build-queries.ts";
import { compileSqlAggregation } from "./compile-aggregation.ts";
import { compileSqlFilter } from "./compile-filter.ts";
import { compileSqlOrder } from "./compile-order.ts";
import { compileSqlSearch } from "./compile-search.ts";
import type { SelectRunner, SqlDialect, WriteAccessReport } from "./dialects/dialect.ts";
import { mssqlDialect } from "./dialects/mssql.ts";
import { postgresDialect } from "./dialects/postgres.ts";
import { sqliteDialect } from "./dialects/sqlite.ts";
import { type Introspection, introspectSchema, type SqlTableOptions } from "./introspect-schema.ts";
import { readNumber, rowReader } from "./read-row.ts";
import { QueryRunner, type RunOptions } from "./run-query.ts";
import { and, raw, type SqlFragment, sql } from "./sql-fragment.ts";
import type { ColumnModel, TableModel, TextConvention } from "./table-model.ts";
import { tooManyRowsError } from "./upstream-error.ts";

export interface SqlConnectorOptions {
  /** A knex instance for the database (`pg`, `better-sqlite3` or `mssql` client); the caller owns it. */
  readonly knex: Knex;
  readonly dialect: "postgres" | "sqlite" | "mssql";
  /** Postgres schema (default `public`), attached SQLite database (default `main`) or SQL Server schema (default `dbo`). */
  readonly schema?: string;
  /** Tables and views to expose; default: every table and view of the schema that has a key. */
  readonly tables?: readonly SqlTableOptions[];
  /** Longest a single statement may run, in milliseconds (default 30 000); the engine's deadline also applies. */
  readonly timeoutMs?: number;
  /** Most rows one scan may read; a scan that would read more fails (default: no limit). */
  readonly maxRows?: number;
  /**
   * Rows per statement when a result streams in pages (default 1000). A window of up to twice
   * this size (the engine asks for a page plus one row) is read in one statement.
   */
  readonly pageSize?: number;
  /**
   * Postgres: keep statements prepared on each pooled connection (default true). Set false
   * behind a pooler that cannot keep them (PgBouncer in transaction mode before 1.21).
   */
  readonly preparedStatements?: boolean;
}

/** Which table (or union of tables) and columns stand behind an entity set. */
export interface TableMapping {
  readonly entitySet: string;
  readonly schema: string | undefined;
  readonly table: string;
  /** For a union: every table the rows come from. */
  readonly tables?: readonly string[];
  readonly columns: readonly {
    readonly property: string;
    readonly column: string;
    readonly convention?: TextConvention;
  }[];
}

export interface SqlConnector extends Connector {
  readonly kind: "sql";
  /** Reads the schema again (after a migration); the next scans use the new model. */
  refresh(): Promise<readonly EntitySetDef[]>;
  /**
   * What the schema reading left out (why, and how to include it), settings without effect,
   * and whether the database user could write.
   */
  inspect(): Promise<ConnectorInspection>;
  mappings(): Promise<readonly TableMapping[]>;
  /** Whether the database user could change data (the connector itself never does). */
  checkWriteAccess(): Promise<WriteAccessReport>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_PAGE_SIZE = 1000;

const KNEX_CLIENTS: Readonly<Record<SqlDialect["name"], readonly string[]>> = {
  postgres: ["postgresql", "postgres", "pg"],
  sqlite: ["sqlite3", "better-sqlite3"],
  mssql: ["mssql"],
};

const DIALECTS: Readonly<Record<SqlDialect["name"], SqlDialect>> = {
  postgres: postgresDialect,
  sqlite: sqliteDialect,
  mssql: mssqlDialect,
};

function dialectFor(options: SqlConnectorOptions): SqlDialect {
  const dialect = Object.hasOwn(DIALECTS, options.dialect) ? DIALECTS[options.dialect] : undefined;
  if (dialect === undefined) {
    throw new ODataError({
      code: "InvalidConfiguration",
      status: 500,
      message: `The SQL connection names an unknown dialect '${String(options.dialect)}' (postgres, sqlite or mssql).`,
    });
  }
  const client = String((options.knex.client as { dialect?: unknown }).dialect ?? "");
  if (!KNEX_CLIENTS[dialect.name].includes(client)) {
    throw new ODataError({
      code: "InvalidConfiguration",
      status: 500,
      message: `The SQL connection is configured as '${options.dialect}' but its knex client is '${client}'.`,
    });
  }
  return dialect;
}

interface State extends Introspection {
  readonly byName: ReadonlyMap<string, TableModel>;
  readonly search: boolean;
}

export function createSqlConnector(options: SqlConnectorOptions): SqlConnector {
  const dialect = dialectFor(options);
  const knex = options.knex;
  const runner = new QueryRunner(knex, dialect, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, {
    prepared: options.preparedStatements ?? true,
  });
  const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
  const run: SelectRunner = (builder) => runner.rows(builder);
  let loading: Promise<State> | undefined;
  let current: State | undefined;

  async function load(): Promise<State> {
    const introspection = await introspectSchema(knex, run, dialect, options.schema, options.tables);
    const byName = new Map(introspection.tables.map((t) => [t.entitySet.name, t] as const));
    const marked = introspection.tables.some((t) =>
      t.entitySet.entityType.properties.some((p) => p.capabilities.searchable),
    );
    current = { ...introspection, byName, search: marked && introspection.features.exactCaseMapping };
    return current;
  }

  function state(): Promise<State> {
    if (loading === undefined) {
      loading = load();
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  }

  const connector: SqlConnector = {
    kind: "sql",
    get capabilities(): ConnectorCapabilities {
      return {
        projection: true,
        filter: true,
        orderBy: true,
        paging: "offset",
        count: true,
        search: current?.search ?? false,
        aggregation: true,
      };
    },
    async describe() {
      return (await state()).tables.map((t) => t.entitySet);
    },
    async refresh() {
      loading = undefined;
      return connector.describe();
    },
    async inspect() {
      const { leftOut, warnings, tables } = await state();
      return { leftOut, warnings: [...warnings, ...(await writeAccessWarnings(tables))] };
    },
    async mappings() {
      return (await state()).tables.map((t) => ({
        entitySet: t.entitySet.name,
        schema: t.schema,
        table: t.table,
        ...(t.members.length > 1 ? { tables: t.members } : {}),
        columns: [...t.columns.values()].map((c) => ({
          property: c.property,
          column: c.column,
          ...(c.convention === undefined ? {} : { convention: c.convention }),
        })),
      }));
    },
    async checkWriteAccess() {
      return dialect.writeAccess(knex, run, (await state()).tables);
    },
    scan(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> {
      return scanPages(request, stats);
    },
  };

  async function* scanPages(request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> {
    const { byName } = await state();
    const table = byName.get(request.entitySet);
    if (table === undefined) {
      throw new ODataError({
        code: "UnknownEntitySet",
        status: 404,
        message: `this SQL connection has no entity set '${request.entitySet}'`,
        target: request.entitySet,
      });
    }
    assertAdvertised(request, table, connector.capabilities);
    const where = whereOf(request, table);
    const runOptions: RunOptions = {
      signal: request.signal,
      deadline: request.deadline,
      ...(stats === undefined ? {} : { stats }),
      entitySet: table.entitySet.name,
    };
    const select = (spec: Omit<Parameters<typeof buildSelect>[1], "from" | "where">) =>
      runner.rows(buildSelect(knex, { from: table.from, ...(where ? { where } : {}), ...spec }), runOptions);

    if (request.aggregation) {
      const compiled = compileSqlAggregation(request.aggregation, table, dialect);
      const records = await select({
        columns: compiled.columns,
        groupBy: compiled.groupBy,
        orderBy: compiled.orderBy,
      });
      yield { rows: records.map(compiled.read) };
      return;
    }

    const count = request.count
      ? (readNumber((await select({ columns: [raw("COUNT(*) AS c0")] }))[0]?.c0) ?? 0)
      : undefined;
    const columns = selectedColumns(request, table);
    const list = columns.map((c, i) => sql`${dialect.read(c)} AS ${raw(`c${i}`)}`);
    const read = rowReader(columns);
    const orderBy = compileSqlOrder(request.orderBy, table, dialect);
    const skip = request.skip ?? 0;
    const top = request.top;
    // The engine asks for a page plus one row; such a window is one statement. Longer or open
    // reads go in statements of pageSize rows, so memory stays bounded.
    const chunk = top !== undefined && top <= 2 * pageSize ? Math.max(top, 1) : pageSize;
    let delivered = 0;
    for (let first = true; ; first = false) {
      const want = top === undefined ? chunk : Math.min(chunk, top - delivered);
      let rows: Row[] = [];
      if (want > 0) {
        // One more row than the budget allows tells a full result from one that is too large.
        const budget = options.maxRows === undefined ? want : Math.min(want, options.maxRows - delivered + 1);
        const records = await runner.rows(
          buildPageSelect(knex, dialect, {
            from: table.from,
            ...(where ? { where } : {}),
            columns: list,
            orderBy,
            limit: budget,
            offset: skip + delivered,
          }),
          runOptions,
        );
        if (options.maxRows !== undefined && delivered + records.length > options.maxRows)
          throw tooManyRowsError(options.maxRows, table.entitySet.name);
        rows = records.map(read);
        delivered += rows.length;
      }
      if (first || rows.length > 0) yield first && count !== undefined ? { rows, count } : { rows };
      if (want <= 0 || rows.length < want || (top !== undefined && delivered >= top)) return;
    }
  }

  /** A user that could write is worth a warning; so is not knowing. */
  async function writeAccessWarnings(tables: readonly TableModel[]): Promise<ConnectorWarning[]> {
    try {
      const access = await dialect.writeAccess(knex, run, tables);
      return access.canWrite ? [{ code: "UserCanWrite", message: access.summary }] : [];
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [
        {
          code: "WriteAccessUnknown",
          message: `Whether the database user could write was not checked: ${reason}`,
        },
      ];
    }
  }

  function whereOf(request: ScanRequest, table: TableModel): SqlFragment | undefined {
    const parts: SqlFragment[] = [];
    if (request.filter) parts.push(compileSqlFilter(request.filter, { table, dialect }));
    if (request.search) parts.push(compileSqlSearch(request.search, table, dialect));
    return parts.length === 0 ? undefined : and(parts);
  }

  return connector;
}

function assertAdvertised(
  request: ScanRequest,
  table: TableModel,
  capabilities: ConnectorCapabilities,
): void {
  try {
    assertScanAdvertised(request, table.entitySet, capabilities);
  } catch (error) {
    if (!(error instanceof ScanContractError)) throw error;
    throw new ODataError({
      code: "InternalError",
      status: 500,
      message: `The query planner asked the SQL connection for more than it advertised: ${error.message}`,
      target: table.entitySet.name,
    });
  }
}

function selectedColumns(request: ScanRequest, table: TableModel): ColumnModel[] {
  if (request.select === undefined) return [...table.columns.values()];
  return request.select.map((name) => {
    const column = table.columns.get(name);
    if (column === undefined) {
      throw new ODataError({
        code: "UnknownProperty",
        status: 400,
        message: `entity set '${table.entitySet.name}' has no property '${name}'`,
        target: name,
      });
    }
    return column;
  });
}
