import { describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import { KEY_WIDTH } from "./conventions.ts";
import { companyInvoices } from "./invoices.ts";
import { computeJobTotals } from "./job-totals.ts";
import { companyTransactions } from "./job-transactions.ts";
import { generateSageMasterTables } from "./master-tables.ts";

const company = generateCompany({ scale: 1 });
const tables = generateSageMasterTables(company);
const rows = [...companyTransactions(company)];
const invoices = [...companyInvoices(company)];

const sumBy = <T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => number) => {
  const sums = new Map<string, number>();
  for (const item of items) sums.set(key(item), (sums.get(key(item)) ?? 0) + amount(item));
  return sums;
};

describe("the Sage master tables", () => {
  it("are the same for the same seed", () => {
    expect(generateSageMasterTables(generateCompany({ scale: 1 }))).toEqual(tables);
  });

  it("have one job per company project, under its job number, description and status", () => {
    const jobs = tables.JCM_MASTER__JOB;
    expect(jobs.map((j) => j.Job.trim())).toEqual(company.projects.map((p) => p.jobNumber));
    jobs.forEach((job, i) => {
      const project = company.projects[i]!;
      expect(job.Job).toHaveLength(KEY_WIDTH.job);
      expect([job.Description, job.Status, job.Customer.trim()]).toEqual([
        project.name,
        project.status,
        project.customer.code,
      ]);
      expect(job.Revised_Contract_Amount).toBeCloseTo(
        job.Original_Contract_Amount + job.JTD_Aprvd_Contract_Chgs,
        2,
      );
    });
  });

  it("give each job a JTD_Cost equal to the sum of its cost transactions, to the cent", () => {
    const costs = sumBy(
      rows.filter((r) => r.Transaction_Type !== "Work billed"),
      (r) => r.Job,
      (r) => r.Amount,
    );
    const billed = sumBy(
      rows.filter((r) => r.Transaction_Type === "Work billed"),
      (r) => r.Job,
      (r) => r.Amount,
    );
    for (const job of tables.JCM_MASTER__JOB) {
      expect(Math.abs(job.JTD_Cost - (costs.get(job.Job) ?? 0))).toBeLessThan(0.01);
      expect(Math.abs(job.JTD_Work_Billed - (billed.get(job.Job) ?? 0))).toBeLessThan(0.01);
    }
  });

  it("compute the same totals from one job's stream as from the whole company's", () => {
    const totals = computeJobTotals(company);
    expect(totals.size).toBe(company.projects.length);
    const first = tables.JCM_MASTER__JOB[0]!;
    expect(totals.get(first.Job.trim())?.cost).toBe(first.JTD_Cost);
  });

  it("keep jobs that have not started free of costs and dates of actual start", () => {
    for (const job of tables.JCM_MASTER__JOB.filter((j) => ["Unstarted", "Pending"].includes(j.Status))) {
      expect([job.JTD_Cost, job.Actual_Start_Date, job.Actual_Complete_Date]).toEqual([0, null, null]);
    }
    for (const job of tables.JCM_MASTER__JOB.filter((j) => j.Status === "Closed")) {
      expect(job.Percent_Complete).toBe(100);
      expect(job.JTD_Work_Billed).toBeCloseTo(job.Revised_Contract_Amount, 2);
    }
  });

  it("list the company's vendors under the same names, with padded codes", () => {
    const vendors = tables.APM_MASTER__VENDOR;
    expect(vendors.map((v) => v.Name)).toEqual(company.vendors.map((v) => v.name));
    expect(vendors.map((v) => v.Vendor.trim())).toEqual(company.vendors.map((v) => v.code));
    for (const vendor of vendors) expect(vendor.Vendor).toHaveLength(KEY_WIDTH.vendor);
    expect(vendors.some((v) => v.Umb_Ins_Expir_Dt === null)).toBe(true);
  });

  it("list the company's owners as AR customers", () => {
    expect(tables.ARM_MASTER__CUSTOMER.map((c) => c.Name)).toEqual(company.customers.map((c) => c.name));
  });

  it("give every transaction a cost code and category defined on its job, and a GL account", () => {
    const categories = new Set(
      tables.JCM_MASTER__CATEGORY.map((c) => `${c.Job}|${c.Cost_Code}|${c.Category}`),
    );
    const codes = new Set(tables.JCM_MASTER__COST_CODE.map((c) => `${c.Job}|${c.Cost_Code}`));
    const accounts = new Set(tables.GLM_MASTER__ACCOUNT.map((a) => a.Account));
    const costs = rows.filter((r) => r.Transaction_Type !== "Work billed");
    const uncoded = costs.filter(
      (r) =>
        !categories.has(`${r.Job}|${r.Cost_Code}|${r.Category}`) || !codes.has(`${r.Job}|${r.Cost_Code}`),
    );
    expect(uncoded).toEqual([]);
    expect(rows.filter((r) => !accounts.has(r.Debit_Account) || !accounts.has(r.Credit_Account))).toEqual([]);
  });

  it("spread each job's original estimate over its categories", () => {
    const estimates = sumBy(
      tables.JCM_MASTER__CATEGORY,
      (c) => c.Job,
      (c) => c.Original_Estimate,
    );
    for (const job of tables.JCM_MASTER__JOB)
      expect(Math.abs(job.Original_Estimate - (estimates.get(job.Job) ?? 0))).toBeLessThan(0.01);
  });

  it("give commitments vendors of their job and what was invoiced against them", () => {
    const invoiced = sumBy(
      rows.filter((r) => r.Commitment !== ""),
      (r) => r.Commitment,
      (r) => r.Amount,
    );
    const vendorsByJob = new Map(company.projects.map((p) => [p.jobNumber, p.vendors.map((v) => v.code)]));
    for (const commitment of tables.JCM_MASTER__COMMITMENT) {
      expect(vendorsByJob.get(commitment.Job.trim())).toContain(commitment.Vendor.trim());
      expect(Math.abs(commitment.Amount_Invoiced - (invoiced.get(commitment.Commitment) ?? 0))).toBeLessThan(
        0.01,
      );
      expect(["Subcontract", "Purchase order"]).toContain(commitment.Commitment_Type);
    }
  });

  it("have AP invoices of existing vendors and jobs, one per vendor cost, unique by vendor and number", () => {
    const vendors = new Set(tables.APM_MASTER__VENDOR.map((v) => v.Vendor));
    const jobs = new Set(tables.JCM_MASTER__JOB.map((j) => j.Job));
    const orphans = invoices.filter(
      (i) => !vendors.has(i.Vendor) || !jobs.has(i.Job) || i.Invoice_Date > i.Due_Date,
    );
    expect(orphans).toEqual([]);
    expect(invoices.length).toBe(rows.filter((r) => r.Transaction_Type === "AP cost").length);
    expect(new Set(invoices.map((i) => `${i.Vendor}|${i.Invoice}`)).size).toBe(invoices.length);
    expect(new Set(invoices.map((i) => i.Status))).toEqual(new Set(["Fully paid", "Open"]));
  });
});
