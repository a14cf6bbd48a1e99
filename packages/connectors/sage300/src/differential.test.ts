/**
 * The Sage connector never changes an answer: every query of the corpus runs through the engine
 * over the Sage connector (which pushes it into one SQL statement per page) and over a memory
 * connector holding the rows the connector read (where the engine evaluates everything itself),
 * against the demo world's Sage database in Postgres and in SQLite. Rows, order, counts and every
 * page (following next links) must be identical, and explain must show the query pushed down.
 * The rows themselves are checked against the generator's, with Sage's conventions applied
 * independently of the connector.
 */
import { companyTransactions, generateCompany } from "@headgate/demo-world";
import { parseQueryOptions } from "@headgate/odata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  encode,
  expectedRows,
  openSageDifferential,
  readAllPages,
  type SageDifferential,
  SCALE,
  sortRows,
  type TestDialect,
} from "./testing/sage-fixture.ts";

interface Case {
  readonly entitySet: string;
  readonly query: string;
}

const transactions = [...companyTransactions(generateCompany({ scale: SCALE }))];
const someAmount = transactions[17]!.Amount;
const someDay = transactions[300]!.Accounting_Date;

const TRANSACTION_QUERIES: readonly string[] = [
  // padded keys: equality, in, functions, blanks and trailing spaces
  "$filter=Job eq '24-101'",
  "$filter=Job eq '24-101   '",
  "$filter=Job eq '24-101' and Transaction_Type ne 'Work billed'",
  "$filter=Job in ('23-101','25-103','nope')",
  "$filter=not (Job in ('23-101','24-101'))&$top=300",
  "$filter=startswith(Job,'25-')",
  "$filter=endswith(Cost_Code,'-100')",
  "$filter=contains(Cost_Code,'9-')",
  "$filter=Cost_Code gt '22' and Cost_Code lt '26'",
  // '' read as null
  "$filter=Cost_Code eq null",
  "$filter=Cost_Code eq ''",
  "$filter=Category eq 'L'",
  "$filter=Category in ('E','O',null) and Amount gt 1000",
  "$filter=Vendor eq null and Transaction_Type eq 'AP cost'",
  "$filter=Vendor ne null and Job eq '23-102'",
  "$filter=Vendor eq 'BAKERCON'",
  "$filter=Extra eq null and Job eq '24-109'",
  "$filter=Extra ne null",
  "$filter=Invoice eq null and Job eq '24-107'",
  "$filter=Commitment eq '23-101-01'",
  "$filter=Change_Order eq null and Job eq '23-105'",
  // vocabulary
  "$filter=Transaction_Type eq 'Work billed'",
  "$filter=Transaction_Type in ('PR cost','EQ cost') and Job eq '23-103'",
  "$filter=not (Transaction_Type eq 'Work billed') and Amount lt 0",
  "$filter=Commitment_Type eq 'Subcontract' and Retainage gt 0",
  "$filter=Source eq 'PR' and Units gt 30",
  // money, numbers, dates
  "$filter=Amount gt 100000",
  `$filter=Amount eq ${someAmount}`,
  "$filter=Amount le -500 or Amount ge 500000",
  "$filter=Units gt 10 and Unit_Cost lt 50",
  "$filter=Accounting_Date ge 2025-12-01",
  `$filter=Accounting_Date eq ${someDay}`,
  "$filter=Accounting_Date lt 2023-06-01 and Transaction_Date ge 2023-05-01",
  "$filter=year(Accounting_Date) eq 2024 and month(Accounting_Date) le 2",
  "$filter=Transaction_Date lt Accounting_Date and Job eq '24-104'",
  // the union source
  "$filter=Transaction_Table eq 'History' and Accounting_Date ge 2025-01-01",
  "$filter=Transaction_Table eq 'Current' and Job eq '25-103'",
  // text
  "$filter=contains(Description,'Doors')",
  "$filter=startswith(Description,'Payroll w/e 0')",
  "$filter=tolower(Description) eq 'testing and inspection'",
  "$filter=Debit_Account eq '5300-00' and Credit_Account eq '2000-00' and Job eq '23-106'",
  // ordering, paging, counts
  "$orderby=Amount desc&$top=25",
  "$orderby=Job,Accounting_Date desc,Row_ID&$top=40&$skip=100",
  "$orderby=Cost_Code desc,Category&$filter=Job eq '24-101'",
  "$orderby=Transaction_Table desc,Row_ID desc&$top=10&$count=true",
  "$filter=Job eq '24-101'&$count=true&$top=130&$select=Row_ID,Transaction_Table,Amount",
  "$count=true&$top=0",
  "$skip=4150&$count=true",
  // search
  "$search=doors&$top=60",
  '$search="progress billing" AND NOT roofing&$top=30&$count=true',
];

const AGGREGATIONS: readonly string[] = [
  "$apply=filter(Transaction_Type ne 'Work billed')/groupby((Job),aggregate(Amount with sum as Cost,$count as N))",
  "$apply=filter(Transaction_Type ne 'Work billed')/groupby((Category),aggregate(Amount with sum as Cost))",
  "$apply=groupby((Transaction_Type,Transaction_Table),aggregate(Amount with sum as Total,Amount with average as Avg,Amount with min as Low,Amount with max as High))",
  "$apply=groupby((Vendor),aggregate(Amount with sum as Total,Invoice with countdistinct as Invoices))",
  "$apply=aggregate(Amount with sum as Total,Retainage with sum as Retainage,Accounting_Date with max as Last)",
  "$apply=filter(Job eq '24-101')/groupby((Cost_Code,Category),aggregate(Amount with sum as Cost))",
];

const OTHER: readonly Case[] = [
  { entitySet: "Jobs", query: "$filter=Status eq 'In Progress'" },
  { entitySet: "Jobs", query: "$filter=Status in ('Closed','Hold')&$select=Job,Status&$orderby=Job desc" },
  { entitySet: "Jobs", query: "$filter=Customer eq 'LAKESIDE'" },
  { entitySet: "Jobs", query: "$filter=Actual_Complete_Date eq null" },
  { entitySet: "Jobs", query: "$filter=Revised_Contract_Amount gt 1000000 or Job_Type eq 'Healthcare'" },
  { entitySet: "Jobs", query: "$filter=JTD_Cost gt Original_Estimate" },
  {
    entitySet: "Jobs",
    query: "$orderby=Revised_Contract_Amount desc&$select=Job,Description,Revised_Contract_Amount&$top=7",
  },
  { entitySet: "Jobs", query: "$search=storage OR clinic" },
  {
    entitySet: "Jobs",
    query:
      "$apply=groupby((Status,Customer),aggregate(Revised_Contract_Amount with sum as Contract,JTD_Cost with sum as Cost))",
  },
  {
    entitySet: "Jobs",
    query:
      "$filter=Status eq 'In Progress'&$expand=Transactions($filter=Transaction_Type eq 'Work billed';$select=Amount,Accounting_Date;$orderby=Accounting_Date desc;$top=2)",
  },
  { entitySet: "Jobs", query: "$expand=CustomerDetails&$top=5" },
  {
    entitySet: "Jobs",
    query: "$filter=Job eq '24-101'&$expand=Commitments($select=Commitment,Revised_Commitment)",
  },
  { entitySet: "Vendors", query: "$filter=Type eq 'Supplier'" },
  { entitySet: "Vendors", query: "$filter=Address_2 eq null&$orderby=Name" },
  { entitySet: "Vendors", query: "$filter=contains(Name,' Sons') or endswith(Name,'Co.')" },
  { entitySet: "Vendors", query: "$search=summit" },
  {
    entitySet: "Vendors",
    query:
      "$filter=startswith(Vendor,'S')&$expand=ApInvoices($filter=Status eq 'Open';$select=Invoice,Amount)",
  },
  { entitySet: "Vendors", query: "$filter=Umb_Ins_Expir_Dt lt 2026-01-01 or Umb_Ins_Expir_Dt eq null" },
  { entitySet: "ApInvoices", query: "$filter=Status eq 'Open' and Amount gt 10000" },
  { entitySet: "ApInvoices", query: "$filter=Job eq null" },
  { entitySet: "ApInvoices", query: "$filter=Included_For_Pmt eq true" },
  {
    entitySet: "ApInvoices",
    query: "$filter=Invoice_Code_1 eq null&$count=true&$top=3&$orderby=Amount desc",
  },
  {
    entitySet: "ApInvoices",
    query: "$apply=groupby((Vendor),aggregate(Amount with sum as Billed,Pmt_Amount with sum as Paid))",
  },
  { entitySet: "Commitments", query: "$filter=Closed eq false" },
  {
    entitySet: "Commitments",
    query: "$filter=Commitment_Type eq 'Purchase order' and Amount_Invoiced lt Revised_Commitment",
  },
  {
    entitySet: "Commitments",
    query: "$filter=Commitment eq '23-101-01'&$expand=Transactions($select=Amount)",
  },
  {
    entitySet: "Commitments",
    query: "$apply=groupby((Job),aggregate(Revised_Commitment with sum as Committed))",
  },
  { entitySet: "CostCodes", query: "$filter=Extra eq '' and Group_Cost_Code eq '01-000'" },
  { entitySet: "CostCodes", query: "$filter=Job eq '23-104'&$orderby=Cost_Code desc&$expand=JobDetails" },
  { entitySet: "Categories", query: "$filter=Category eq 'L' and Original_Estimate gt 10000" },
  {
    entitySet: "Categories",
    query: "$apply=groupby((Category),aggregate(Original_Estimate with sum as Budget))",
  },
  { entitySet: "GlAccounts", query: "$filter=Account_Type eq 'Expense'&$orderby=Account desc" },
  { entitySet: "ArCustomers", query: "$expand=Jobs($select=Job,Status)" },
  { entitySet: "ArCustomers", query: "$search=hospital" },
];

const CORPUS: readonly Case[] = [
  ...TRANSACTION_QUERIES.map((query) => ({ entitySet: "JobCostTransactions", query })),
  ...AGGREGATIONS.map((query) => ({ entitySet: "JobCostTransactions", query })),
  ...OTHER,
];

describe("the Sage differential corpus", () => {
  it("holds at least 60 queries over the friendly entity sets", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CORPUS.map((c) => c.entitySet)).size).toBe(9);
  });
});

/** Runs one case on both engines and checks the answers are the same and pushed down; returns the row count. */
async function sameAnswer(d: SageDifferential, { entitySet, query }: Case): Promise<number> {
  const options = parseQueryOptions(encode(query));
  let rows = 0;
  if (options.apply) {
    const [a, b] = await Promise.all([
      d.sql.query({ entitySet, options, maxPageSize: 5000 }),
      d.memory.query({ entitySet, options, maxPageSize: 5000 }),
    ]);
    expect(sortRows(a.rows)).toEqual(sortRows(b.rows));
    rows = a.rows.length;
  } else {
    for (const pageSize of [97, 5000]) {
      const [a, b] = await Promise.all([
        readAllPages(d.sql, entitySet, options, pageSize),
        readAllPages(d.memory, entitySet, options, pageSize),
      ]);
      expect(a).toEqual(b);
      rows = a.pages.flat().length;
    }
  }
  const plan = d.sql.explain({ entitySet, options });
  expect(plan.residual).toEqual({});
  if (options.filter) expect(plan.pushed.filter).toBeDefined();
  if (options.search) expect(plan.pushed.search).toBeDefined();
  if (options.orderby) expect(plan.pushed.orderby).toBeDefined();
  if (options.top !== undefined) expect(plan.pushed.paging).toBe(true);
  if (options.apply) expect(plan.pushed.aggregation ?? plan.pushed.filter).toBeDefined();
  return rows;
}

describe.each(["postgres", "sqlite"] satisfies TestDialect[])("Sage 300 CRE on %s", (dialect) => {
  let d: SageDifferential;
  const empty: string[] = [];
  beforeAll(async () => {
    d = await openSageDifferential(dialect);
  });
  afterAll(async () => {
    await d?.database.close();
  });

  it("reads every entity set as the generator wrote it, with Sage's conventions applied", async () => {
    for (const definition of await d.connector.describe()) {
      const rows = d.rows.get(definition.name)!;
      expect(rows.length, definition.name).toBeGreaterThan(0);
      expect(rows, definition.name).toEqual(expectedRows(d.database.company, definition));
    }
    const transaction = d.rows.get("JobCostTransactions")!.find((r) => r.Transaction_Type === "Work billed")!;
    expect(transaction).toMatchObject({ Cost_Code: null, Category: null, Extra: null, Vendor: null });
    expect(String(transaction.Job)).not.toMatch(/ $/);
  });

  it.each(CORPUS)("$entitySet $query", async (c) => {
    if ((await sameAnswer(d, c)) === 0) empty.push(c.query);
  });

  it("finds rows for all but the six deliberately empty queries", () => {
    expect(empty.length, empty.join("\n")).toBeLessThanOrEqual(6);
  });

  it("sums cost per job exactly to the cent, matching the job master's JTD_Cost", async () => {
    const options = parseQueryOptions(
      encode(
        "$apply=filter(Transaction_Type ne 'Work billed')/groupby((Job),aggregate(Amount with sum as Cost))",
      ),
    );
    const costs = (await d.sql.query({ entitySet: "JobCostTransactions", options })).rows;
    const jobs = d.rows.get("Jobs")!;
    for (const job of jobs) {
      const cost = costs.find((c) => c.Job === job.Job)?.Cost ?? 0;
      expect(cost, String(job.Job)).toBe(job.JTD_Cost);
    }
  });
});

describe.each(["postgres", "sqlite"] satisfies TestDialect[])(
  "Sage 300 CRE on %s, keys compared trimmed and money rounded in SQL",
  (dialect) => {
    let d: SageDifferential;
    beforeAll(async () => {
      d = await openSageDifferential(dialect, { fixedWidthKeys: false, moneyInCents: false });
    });
    afterAll(async () => {
      await d?.database.close();
    });

    it.each(CORPUS.filter((_, i) => i % 3 === 0))("$entitySet $query", async (c) => {
      await sameAnswer(d, c);
    });
  },
);
