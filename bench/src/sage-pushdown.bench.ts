/**
 * Sage pushdown: on the scale-100 demo world in Postgres (over 1,000,000 job cost
 * transactions), a filtered, ordered, counted `$top=50` query on JobCostTransactions answered by
 * the engine through the Sage 300 connector, against the same query written by hand in knex
 * (one SELECT with the same WHERE, ORDER BY and LIMIT over the union of the current and history
 * tables, and one COUNT). The connector must cost at most 20 % more, and hand the engine only
 * the 50 rows the client receives (the whole query pushed down).
 *
 * The database is loaded once into schema `sage_bench_s100` (minutes) and reused while its row
 * counts match the generator's. Postgres: the test database (HEADGATE_TEST_DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/test), as the tests use.
 */
import { createSage300Connector } from "@headgate/connector-sage300";
import { expectedTransactionCount, generateCompany } from "@headgate/demo-world";
import { Catalog, Engine } from "@headgate/engine";
import type { Row } from "@headgate/model";
import { parseQueryOptions } from "@headgate/odata";
import { createSagePostgres, type PgConnection, sagePostgresKnex } from "@headgate/simulators";
import { testDatabaseUrl } from "@headgate/testing";
import type { Knex } from "knex";
import { type Figure, median } from "./measure.ts";

const SCHEMA = "sage_bench_s100";
const SCALE = 100;
const CONNECTION: PgConnection = testDatabaseUrl();
const WARM_UP = 3;
const RUNS = 15;
const TOP = 50;
const FILTER = "Transaction_Type eq 'AP cost' and Amount gt 5000 and Accounting_Date ge 2024-01-01";
const QUERY = `$filter=${encodeURIComponent(FILTER)}&$orderby=${encodeURIComponent("Amount desc")}&$top=${TOP}&$count=true`;

const say = (line: string) => process.stdout.write(`${line}\n`);

interface Loaded {
  readonly transactions: number;
  readonly note: string;
}

export async function sagePushdown(): Promise<Figure[]> {
  const company = generateCompany({ scale: SCALE });
  const loaded = await ensureLoaded(company.projects.length, expectedTransactionCount(company), () =>
    createSagePostgres(company, CONNECTION, SCHEMA).then((db) => db.knex.destroy()),
  );
  const knex = sagePostgresKnex(CONNECTION, SCHEMA);
  try {
    const connector = createSage300Connector({ knex, dialect: "postgres", schema: SCHEMA });
    const engine = new Engine({
      catalog: await Catalog.build([{ name: "sage", connector }]),
      skipTokenSecret: "sage-pushdown-bench",
    });
    const options = parseQueryOptions(QUERY);
    const plan = engine.explain({ entitySet: "JobCostTransactions", options });
    const pushedDown = Object.keys(plan.residual).length === 0 && plan.pushed.paging && plan.pushed.count;
    const viaEngine = () => engine.query({ entitySet: "JobCostTransactions", options });
    const byHand = () => handWritten(knex);

    for (let i = 0; i < WARM_UP; i++) {
      await viaEngine();
      await byHand();
    }
    const engineMs: number[] = [];
    const handMs: number[] = [];
    let last = await viaEngine();
    let hand = await byHand();
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so drift in the machine's load hits both sides alike.
      let t0 = performance.now();
      last = await viaEngine();
      engineMs.push(performance.now() - t0);
      t0 = performance.now();
      hand = await byHand();
      handMs.push(performance.now() - t0);
    }
    const engineMedian = median(engineMs);
    const handMedian = median(handMs);
    const ratio = engineMedian / handMedian;
    const sameRows = JSON.stringify(last.rows.map(identity)) === JSON.stringify(hand.rows.map(identity));
    return [
      {
        name: "job cost transactions in Postgres (scale 100)",
        value: loaded.transactions,
        unit: "rows",
        target: ">= 1,000,000",
        pass: loaded.transactions >= 1_000_000,
        note: loaded.note,
      },
      {
        name: "engine + Sage connector: filtered, ordered $top=50 with $count",
        value: engineMedian,
        unit: "ms",
        target: "(reference)",
        pass: true,
        note: `median of ${RUNS} after ${WARM_UP} warm-up runs; ${last.stats.upstreamCalls} statements`,
      },
      {
        name: "the same by hand in knex: one SELECT over the union + one COUNT",
        value: handMedian,
        unit: "ms",
        target: "(reference)",
        pass: true,
        note: `median of ${RUNS}`,
      },
      {
        name: "engine time / hand-written time",
        value: ratio,
        unit: "x",
        target: "<= 1.2",
        pass: ratio <= 1.2,
      },
      {
        name: "rows the connector returned to the engine (rowsScanned)",
        value: last.stats.rowsScanned,
        unit: "rows",
        target: `= ${TOP}, the rows the client receives`,
        pass: last.stats.rowsScanned === TOP && last.rows.length === TOP && pushedDown,
        note: pushedDown ? "filter, order, paging and count pushed down" : "NOT fully pushed down",
      },
      {
        name: "same rows and count as the hand-written query",
        value: last.count ?? Number.NaN,
        unit: "matching",
        target: `= ${hand.count}`,
        pass: last.count === hand.count && sameRows,
        note: sameRows ? "same 50 rows in the same order" : "the rows differ",
      },
    ];
  } finally {
    await knex.destroy();
  }
}

/** A row's identity: which table, which row, and its amount. */
function identity(row: Row): string {
  return `${String(row.Transaction_Table)}/${String(row.Row_ID)}/${String(row.Amount)}`;
}

/**
 * The query as a developer would write it against the Sage tables: the current and history
 * tables unioned, the filter on the stored columns, the 50 largest amounts, and a count.
 * Keys come back padded, so the 50 rows are trimmed afterwards, as a client of the tables must.
 */
async function handWritten(knex: Knex): Promise<{ rows: Row[]; count: number }> {
  const transactions = () =>
    knex
      .select("*", knex.raw(`'Current' AS "Transaction_Table"`))
      .from("JCT_CURRENT__TRANSACTION")
      .unionAll((q) => {
        q.select("*", knex.raw(`'History'`)).from("JCT_HISTORY__TRANSACTION");
      });
  const matching = (q: Knex.QueryBuilder) =>
    q
      .where("Transaction_Type", "AP cost")
      .andWhere("Amount", ">", 5000)
      .andWhere("Accounting_Date", ">=", "2024-01-01");
  const records: Record<string, unknown>[] = await matching(knex.select("*").from(transactions().as("t")))
    .orderBy([
      { column: "Amount", order: "desc" },
      { column: "Row_ID", order: "asc" },
      { column: "Transaction_Table", order: "asc" },
    ])
    .limit(TOP);
  const [counted] = await matching(knex.count({ n: "*" }).from(transactions().as("t")));
  const rows = records.map((record) =>
    Object.fromEntries(
      Object.entries(record).map(([k, v]) => [k, typeof v === "string" ? v.replace(/ +$/, "") || null : v]),
    ),
  );
  return { rows, count: Number(counted?.n) };
}

/** Loads the schema unless it already holds the expected rows; prints progress while loading. */
async function ensureLoaded(jobs: number, transactions: number, load: () => Promise<void>): Promise<Loaded> {
  const admin = sagePostgresKnex(CONNECTION, SCHEMA);
  try {
    const found = await countRows(admin);
    if (found !== undefined && found.jobs === jobs && found.transactions === transactions) {
      say(
        `  reusing schema ${SCHEMA}: ${found.transactions.toLocaleString("en-US")} transactions, ${jobs} jobs`,
      );
      return { transactions, note: `reused schema ${SCHEMA}` };
    }
    say(
      found === undefined
        ? `  loading the scale-${SCALE} demo world into schema ${SCHEMA} (${transactions.toLocaleString("en-US")} transactions; a few minutes)`
        : `  schema ${SCHEMA} holds other data (${found.transactions} transactions); reloading it`,
    );
    await admin.raw("DROP SCHEMA IF EXISTS ?? CASCADE", [SCHEMA]);
    const started = performance.now();
    const heartbeat = setInterval(() => {
      void loadedSize(admin).then(
        (mb) =>
          say(
            `  ... ${Math.round((performance.now() - started) / 1000)} s, ${mb} MB of transaction tables written`,
          ),
        () => undefined,
      );
    }, 15_000);
    try {
      await load();
    } finally {
      clearInterval(heartbeat);
    }
    for (const table of ["JCT_CURRENT__TRANSACTION", "JCT_HISTORY__TRANSACTION"])
      await admin.raw("ANALYZE ??.??", [SCHEMA, table]);
    const seconds = Math.round((performance.now() - started) / 1000);
    const loaded = await countRows(admin);
    say(`  loaded in ${seconds} s`);
    return { transactions: loaded?.transactions ?? 0, note: `loaded in ${seconds} s` };
  } finally {
    await admin.destroy();
  }
}

async function countRows(knex: Knex): Promise<{ jobs: number; transactions: number } | undefined> {
  const present: { rows: unknown[] } = await knex.raw(
    "SELECT 1 FROM information_schema.tables WHERE table_schema = ? AND table_name IN ('JCM_MASTER__JOB', 'JCT_CURRENT__TRANSACTION', 'JCT_HISTORY__TRANSACTION')",
    [SCHEMA],
  );
  if (present.rows.length < 3) return undefined;
  const [jobs] = await knex("JCM_MASTER__JOB").withSchema(SCHEMA).count({ n: "*" });
  const [current] = await knex("JCT_CURRENT__TRANSACTION").withSchema(SCHEMA).count({ n: "*" });
  const [history] = await knex("JCT_HISTORY__TRANSACTION").withSchema(SCHEMA).count({ n: "*" });
  return { jobs: Number(jobs?.n), transactions: Number(current?.n) + Number(history?.n) };
}

async function loadedSize(knex: Knex): Promise<number> {
  const result: { rows: { bytes: string | number | null }[] } = await knex.raw(
    "SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ? AND c.relname LIKE 'JCT_%'",
    [SCHEMA],
  );
  return Math.round(Number(result.rows[0]?.bytes ?? 0) / (1024 * 1024));
}
