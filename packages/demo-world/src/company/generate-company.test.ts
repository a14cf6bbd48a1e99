import { describe, expect, it } from "vitest";
import { generateCompany } from "./generate-company.ts";

describe("the demo company", () => {
  it("is the same company for the same seed, and another for another seed", () => {
    expect(generateCompany({ seed: 7 })).toEqual(generateCompany({ seed: 7 }));
    expect(generateCompany({ seed: 7 }).projects[0]).not.toEqual(generateCompany({ seed: 8 }).projects[0]);
  });

  it("has about 40 projects at scale 1 and grows with the scale", () => {
    expect(generateCompany().projects).toHaveLength(40);
    expect(generateCompany({ scale: 2.5 }).projects).toHaveLength(100);
  });

  it("numbers jobs by start year and sequence, uniquely", () => {
    const jobs = generateCompany({ scale: 3 }).projects.map((p) => p.jobNumber);
    expect(new Set(jobs).size).toBe(jobs.length);
    for (const job of jobs) expect(job).toMatch(/^\d{2}-\d{3,}$/);
  });

  it("has a few large jobs and many small ones", () => {
    const tiers = generateCompany({ scale: 5 }).projects.map((p) => p.tier);
    const share = (tier: string) => tiers.filter((t) => t === tier).length / tiers.length;
    expect(share("large")).toBeLessThan(0.2);
    expect(share("small")).toBeGreaterThan(0.45);
  });

  it("gives vendors and customers unique names and codes of at most 8 characters", () => {
    const company = generateCompany({ scale: 10 });
    for (const list of [company.vendors, company.customers]) {
      expect(new Set(list.map((v) => v.name)).size).toBe(list.length);
      expect(new Set(list.map((v) => v.code)).size).toBe(list.length);
      for (const item of list) expect(item.code.length).toBeLessThanOrEqual(8);
    }
  });

  it("rejects a scale that is not positive", () => {
    expect(() => generateCompany({ scale: 0 })).toThrow("scale must be a positive number, got 0");
  });
});
