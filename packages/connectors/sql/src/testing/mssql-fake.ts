/**
 * Test bed for the SQL Server dialect where no SQL Server runs: a knex `mssql` client whose
 * driver (tedious) is replaced by a script. knex compiles every statement exactly as it would
 * send it (`@p0`, `@p1`... bound as tedious parameters); the script records it and answers
 * catalog reads from SQL Server-shaped rows (INFORMATION_SCHEMA, sys.extended_properties,
 * HAS_PERMS_BY_NAME) and any other statement from rows the test queues, in tedious's row shape.
 * It shows what the connector sends and how it reads answers; not that SQL Server agrees.
 */
import knexFactory, { type Knex } from "knex";
import { RequestError } from "tedious";

export interface FakeColumn {
  readonly name: string;
  /** INFORMATION_SCHEMA.COLUMNS.DATA_TYPE, as SQL Server spells it (`nvarchar`, `datetimeoffset`). */
  readonly type: string;
  readonly nullable?: boolean;
  readonly precision?: number;
  readonly scale?: number;
  /** CHARACTER_MAXIMUM_LENGTH: characters, -1 for `max`. */
  readonly maxLength?: number;
  /** DATETIME_PRECISION. */
  readonly fractionalDigits?: number;
  readonly description?: string;
}

export interface FakeTable {
  readonly name: string;
  readonly kind?: "table" | "view";
  readonly columns: readonly FakeColumn[];
  readonly primaryKey?: readonly string[];
  readonly description?: string;
}

export interface Statement {
  readonly sql: string;
  readonly bindings: readonly unknown[];
}

export interface FakeConnection {
  /** tedious's `Connection#cancel`: stops the running request, which then fails with ECANCEL. */
  cancel(): boolean;
  cancels: number;
}

export interface FakeSqlServer {
  readonly knex: Knex;
  /** Every statement sent, as sent. */
  readonly statements: Statement[];
  readonly connection: FakeConnection;
  /** Rows for the next statements that are not catalog reads, one list per statement. */
  answer(...results: readonly Record<string, unknown>[][]): void;
  /** The next statement that is not a catalog read fails with this error. */
  fail(error: Error): void;
  /** The next statement that is not a catalog read runs until it is cancelled. */
  hang(): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  readonly tables: readonly FakeTable[];
  /** Qualified names (`[dbo].[Jobs]`) the user may insert into, update or delete from. */
  readonly writable?: readonly string[];
  readonly readOnlyDatabase?: boolean;
  /** The user is a member of a role that may change anything. */
  readonly privileged?: "sysadmin" | "db_owner";
  /** `sys.extended_properties` is missing (Azure Synapse). */
  readonly noExtendedProperties?: boolean;
}

interface CompiledQuery {
  sql: string;
  bindings: unknown[];
  response?: unknown;
}

interface ScriptedClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<void>;
  _query(connection: unknown, query: CompiledQuery): Promise<CompiledQuery>;
}

type Script = { rows: Record<string, unknown>[] } | { error: Error } | { hang: true };

function catalogRows(
  sql: string,
  bindings: readonly unknown[],
  options: FakeOptions,
): Record<string, unknown>[] | undefined {
  const { tables } = options;
  // The catalog queries alias INFORMATION_SCHEMA's columns to lower case; SQL Server answers so.
  if (sql.includes("[INFORMATION_SCHEMA].[TABLES]"))
    return tables.map((t) => ({ table_name: t.name, table_type: t.kind === "view" ? "VIEW" : "BASE TABLE" }));
  if (sql.includes("[INFORMATION_SCHEMA].[COLUMNS]"))
    return tables.flatMap((t) =>
      t.columns.map((c) => ({
        table_name: t.name,
        column_name: c.name,
        data_type: c.type,
        is_nullable: c.nullable === false ? "NO" : "YES",
        numeric_precision: c.precision ?? null,
        numeric_scale: c.scale ?? null,
        character_maximum_length: c.maxLength ?? null,
        datetime_precision: c.fractionalDigits ?? null,
      })),
    );
  if (sql.includes("[INFORMATION_SCHEMA].[TABLE_CONSTRAINTS]"))
    return tables.flatMap((t) => (t.primaryKey ?? []).map((k) => ({ table_name: t.name, column_name: k })));
  if (sql.includes("sys.extended_properties")) {
    if (options.noExtendedProperties)
      throw new RequestError("Invalid object name 'sys.extended_properties'.", "EREQUEST");
    return tables.flatMap((t) => [
      ...(t.description ? [{ table_name: t.name, column_name: null, description: t.description }] : []),
      ...t.columns.flatMap((c) =>
        c.description ? [{ table_name: t.name, column_name: c.name, description: c.description }] : [],
      ),
    ]);
  }
  if (sql.includes("HAS_PERMS_BY_NAME"))
    return [{ writable: (options.writable ?? []).includes(String(bindings[0])) ? 1 : 0 }];
  if (sql.includes("USER_NAME()"))
    return [
      {
        db_user: "headgate_reader",
        updateability: options.readOnlyDatabase ? "READ_ONLY" : "READ_WRITE",
        sysadmin: options.privileged === "sysadmin" ? 1 : 0,
        db_owner: options.privileged === "db_owner" ? 1 : 0,
      },
    ];
  return undefined;
}

/** A result row as tedious delivers it: one `{ metadata: { colName }, value }` per column. */
function tediousRow(record: Record<string, unknown>): { metadata: { colName: string }; value: unknown }[] {
  return Object.entries(record).map(([colName, value]) => ({ metadata: { colName }, value }));
}

export function fakeSqlServer(options: FakeOptions): FakeSqlServer {
  const knex = knexFactory({ client: "mssql" });
  const statements: Statement[] = [];
  const scripts: Script[] = [];
  let cancelRunning: (() => void) | undefined;
  const connection: FakeConnection = {
    cancels: 0,
    cancel() {
      connection.cancels++;
      if (cancelRunning === undefined) return false;
      cancelRunning();
      return true;
    },
  };
  const client = knex.client as unknown as ScriptedClient;
  client.acquireConnection = async () => connection;
  client.releaseConnection = async () => {};
  client._query = async (_connection, query) => {
    statements.push({ sql: query.sql, bindings: [...query.bindings] });
    const catalog = catalogRows(query.sql, query.bindings, options);
    const script: Script = catalog === undefined ? (scripts.shift() ?? { rows: [] }) : { rows: catalog };
    if ("error" in script) throw script.error;
    if ("hang" in script) {
      try {
        await new Promise<void>((_, reject) => {
          cancelRunning = () => reject(new RequestError("Canceled.", "ECANCEL"));
        });
      } finally {
        cancelRunning = undefined;
      }
    }
    query.response = "rows" in script ? script.rows.map(tediousRow) : [];
    return query;
  };
  return {
    knex,
    statements,
    connection,
    answer: (...results) => scripts.push(...results.map((rows) => ({ rows: [...rows] }))),
    fail: (error) => scripts.push({ error }),
    hang: () => scripts.push({ hang: true }),
    close: () => knex.destroy(),
  };
}
