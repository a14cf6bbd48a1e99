/**
 * Buyout: a work order contract (subcontract) for each trade on the job, and purchase order
 * contracts for material suppliers. Each division's commitment budget is bought out for a
 * little less than budgeted and split among the contracts of that division.
 */
import type { Project, Vendor } from "../company/types.ts";
import { DAY_MS, isoDate, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { IdSequences } from "./ids.ts";
import { decimalString, roundCents, splitAmount } from "./money.ts";
import { type ActivityWindow, timestamp } from "./timeline.ts";
import type { CommitmentStatus, ProcoreCommitment } from "./types.ts";

/** Trades the company buys material from; `Doors and Hardware` firms only supply. */
const SUPPLY_TRADES = new Set(["Doors and Hardware", "HVAC", "Electrical", "Structural Steel", "Concrete"]);

export interface ProjectCommitments {
  readonly workOrders: ProcoreCommitment[];
  readonly purchaseOrders: ProcoreCommitment[];
}

interface Planned {
  readonly vendor: Vendor;
  readonly kind: "work_order" | "purchase_order";
}

function plan(random: Random, project: Project): Planned[] {
  return project.vendors.flatMap((vendor): Planned[] => {
    if (vendor.trade === "Doors and Hardware") return [{ vendor, kind: "purchase_order" }];
    const sub: Planned = { vendor, kind: "work_order" };
    return SUPPLY_TRADES.has(vendor.trade) && random.chance(0.4)
      ? [sub, { vendor, kind: "purchase_order" }]
      : [sub];
  });
}

/** How far the job has progressed by the world's end, 0..1. */
export function progressOf(project: Project): number {
  const span = project.completionDate - project.startDate;
  return Math.min(1, Math.max(0, (WORLD_END - project.startDate) / span));
}

function statusOf(random: Random, project: Project, progress: number): CommitmentStatus {
  if (project.status === "Unstarted" || project.status === "Pending")
    return random.weighted<CommitmentStatus>([
      ["Draft", 2],
      ["Out For Bid", 2],
      ["Out For Signature", 1],
    ]);
  if (project.status === "Closed" || progress >= 1)
    return random.weighted<CommitmentStatus>([
      ["Complete", 12],
      ["Approved", 2],
      ["Terminated", 0.3],
    ]);
  return random.weighted<CommitmentStatus>([
    ["Approved", 12],
    ["Out For Signature", 1],
    ["Draft", 0.5],
    ["Void", 0.2],
  ]);
}

export function projectCommitments(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  budgetByDivision: ReadonlyMap<string, number>,
): ProjectCommitments {
  const planned = plan(random, project);
  const amounts = amountsByContract(random, planned, budgetByDivision);
  const progress = progressOf(project);
  const records = planned.map((p, i) =>
    commitmentRecord(
      random,
      ids,
      project,
      window,
      p,
      i + 1,
      amounts[i] ?? 0,
      statusOf(random, project, progress),
      progress,
    ),
  );
  return {
    workOrders: records.filter((_, i) => planned[i]?.kind === "work_order"),
    purchaseOrders: records.filter((_, i) => planned[i]?.kind === "purchase_order"),
  };
}

function amountsByContract(
  random: Random,
  planned: readonly Planned[],
  budget: ReadonlyMap<string, number>,
): number[] {
  const amounts = new Array<number>(planned.length).fill(0);
  for (const [division, total] of budget) {
    const members = planned.flatMap((p, i) => (p.vendor.division === division ? [i] : []));
    const bought = roundCents(total * (0.82 + random.next() * 0.16));
    splitAmount(random, bought, members.length).forEach((amount, k) => {
      amounts[members[k]!] = amount;
    });
  }
  return amounts;
}

function commitmentRecord(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  { vendor, kind }: Planned,
  sequence: number,
  amount: number,
  status: CommitmentStatus,
  progress: number,
): ProcoreCommitment {
  const signed = status !== "Draft" && status !== "Out For Bid";
  const contractDate = Math.min(
    WORLD_END,
    Math.max(window.from, project.startDate + random.int(-20, 60) * DAY_MS),
  );
  const created = Math.max(window.from, contractDate - random.int(3, 25) * DAY_MS);
  const deleted = random.chance(0.03);
  const retainage = kind === "work_order" ? (random.chance(0.7) ? 5 : 10) : 0;
  const paidShare = status === "Complete" ? 1 : signed ? progress * (0.75 + random.next() * 0.2) : 0;
  const paid = roundCents(amount * paidShare * (1 - retainage / 100));
  const date = (ms: number | null) => (ms === null || !signed ? null : isoDate(Math.min(ms, WORLD_END)));
  return {
    id: ids.take("commitment"),
    number: `${project.jobNumber}-${String(sequence).padStart(3, "0")}`,
    title: kind === "work_order" ? `${vendor.trade} Subcontract` : `${vendor.trade} Material Supply`,
    description: `${vendor.trade} for ${project.name}`,
    status: deleted ? "Void" : status,
    executed: signed && status !== "Out For Signature",
    private: random.chance(0.15),
    accounting_method: "amount",
    contract_date: date(contractDate),
    contract_start_date: date(Math.max(contractDate, project.startDate)),
    contract_estimated_completion_date: date(project.completionDate),
    actual_completion_date: status === "Complete" ? date(project.completionDate) : null,
    execution_date: date(contractDate + random.int(1, 10) * DAY_MS),
    issued_on_date: date(contractDate - random.int(1, 5) * DAY_MS),
    letter_of_intent_date:
      kind === "work_order" && random.chance(0.3) ? date(contractDate - 14 * DAY_MS) : null,
    returned_date: date(contractDate + random.int(2, 12) * DAY_MS),
    signed_contract_received_date: date(contractDate + random.int(3, 15) * DAY_MS),
    approval_letter_date: null,
    grand_total: decimalString(amount),
    approved_change_orders: "0.00",
    pending_change_orders: "0.00",
    draft_change_orders_amount: "0.00",
    revised_contract: decimalString(amount),
    pending_revised_contract: decimalString(amount),
    total_payments: decimalString(paid),
    percentage_paid: amount > 0 ? ((paid / amount) * 100).toFixed(1) : "0.0",
    remaining_balance_outstanding: decimalString(amount - paid),
    retainage_percent: retainage.toFixed(1),
    total_draw_requests_amount: "0.00",
    total_requisitions_amount: decimalString(roundCents(amount * paidShare)),
    inclusions:
      kind === "work_order"
        ? `All labor, material and equipment for ${vendor.trade.toLowerCase()} work`
        : null,
    exclusions: kind === "work_order" ? "Permits and testing by others" : null,
    requisitions_are_enabled: kind === "work_order",
    show_line_items_to_non_admins: false,
    origin_id: null,
    origin_code: null,
    origin_data: null,
    project: { id: project.procoreId, name: project.name },
    vendor: { id: vendor.procoreId, company: vendor.name },
    currency_configuration: { currency_iso_code: "USD" },
    created_at: timestamp(created),
    updated_at: timestamp(Math.min(WORLD_END, Math.max(created, contractDate + random.int(0, 200) * DAY_MS))),
    deleted_at: deleted ? timestamp(Math.min(WORLD_END, contractDate + random.int(5, 60) * DAY_MS)) : null,
  };
}
