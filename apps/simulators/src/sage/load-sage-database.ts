/**
 * Loads the company's Sage 300 CRE database into SQLite or Postgres under the standard table
 * names. Transactions and AP invoices are streamed into their tables in one pass, batch by batch,
 * while job-to-date totals are summed on the way; the master tables, which need those totals,
 * are written afterwards. Memory stays bounded by the batch size and one small record per job.
 */
import type { Company } from "@headgate/demo-world";
import {
  generateSageMasterTables,
  type InvoiceRow,
  invoiceOf,
  JobTotals,
  jobTransactions,
  plannedJobs,
  SAGE_TABLES,
  type SageMasterTables,
  type SageTableName,
  type TransactionRow,
  transactionTableOf,
} from "@headgate/demo-world";
import type { Knex } from "knex";
import { createSageIndexes, createSageTable } from "./create-tables.ts";
import { SageLoadError } from "./errors.ts";
import { TableSink } from "./table-sink.ts";

export interface LoadOptions {
  /** Postgres schema to create the tables in (created if missing). */
  readonly schema?: string;
  /** Rows per INSERT; capped by the driver's bind-parameter limit. Default 1000. */
  readonly batchSize?: number;
  /** Only these tables; default all of them. */
  readonly tables?: readonly SageTableName[];
}

export type RowCounts = Record<SageTableName, number>;

export interface LoadSummary {
  readonly rowCounts: RowCounts;
  readonly seconds: number;
}

/** Tables whose rows need the transactions streamed: their own rows or job-to-date totals. */
const NEEDS_STREAM: readonly SageTableName[] = [
  "JCT_CURRENT__TRANSACTION",
  "JCT_HISTORY__TRANSACTION",
  "APM_MASTER__INVOICE",
  "JCM_MASTER__JOB",
  "JCM_MASTER__COMMITMENT",
];

export async function loadSageDatabase(
  knex: Knex,
  company: Company,
  options: LoadOptions = {},
): Promise<LoadSummary> {
  const started = performance.now();
  const tables = tablesToLoad(options.tables);
  const batchSize = options.batchSize ?? 1000;
  if (!(Number.isInteger(batchSize) && batchSize > 0))
    throw new SageLoadError(`batchSize must be a positive integer, got ${batchSize}`);
  const { schema } = options;
  if (schema) await knex.schema.createSchemaIfNotExists(schema);
  for (const table of tables) await createSageTable(knex, table, schema);
  const rowCounts = await knex.transaction(async (trx) => {
    const sinks = new Sinks(trx, tables, schema, batchSize);
    const totals = tables.some((t) => NEEDS_STREAM.includes(t))
      ? await streamTransactions(company, sinks)
      : undefined;
    await writeMasterTables(company, totals, sinks);
    return sinks.counts();
  });
  for (const table of tables) await createSageIndexes(knex, table, schema);
  return { rowCounts, seconds: (performance.now() - started) / 1000 };
}

function tablesToLoad(requested: readonly SageTableName[] | undefined): SageTableName[] {
  if (!requested) return [...SAGE_TABLES];
  const unknown = requested.filter((t) => !SAGE_TABLES.includes(t));
  if (unknown.length > 0) throw new SageLoadError(`unknown Sage tables: ${unknown.join(", ")}`);
  return SAGE_TABLES.filter((t) => requested.includes(t));
}

/** One sink per requested table; rows of tables not requested are dropped. */
class Sinks {
  private readonly sinks = new Map<SageTableName, TableSink<object>>();

  constructor(
    trx: Knex.Transaction,
    tables: readonly SageTableName[],
    schema: string | undefined,
    size: number,
  ) {
    for (const table of tables) this.sinks.set(table, new TableSink(trx, table, schema, size));
  }

  /** Buffers a row, inserting a batch when one is full. */
  async add(table: SageTableName, row: object): Promise<void> {
    const sink = this.sinks.get(table);
    if (sink?.add(row)) await sink.flush();
  }

  async addAll(table: SageTableName, rows: readonly object[]): Promise<void> {
    await this.sinks.get(table)?.addAll(rows);
  }

  async flush(): Promise<void> {
    for (const sink of this.sinks.values()) await sink.flush();
  }

  counts(): RowCounts {
    const counts = Object.fromEntries(SAGE_TABLES.map((t) => [t, 0])) as RowCounts;
    for (const [table, sink] of this.sinks) counts[table] = sink.inserted;
    return counts;
  }
}

async function streamTransactions(company: Company, sinks: Sinks): Promise<Map<string, JobTotals>> {
  const totals = new Map<string, JobTotals>();
  for (const { plan, firstRowId } of plannedJobs(company)) {
    const job = new JobTotals(plan.project.jobNumber);
    for (const row of jobTransactions(company, plan, firstRowId)) {
      job.add(row);
      await sinks.add(transactionTableOf(row), row satisfies TransactionRow);
      const invoice: InvoiceRow | undefined = invoiceOf(plan, row);
      if (invoice) await sinks.add("APM_MASTER__INVOICE", invoice);
    }
    totals.set(job.jobNumber, job);
  }
  await sinks.flush();
  return totals;
}

async function writeMasterTables(
  company: Company,
  totals: Map<string, JobTotals> | undefined,
  sinks: Sinks,
): Promise<void> {
  // Without streamed totals no requested table needs them; empty ones keep the generator honest.
  const master: SageMasterTables = generateSageMasterTables(
    company,
    totals ?? new Map(company.projects.map((p) => [p.jobNumber, new JobTotals(p.jobNumber)])),
  );
  for (const [table, rows] of Object.entries(master) as [keyof SageMasterTables, object[]][])
    await sinks.addAll(table, rows);
}
