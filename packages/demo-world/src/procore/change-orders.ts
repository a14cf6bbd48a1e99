/**
 * Commitment change order packages, and the contract totals they roll up into: approved
 * packages revise the contract, pending and draft ones show as pending amounts.
 */
import type { Project } from "../company/types.ts";
import { DAY_MS, isoDate, randomMoment, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import type { IdSequences } from "./ids.ts";
import { decimalString, roundCents } from "./money.ts";
import { type ActivityWindow, timestamp } from "./timeline.ts";
import type {
  ChangeOrderStatus,
  ProcoreChangeOrderPackage,
  ProcoreCommitment,
  ProcoreUserRef,
} from "./types.ts";

const CHANGE_REASONS = [
  "Owner request",
  "Design clarification",
  "Unforeseen condition",
  "Code requirement",
  "Value engineering",
];

function statusOf(random: Random, project: Project): ChangeOrderStatus {
  return project.status === "Closed"
    ? random.weighted<ChangeOrderStatus>([
        ["approved", 8],
        ["rejected", 1],
        ["void", 0.5],
      ])
    : random.weighted<ChangeOrderStatus>([
        ["approved", 6],
        ["pending", 2],
        ["draft", 1],
        ["rejected", 1],
        ["void", 0.3],
      ]);
}

export function changeOrderPackages(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  contracts: readonly ProcoreCommitment[],
  reviewer: ProcoreUserRef,
): ProcoreChangeOrderPackage[] {
  const maxPerContract = project.tier === "large" ? 6 : project.tier === "medium" ? 3 : 1;
  const signed = contracts.filter((c) => c.executed && c.deleted_at === null);
  return signed.flatMap((contract) =>
    Array.from({ length: random.int(0, maxPerContract) }, (_, i) =>
      packageRecord(random, ids, project, window, contract, i + 1, reviewer),
    ),
  );
}

function packageRecord(
  random: Random,
  ids: IdSequences,
  project: Project,
  window: ActivityWindow,
  contract: ProcoreCommitment,
  sequence: number,
  reviewer: ProcoreUserRef,
): ProcoreChangeOrderPackage {
  const status = statusOf(random, project);
  const base = Number(contract.grand_total);
  const sign = random.chance(0.85) ? 1 : -1;
  const amount = roundCents(sign * base * (0.005 + random.next() ** 2 * 0.07));
  const created = randomMoment(random, Math.max(window.from, project.startDate), window.to);
  const reviewed =
    status === "approved" || status === "rejected"
      ? Math.min(WORLD_END, created + random.int(3, 30) * DAY_MS)
      : null;
  return {
    id: ids.take("changeOrderPackage"),
    contract_id: contract.id,
    number: String(sequence).padStart(3, "0"),
    title: `${random.pick(CHANGE_REASONS)} - ${contract.title.replace(/ (Subcontract|Material Supply)$/, "")}`,
    status,
    executed: status === "approved" && random.chance(0.9),
    revision: 0,
    grand_total: decimalString(amount),
    due_date: random.chance(0.7) ? isoDate(created + random.int(7, 21) * DAY_MS) : null,
    invoiced_date: null,
    paid_date: null,
    reviewed_at: reviewed === null ? null : timestamp(reviewed),
    signed_change_order_received_date: status === "approved" && reviewed !== null ? isoDate(reviewed) : null,
    designated_reviewer: reviewer,
    created_by_id: reviewer.id,
    origin_id: null,
    origin_code: null,
    origin_data: null,
    currency_configuration: { currency_iso_code: "USD" },
    custom_fields: {},
    created_at: timestamp(created),
    updated_at: timestamp(reviewed ?? created),
    deleted_at: null,
  };
}

/** The contract with its change order amounts rolled up. */
export function withChangeOrders(
  contract: ProcoreCommitment,
  packages: readonly ProcoreChangeOrderPackage[],
): ProcoreCommitment {
  const sum = (status: ChangeOrderStatus) =>
    roundCents(
      packages
        .filter((p) => p.contract_id === contract.id && p.status === status)
        .reduce((total, p) => total + Number(p.grand_total), 0),
    );
  const approved = sum("approved");
  const pending = sum("pending");
  const revised = roundCents(Number(contract.grand_total) + approved);
  // A completed contract has been paid in full, retainage released.
  const complete = contract.status === "Complete";
  const paid = complete ? revised : Number(contract.total_payments);
  return {
    ...contract,
    approved_change_orders: decimalString(approved),
    pending_change_orders: decimalString(pending),
    draft_change_orders_amount: decimalString(sum("draft")),
    revised_contract: decimalString(revised),
    pending_revised_contract: decimalString(revised + pending),
    total_payments: decimalString(paid),
    total_requisitions_amount: complete ? decimalString(revised) : contract.total_requisitions_amount,
    remaining_balance_outstanding: decimalString(revised - paid),
    percentage_paid: revised > 0 ? ((paid / revised) * 100).toFixed(1) : "0.0",
  };
}
