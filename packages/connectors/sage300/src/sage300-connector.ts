/**
 * Sage 300 Construction and Real Estate (formerly Timberline Office) as entity sets: Jobs,
 * CostCodes, Categories, JobCostTransactions (current and history tables as one set),
 * Commitments, Vendors, ApInvoices, GlAccounts and ArCustomers, over a SQL copy of the company
 * database under Sage's standard table names.
 *
 * It is the generic SQL connector configured with Sage's tables and value conventions
 * (sage-tables.ts): every filter, `$search`, ordering, page, count and aggregate is pushed into
 * one SQL statement with the engine's exact semantics, over trimmed keys, blanks as null and
 * money to the cent. It only ever issues SELECT statements; `checkWriteAccess()` (and
 * `inspect()`) tell the administrator when the database user could write anyway.
 *
 * Dialects: Postgres and SQLite copies are supported and tested against real databases. SQL
 * Server (the replica Sage SQL Replicator keeps, SQL Server 2017 or later) goes through the SQL
 * connector's SQL Server dialect, with the same conventions: padded keys compared exactly (and
 * by a plain comparison first, so the key's index serves it), money summed in whole cents. Its
 * statements are tested on a scripted driver only: no SQL Server has run them yet. Text is not
 * ordered in SQL Server (its binary order is not code point order), so `$orderby` on a text
 * property is evaluated by the engine there. The Timberline ODBC driver is not reachable from
 * here: it needs a 32-bit Windows ODBC bridge, which does not exist yet (see
 * docs/connectors/sage300.md).
 */
import type {
  Connector,
  ConnectorCapabilities,
  ConnectorInspection,
  ConnectorStats,
  LeftOutItem,
  ScanPage,
  ScanRequest,
} from "@headgate/connector-kit";
import {
  createSqlConnector,
  type SqlTableOptions,
  type TableMapping,
  type WriteAccessReport,
} from "@headgate/connector-sql";
import type { EntitySetDef } from "@headgate/model";
import type { Knex } from "knex";
import { sageTables } from "./sage-tables.ts";

export interface Sage300ConnectorOptions {
  /** A knex instance on the Sage copy (`pg`, `better-sqlite3` or `mssql` client); the caller owns it. */
  readonly knex: Knex;
  /** `mssql` for a Sage SQL Replicator database on SQL Server. */
  readonly dialect: "postgres" | "sqlite" | "mssql";
  /** Postgres schema (default `public`), attached SQLite database (default `main`) or SQL Server schema (default `dbo`) holding the tables. */
  readonly schema?: string;
  /** Longest a single statement may run, in milliseconds (default 30 000). */
  readonly timeoutMs?: number;
  /** Most rows one scan may read; a scan that would read more fails (default: no limit). */
  readonly maxRows?: number;
  /** Rows per statement when a result streams in pages (default 1000). */
  readonly pageSize?: number;
  /** Postgres: keep statements prepared per connection (default true; false behind PgBouncer's transaction mode). */
  readonly preparedStatements?: boolean;
  /**
   * Keys are stored padded with spaces to Sage's standard widths (Job 10, Cost_Code 12, ...),
   * so equality compares the stored column with the padded value and key indexes serve it
   * (default true). Set false for a copy whose keys are padded otherwise (or trimmed): keys are
   * then compared trimmed, which is always right but cannot use an index.
   */
  readonly fixedWidthKeys?: boolean;
  /**
   * Money columns (doubles in Sage) hold whole cents, as Sage enters and stores them: they are
   * compared and ordered as stored (as fast as plain SQL) and summed as whole cents, exact to
   * the cent (default true). Set false for a copy that may hold sub-cent residue: money is then
   * rounded to the cent wherever it is used (exact whatever is stored, somewhat slower).
   */
  readonly moneyInCents?: boolean;
  /**
   * Replaces the allowed values of a property, keyed `EntitySet/Property` (e.g.
   * `Jobs/Status`), or removes them (`null`), for a company whose data uses values beyond
   * Sage's standard vocabulary. The engine rejects filters on values outside the list.
   */
  readonly allowedValues?: Readonly<Record<string, readonly string[] | null>>;
}

export interface Sage300Connector extends Connector {
  readonly kind: "sage300";
  /** Reads the schema again; the next scans use the new model. */
  refresh(): Promise<readonly EntitySetDef[]>;
  /**
   * What the administrator should know: Sage tables or columns the copy lacks, and whether the
   * database user could change data (the connector itself never does).
   */
  inspect(): Promise<ConnectorInspection>;
  /** The Sage tables and columns behind each entity set. */
  mappings(): Promise<readonly TableMapping[]>;
  /** Whether the database user could change data; connect as a read-only user instead. */
  checkWriteAccess(): Promise<WriteAccessReport>;
}

export function createSage300Connector(options: Sage300ConnectorOptions): Sage300Connector {
  const tables = withAllowedValues(
    sageTables({
      fixedWidthKeys: options.fixedWidthKeys ?? true,
      moneyInCents: options.moneyInCents ?? true,
    }),
    options.allowedValues ?? {},
  );
  const sql = createSqlConnector({
    knex: options.knex,
    dialect: options.dialect,
    tables,
    ...(options.schema === undefined ? {} : { schema: options.schema }),
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.maxRows === undefined ? {} : { maxRows: options.maxRows }),
    ...(options.pageSize === undefined ? {} : { pageSize: options.pageSize }),
    ...(options.preparedStatements === undefined ? {} : { preparedStatements: options.preparedStatements }),
  });
  return {
    kind: "sage300",
    get capabilities(): ConnectorCapabilities {
      return sql.capabilities;
    },
    describe: () => sql.describe(),
    refresh: () => sql.refresh(),
    mappings: () => sql.mappings(),
    checkWriteAccess: () => sql.checkWriteAccess(),
    async inspect() {
      const { leftOut, warnings } = await sql.inspect();
      return { leftOut: leftOut.map(asSageItem), warnings };
    },
    scan: (request: ScanRequest, stats?: ConnectorStats): AsyncIterable<ScanPage> => sql.scan(request, stats),
  };
}

/**
 * Sage's tables are built in, not listed in the connection's settings: what the copy lacks is
 * fixed in the copy (or the schema setting), never by settings entries.
 */
function asSageItem(item: LeftOutItem): LeftOutItem {
  const { setting: _builtIn, ...rest } = item;
  return {
    ...rest,
    fix: {
      message:
        item.reason === "NotFound"
          ? "The database copy lacks this Sage table or column: check the connection's schema, that the copy includes it, and that the database user may read it."
          : item.fix.message,
    },
  };
}

function withAllowedValues(
  tables: readonly SqlTableOptions[],
  overrides: Readonly<Record<string, readonly string[] | null>>,
): SqlTableOptions[] {
  return tables.map((table) => ({
    ...table,
    properties: table.properties?.map((property) => {
      const key = `${table.entitySet}/${property.name}`;
      if (!Object.hasOwn(overrides, key)) return property;
      const values = overrides[key];
      const { allowedValues: _dropped, ...rest } = property;
      return values === null || values === undefined ? rest : { ...rest, allowedValues: values };
    }),
  }));
}
