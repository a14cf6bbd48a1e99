import { beforeAll, describe, expect, it } from "vitest";
import { generateCompany } from "../company/generate-company.ts";
import type { Company } from "../company/types.ts";
import { WORLD_END, WORLD_START } from "../dates.ts";
import { generateProcoreData } from "./generate-procore-data.ts";
import type { ProcoreData } from "./types.ts";

let company: Company;
let data: ProcoreData;
beforeAll(() => {
  company = generateCompany({ seed: 11 });
  data = generateProcoreData(company);
});

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const inWorld = (iso: string) => Date.parse(iso) >= WORLD_START && Date.parse(iso) <= WORLD_END;
const cents = (value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

describe("the company's Procore data", () => {
  it("is the same for the same seed and scale, and different for another seed", () => {
    // Compared as JSON: the same records, byte for byte, and much faster than a deep equal.
    expect(JSON.stringify(generateProcoreData(generateCompany({ seed: 11 })))).toBe(JSON.stringify(data));
    const other = generateProcoreData(generateCompany({ seed: 12 }));
    expect(other.tools.map((t) => t.rfis.length)).not.toEqual(data.tools.map((t) => t.rfis.length));
  });

  it("has one project per job: id = procoreId, project_number = job number, active unless closed", () => {
    expect(data.projects).toHaveLength(company.projects.length);
    company.projects.forEach((job, i) => {
      const project = data.projects[i]!;
      expect(project).toMatchObject({ id: job.procoreId, project_number: job.jobNumber, name: job.name });
      expect(project.display_name).toBe(`${job.jobNumber} - ${job.name}`);
      expect(project.active).toBe(job.status !== "Closed");
      expect(project.total_value).toBe(job.contractAmount);
      expect(project.company).toEqual({ id: company.procoreCompanyId, name: "Cascade Ridge Builders" });
      expect(project.start_date).toMatch(DATE);
      expect(project.created_at).toMatch(TIMESTAMP);
    });
  });

  it("lists the company's vendors in the directory under the same names and ids", () => {
    expect(data.vendors.map((v) => [v.id, v.name])).toEqual(
      company.vendors.map((v) => [v.procoreId, v.name]),
    );
    expect(data.vendors.map((v) => v.origin_code)).toEqual(company.vendors.map((v) => v.code));
    data.tools.forEach((tools, i) => {
      expect(tools.vendorIds).toEqual(company.projects[i]!.vendors.map((v) => v.procoreId));
    });
  });

  it("writes commitments only to the project's vendors, subcontracts and supply orders alike", () => {
    data.tools.forEach((tools, i) => {
      const names = new Map(company.projects[i]!.vendors.map((v) => [v.procoreId, v.name]));
      for (const contract of [...tools.workOrderContracts, ...tools.purchaseOrderContracts]) {
        expect(names.get(contract.vendor.id)).toBe(contract.vendor.company);
        expect(contract.project.id).toBe(tools.projectId);
        expect(contract.grand_total).toMatch(/^-?\d+\.\d{2}$/);
      }
      for (const po of tools.purchaseOrderContracts) expect(po.title).toMatch(/Material Supply$/);
      for (const wo of tools.workOrderContracts) expect(wo.title).toMatch(/Subcontract$/);
    });
    expect(data.tools.some((t) => t.purchaseOrderContracts.length > 0)).toBe(true);
  });

  it("rolls change order packages up into their contracts", () => {
    for (const tools of data.tools) {
      const contracts = [...tools.workOrderContracts, ...tools.purchaseOrderContracts];
      for (const contract of contracts) {
        const approved = tools.changeOrderPackages
          .filter((p) => p.contract_id === contract.id && p.status === "approved")
          .reduce((sum, p) => sum + Number(p.grand_total), 0);
        expect(Number(contract.approved_change_orders)).toBeCloseTo(approved, 2);
        expect(Number(contract.revised_contract)).toBeCloseTo(Number(contract.grand_total) + approved, 2);
      }
      const ids = new Set(contracts.map((c) => c.id));
      for (const pkg of tools.changeOrderPackages) expect(ids.has(pkg.contract_id)).toBe(true);
    }
  });

  it("budgets every project by CSI cost code, with cents adding up to the contract less a fee", () => {
    data.tools.forEach((tools, i) => {
      const job = company.projects[i]!;
      const total = tools.budgetDetailRows.reduce((sum, row) => sum + row.original_budget_amount, 0);
      expect(total).toBeLessThanOrEqual(job.contractAmount);
      expect(total).toBeGreaterThan(job.contractAmount * 0.88);
      const divisions = new Set(["01", ...job.vendors.map((v) => v.division)]);
      for (const row of tools.budgetDetailRows) {
        expect(cents(row.original_budget_amount)).toBe(true);
        expect(divisions.has(row.cost_code.slice(0, 2))).toBe(true);
        expect(row.cost_code).toMatch(/^\d{2}-\d{3} - /);
        expect(row.project_id).toBe(job.procoreId);
      }
    });
  });

  it("gives large projects many more RFIs than small ones, numbered in creation order", () => {
    const mean = (tier: string) => {
      const counts = data.tools
        .filter((_, i) => company.projects[i]!.tier === tier)
        .map((t) => t.rfis.length);
      return counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
    };
    expect(mean("large")).toBeGreaterThan(4 * mean("small"));
    for (const tools of data.tools) {
      expect(tools.rfis.map((r) => r.number)).toEqual(tools.rfis.map((_, i) => String(i + 1)));
      const created = tools.rfis.map((r) => r.created_at);
      expect(created).toEqual([...created].sort());
    }
  });

  it("keeps RFIs in Procore's vocabulary and inside the project's and the world's dates", () => {
    const rfis = data.tools.flatMap((t) => t.rfis);
    expect(new Set(rfis.map((r) => r.status))).toEqual(new Set(["draft", "open", "closed"]));
    expect(rfis.some((r) => r.due_date === null)).toBe(true);
    data.tools.forEach((tools, i) => {
      const job = company.projects[i]!;
      for (const rfi of tools.rfis) {
        expect(rfi.created_at).toMatch(TIMESTAMP);
        expect(inWorld(rfi.created_at) && inWorld(rfi.updated_at)).toBe(true);
        expect(rfi.updated_at >= rfi.created_at).toBe(true);
        expect(Date.parse(rfi.created_at)).toBeGreaterThanOrEqual(job.startDate - 31 * 86_400_000);
        expect(Date.parse(rfi.created_at)).toBeLessThanOrEqual(job.completionDate + 31 * 86_400_000);
        if (rfi.status === "closed") expect(rfi.time_resolved).not.toBeNull();
        if (rfi.status === "open") expect(rfi.ball_in_court).toEqual(rfi.assignee);
      }
    });
  });

  it("records submittals, observations and daily logs in their own vocabularies", () => {
    const submittals = data.tools.flatMap((t) => t.submittals);
    expect(new Set(submittals.map((s) => s.status.status))).toEqual(new Set(["Draft", "Open", "Closed"]));
    const observations = data.tools.flatMap((t) => t.observations);
    for (const o of observations)
      expect(["initiated", "ready_for_review", "not_accepted", "closed"]).toContain(o.status);
    const misplaced = data.tools.flatMap((tools, i) => {
      const job = company.projects[i]!;
      const first = Math.floor(job.startDate / 86_400_000) * 86_400_000;
      return tools.dailyLogHeaders.filter((log) => {
        const day = Date.parse(`${log.log_date}T00:00:00Z`);
        const weekend = [0, 6].includes(new Date(day).getUTCDay());
        return weekend || day < first || day > Math.min(job.completionDate, WORLD_END);
      });
    });
    expect(misplaced).toEqual([]);
  });

  it("gives every record type unique ids", () => {
    const all = data.tools.flatMap((t) => [
      ...t.rfis,
      ...t.submittals,
      ...t.observations,
      ...t.budgetDetailRows,
      ...t.workOrderContracts,
      ...t.purchaseOrderContracts,
      ...t.changeOrderPackages,
      ...t.dailyLogHeaders,
    ]);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
  });
});
