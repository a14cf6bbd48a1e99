import { describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import { isoDate, WORLD_END, WORLD_START } from "../dates.ts";
import { CURRENT_FISCAL_YEAR, KEY_WIDTH } from "./conventions.ts";
import { expectedTransactionCount, planJob } from "./job-plan.ts";
import {
  companyTransactions,
  jobTransactions,
  plannedJobs,
  transactionBatches,
  transactionTableOf,
} from "./job-transactions.ts";
import type { TransactionRow } from "./tables.ts";

const company = generateCompany({ scale: 1 });
const rows = [...companyTransactions(company)];
const costRows = rows.filter((r) => r.Transaction_Type !== "Work billed");

const hasCents = (value: number) => Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;

describe("job cost transactions", () => {
  it("are the same rows for the same seed and other rows for another seed", () => {
    const again = [...companyTransactions(generateCompany({ scale: 1 }))];
    expect(again).toEqual(rows);
    const other = companyTransactions(generateCompany({ scale: 1, seed: 99 })).next().value;
    expect(other).not.toEqual(rows[0]);
  });

  it("generate one job without generating the others: the same rows as in the company stream", () => {
    const { plan, firstRowId } = [...plannedJobs(company)][7]!;
    const alone = [...jobTransactions(company, plan, firstRowId)];
    expect(alone.length).toBe(plan.transactionCount);
    expect(alone).toEqual(rows.filter((r) => r.Job.trim() === plan.project.jobNumber));
  });

  it("number rows 1..n without gaps, each job's rows in date order", () => {
    expect(rows.map((r) => r.Row_ID)).toEqual(rows.map((_, i) => i + 1));
    for (const { plan } of plannedJobs(company)) {
      const dates = rows.filter((r) => r.Job === plan.paddedJob).map((r) => r.Transaction_Date);
      expect(dates).toEqual([...dates].sort());
    }
  });

  it("have as many rows per job as the job's plan says, about 300 per project, most on large jobs", () => {
    expect(rows.length).toBe(expectedTransactionCount(company));
    const perTier = (tier: string) => {
      const jobs = company.projects.filter((p) => p.tier === tier);
      return jobs.reduce((sum, p) => sum + planJob(company, p).transactionCount, 0) / jobs.length;
    };
    expect(perTier("large")).toBeGreaterThan(3 * perTier("medium"));
    expect(perTier("medium")).toBeGreaterThan(2 * perTier("small"));
    expect(rows.length / company.projects.length).toBeGreaterThan(250);
  });

  it("count at least a million rows at scale 100, by the plans alone", () => {
    expect(expectedTransactionCount(generateCompany({ scale: 100 }))).toBeGreaterThanOrEqual(1_000_000);
  });

  it("pad keys to their fixed widths and store 'no extra' as '' rather than NULL", () => {
    const padded = (value: string, width: number) => value.length === width && value.trim() !== "";
    expect(rows.filter((r) => !padded(r.Job, KEY_WIDTH.job) || r.Extra !== "")).toEqual([]);
    expect(rows.filter((r) => !padded(r.Debit_Account, KEY_WIDTH.account))).toEqual([]);
    const badCodes = costRows.filter(
      (r) =>
        !padded(r.Cost_Code, KEY_WIDTH.costCode) ||
        !/^\d{2}-\d{3}$/.test(r.Cost_Code.trim()) ||
        !["L  ", "M  ", "S  ", "E  ", "O  "].includes(r.Category),
    );
    expect(badCodes).toEqual([]);
    const apRows = rows.filter((r) => r.Transaction_Type === "AP cost");
    expect(
      apRows.filter((r) => !padded(r.Vendor, KEY_WIDTH.vendor) || !padded(r.Invoice, KEY_WIDTH.invoice)),
    ).toEqual([]);
    expect(rows.filter((r) => r.Transaction_Type !== "AP cost" && r.Vendor !== "")).toEqual([]);
  });

  it("keep money as doubles with cents and dates as YYYY-MM-DD within the company's years", () => {
    const earliest = isoDate(Math.min(...company.projects.map((p) => p.startDate)));
    const last = isoDate(WORLD_END);
    const isDate = (date: string) => /^\d{4}-\d{2}-\d{2}$/.test(date) && date >= earliest && date <= last;
    const offenders = rows.filter(
      (r) =>
        !hasCents(r.Amount) ||
        !hasCents(r.Retainage) ||
        ![r.Accounting_Date, r.Transaction_Date, r.Date_Stamp].every(isDate) ||
        !/^\d{2}:\d{2}:\d{2}$/.test(r.Time_Stamp),
    );
    expect(offenders).toEqual([]);
    expect(earliest <= isoDate(WORLD_START)).toBe(true);
  });

  it("record hours for labor and equipment, quantities for material, and lump sums otherwise", () => {
    const measured = (row: TransactionRow) =>
      ["L  ", "E  ", "M  "].includes(row.Category)
        ? Math.abs(row.Units * row.Unit_Cost - row.Amount) < 0.01
        : row.Units === 0 && row.Unit_Cost === 0;
    expect(costRows.filter((r) => !measured(r))).toEqual([]);
    expect(costRows.some((r) => r.Amount < 0)).toBe(true);
  });

  it("use the real transaction types and sources", () => {
    const pairs = new Set(rows.map((r) => `${r.Transaction_Type}/${r.Source}`));
    expect([...pairs].sort()).toEqual([
      "AP cost/AP",
      "EQ cost/EQ",
      "JC cost/JC",
      "PR cost/PR",
      "Work billed/AR",
    ]);
  });

  it("go to CURRENT for this fiscal year's postings and to HISTORY for earlier years", () => {
    const misplaced = rows.filter((row) => {
      const current = Number(row.Accounting_Date.slice(0, 4)) === CURRENT_FISCAL_YEAR;
      return transactionTableOf(row) !== (current ? "JCT_CURRENT__TRANSACTION" : "JCT_HISTORY__TRANSACTION");
    });
    expect(misplaced).toEqual([]);
    const tables = new Set(rows.map(transactionTableOf));
    expect(tables.size).toBe(2);
  });

  it("come in bounded batches that add up to the stream", () => {
    const sizes = [...transactionBatches(company, 1000)].map((b) => b.length);
    expect(Math.max(...sizes)).toBe(1000);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(rows.length);
  });

  it("bill subcontract and material costs to a vendor working on the project, under a commitment", () => {
    for (const { plan } of plannedJobs(company)) {
      const vendors = new Set(plan.project.vendors.map((v) => v.code));
      const commitments = new Set(plan.commitments.map((c) => c.commitment));
      const strays = rows.filter(
        (r) =>
          r.Job === plan.paddedJob &&
          r.Vendor !== "" &&
          (!vendors.has(r.Vendor.trim()) || !commitments.has(r.Commitment)),
      );
      expect(strays).toEqual([]);
    }
  });
});
