/**
 * The accounting plan of one job: its contract and estimate, how far it got, its cost lines and
 * commitments, and how many job cost transactions it has. A plan takes a handful of draws from
 * the job's own random stream, so any job's plan (and its transaction count) is known without
 * generating a single transaction, and without looking at any other job.
 */

import type { Company, Project, ProjectTier, Vendor } from "../company/types.ts";
import { DAY_MS, WORLD_END } from "../dates.ts";
import { createRandom, type Random } from "../random.ts";
import { KEY_WIDTH, padKey, roundCents } from "./conventions.ts";
import { CATEGORIES, type CostCategory, type CostCode, costCodesFor } from "./cost-codes.ts";
import type { CommitmentType } from "./tables.ts";

/** One cost code and category of a job, with the vendors who can bill it. */
export interface CostLine {
  readonly costCode: CostCode;
  readonly category: CostCategory;
  readonly paddedCostCode: string;
  readonly paddedCategory: string;
  /** Vendors of the code's division on this job; empty for categories nobody invoices. */
  readonly vendors: readonly Vendor[];
  readonly originalEstimate: number;
}

export interface PlannedCommitment {
  /** Padded commitment id, e.g. `23-104-03  `. */
  readonly commitment: string;
  readonly vendor: Vendor;
  readonly type: CommitmentType;
  readonly originalAmount: number;
}

export interface JobPlan {
  readonly project: Project;
  readonly paddedJob: string;
  readonly contractDate: number;
  readonly contractType: string;
  readonly retainagePercent: number;
  readonly approvedChanges: number;
  readonly revisedContract: number;
  readonly originalEstimate: number;
  readonly totalEstimate: number;
  /** When costs were incurred (epoch ms), or null when the job has not started. */
  readonly activity: { readonly start: number; readonly end: number } | null;
  /** Physical progress at the end of the world, 0..1. */
  readonly progress: number;
  /** What the job's costs add up to, approximately (the transactions decide exactly). */
  readonly costTarget: number;
  readonly lines: readonly CostLine[];
  readonly commitments: readonly PlannedCommitment[];
  readonly costTransactionCount: number;
  /** Month ends at which the job billed the owner. */
  readonly billingDates: readonly number[];
  /** Cost transactions plus billing transactions. */
  readonly transactionCount: number;
}

/** Cost transactions per month of activity: large jobs post far more than small ones. */
const MONTHLY_TRANSACTIONS: Readonly<Record<ProjectTier, number>> = { large: 70, medium: 26, small: 15 };

const MONTH_MS = 30 * DAY_MS;

/** The root of every Sage stream, so Sage never shifts other systems' values. */
export function sageRandom(company: Company): Random {
  return createRandom(company.seed, "sage");
}

export function planJob(company: Company, project: Project): JobPlan {
  const random = sageRandom(company).fork(`plan/${project.jobNumber}`);
  const activity = activityOf(random, project);
  const progress = progressOf(project, activity);
  const margin = random.money(0.05, 0.14);
  const contract = project.contractAmount;
  const approvedChanges = activity ? roundCents(contract * progress * random.money(-0.01, 0.09)) : 0;
  const lines = costLines(project, roundCents(contract * (1 - margin)));
  const originalEstimate = roundCents(lines.reduce((sum, line) => sum + line.originalEstimate, 0));
  const totalEstimate = roundCents(originalEstimate + approvedChanges * (1 - margin));
  const costTransactionCount = activity ? costCountOf(random, project.tier, activity) : 0;
  const billingDates = activity ? monthEnds(activity.start, activity.end) : [];
  return {
    project,
    paddedJob: padKey(project.jobNumber, KEY_WIDTH.job),
    contractDate: project.startDate - random.int(14, 75) * DAY_MS,
    contractType: contractTypeOf(random, project),
    retainagePercent: project.tier === "small" ? random.pick([0, 5]) : random.pick([5, 10]),
    approvedChanges,
    revisedContract: roundCents(contract + approvedChanges),
    originalEstimate,
    totalEstimate,
    activity,
    progress,
    costTarget: totalEstimate * progress * random.money(0.92, 1.08),
    lines,
    commitments: plannedCommitments(project, lines),
    costTransactionCount,
    billingDates,
    transactionCount: costTransactionCount + billingDates.length,
  };
}

function activityOf(random: Random, project: Project): JobPlan["activity"] {
  const start = project.startDate;
  const end = Math.min(project.completionDate, WORLD_END);
  switch (project.status) {
    case "Unstarted":
    case "Pending":
      return null;
    case "Closed":
      return { start, end: project.completionDate };
    case "Hold":
      return { start, end: start + (end - start) * random.money(0.4, 0.8) };
    case "In Progress":
      return { start, end: WORLD_END };
  }
}

function progressOf(project: Project, activity: JobPlan["activity"]): number {
  if (!activity) return 0;
  if (project.status === "Closed") return 1;
  const elapsed = (activity.end - project.startDate) / (project.completionDate - project.startDate);
  return Math.min(0.97, Math.max(0.03, elapsed));
}

function costCountOf(random: Random, tier: ProjectTier, activity: { start: number; end: number }): number {
  const months = (activity.end - activity.start) / MONTH_MS;
  return Math.max(3, Math.round(MONTHLY_TRANSACTIONS[tier] * months * random.money(0.75, 1.25)));
}

function contractTypeOf(random: Random, project: Project): string {
  if (project.type === "Civil")
    return random.weighted([
      ["Unit price", 3],
      ["Lump sum", 1],
    ]);
  return random.weighted([
    ["Lump sum", 6],
    ["GMP", 3],
    ["Cost plus", 1],
  ]);
}

/** The last day of each calendar month from the one of `start` to the one of `end`. */
function monthEnds(start: number, end: number): number[] {
  const dates: number[] = [];
  const first = new Date(start);
  for (let month = first.getUTCMonth(), year = first.getUTCFullYear(); ; month++) {
    const monthEnd = Date.UTC(year, month + 1, 0, 16);
    dates.push(Math.min(monthEnd, end));
    if (monthEnd >= end) return dates;
  }
}

/** Lines of the job's codes; the estimate is spread by each category's expected share of cost. */
function costLines(project: Project, estimate: number): CostLine[] {
  const codes = costCodesFor(new Set(project.vendors.map((v) => v.division)));
  const pairs = codes.flatMap((code) => code.categories.map((c) => ({ code, category: CATEGORIES[c] })));
  const weightOf = (c: CostCategory) => c.frequency * c.size;
  const totalWeight = pairs.reduce((sum, p) => sum + weightOf(p.category), 0);
  return pairs.map(({ code, category }) => ({
    costCode: code,
    category,
    paddedCostCode: padKey(code.code, KEY_WIDTH.costCode),
    paddedCategory: padKey(category.code, KEY_WIDTH.category),
    vendors: category.transactionType === "AP cost" ? vendorsOf(project, code.division) : [],
    originalEstimate: roundCents((estimate * weightOf(category)) / totalWeight),
  }));
}

function vendorsOf(project: Project, division: string): Vendor[] {
  return project.vendors.filter((v) => v.division === division);
}

/** A subcontract for each vendor's subcontract lines and a purchase order for its material lines. */
function plannedCommitments(project: Project, lines: readonly CostLine[]): PlannedCommitment[] {
  const commitments: PlannedCommitment[] = [];
  for (const vendor of project.vendors) {
    for (const [category, type] of [
      ["S", "Subcontract"],
      ["M", "Purchase order"],
    ] as const) {
      const share = lines
        .filter((l) => l.category.code === category && l.vendors.includes(vendor))
        .reduce((sum, l) => sum + l.originalEstimate / l.vendors.length, 0);
      if (share === 0) continue;
      const id = `${project.jobNumber}-${String(commitments.length + 1).padStart(2, "0")}`;
      commitments.push({
        commitment: padKey(id, KEY_WIDTH.commitment),
        vendor,
        type,
        originalAmount: roundCents(share),
      });
    }
  }
  return commitments;
}

/** Job cost transactions of the whole company, from the plans alone. */
export function expectedTransactionCount(company: Company): number {
  return company.projects.reduce((sum, project) => sum + planJob(company, project).transactionCount, 0);
}
