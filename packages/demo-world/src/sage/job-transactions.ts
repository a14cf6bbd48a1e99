/**
 * Job cost transactions (`JCT_CURRENT__TRANSACTION` / `JCT_HISTORY__TRANSACTION`) as a stream.
 * Each job draws from its own random stream and its rows are numbered from an offset computed from
 * the plans of the jobs before it, so one job's rows never require another job's rows, and the
 * whole company (a million rows at scale 100) is generated in bounded memory.
 */
import type { Company, Vendor } from "../company/types.ts";
import { DAY_MS, WORLD_END } from "../dates.ts";
import type { Random } from "../random.ts";
import { LEDGER } from "./chart-of-accounts.ts";
import {
  CURRENT_FISCAL_YEAR,
  KEY_WIDTH,
  padKey,
  roundCents,
  sageDate,
  sageTime,
  yearOf,
} from "./conventions.ts";
import type { CostCategory } from "./cost-codes.ts";
import { type CostLine, type JobPlan, type PlannedCommitment, planJob, sageRandom } from "./job-plan.ts";
import type { TransactionRow, TransactionTableName } from "./tables.ts";

/** Who posts each source's batches. */
const OPERATORS: Readonly<Record<string, string>> = {
  AP: "KCHEN",
  PR: "TLARSEN",
  EQ: "RBROOKS",
  JC: "MALVAREZ",
  AR: "SPATEL",
};

/** Days between the work and the accounting period it is posted to, by source. */
const POSTING_LAG_DAYS: Readonly<Record<string, number>> = { AP: 20, PR: 6, EQ: 10, JC: 10, AR: 0 };

const EQUIPMENT = ["Excavator", "Skid steer", "Telehandler", "Scissor lift", "Crane", "Loader", "Compactor"];
const OTHER_COSTS = [
  "Permit fees",
  "Dumpster rental",
  "Testing and inspection",
  "Small tools",
  "Job site utilities",
  "Printing and plans",
  "Mileage",
];

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const PADDED_ACCOUNT = new Map(LEDGER.map((a) => [a.account, padKey(a.account, KEY_WIDTH.account)]));
const account = (code: string) => PADDED_ACCOUNT.get(code) ?? padKey(code, KEY_WIDTH.account);

export interface PlannedJob {
  readonly plan: JobPlan;
  /** `Row_ID` of the job's first transaction. */
  readonly firstRowId: number;
}

/** The plan of each job in company order, with where its rows start. */
export function* plannedJobs(company: Company): Generator<PlannedJob> {
  let firstRowId = 1;
  for (const project of company.projects) {
    const plan = planJob(company, project);
    yield { plan, firstRowId };
    firstRowId += plan.transactionCount;
  }
}

/** All job cost transactions of the company, job after job, in bounded memory. */
export function* companyTransactions(company: Company): Generator<TransactionRow> {
  for (const { plan, firstRowId } of plannedJobs(company)) yield* jobTransactions(company, plan, firstRowId);
}

/** The same stream in arrays of at most `size` rows, for bulk inserts. */
export function* transactionBatches(company: Company, size: number): Generator<TransactionRow[]> {
  let batch: TransactionRow[] = [];
  for (const row of companyTransactions(company)) {
    batch.push(row);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** CURRENT holds the current fiscal year's postings, HISTORY the years before. */
export function transactionTableOf(row: TransactionRow): TransactionTableName {
  return yearOf(row.Accounting_Date) >= CURRENT_FISCAL_YEAR
    ? "JCT_CURRENT__TRANSACTION"
    : "JCT_HISTORY__TRANSACTION";
}

interface JobContext {
  readonly plan: JobPlan;
  readonly random: Random;
  readonly jobDigits: string;
  readonly commitments: ReadonlyMap<string, PlannedCommitment>;
}

interface Billing {
  readonly date: number;
  readonly amount: number;
  readonly retainage: number;
}

/** One job's transactions in date order: its costs, with the monthly owner billings in between. */
export function* jobTransactions(company: Company, plan: JobPlan, firstRowId = 1): Generator<TransactionRow> {
  const { activity, costTransactionCount: count } = plan;
  if (!activity) return;
  const random = sageRandom(company).fork(`transactions/${plan.project.jobNumber}`);
  const context: JobContext = {
    plan,
    random,
    jobDigits: plan.project.jobNumber.replace("-", ""),
    commitments: new Map(plan.commitments.map((c) => [`${c.vendor.code}/${c.type}`, c])),
  };
  const picker = linePicker(plan.lines);
  const billings = billingSchedule(random.fork("billing"), plan);
  const costs = costDraws(company, plan, picker);
  const span = activity.end - activity.start;
  let rowId = firstRowId;
  let billed = 0;
  for (let i = 0; i < count; i++) {
    const when = Math.min(
      activity.end,
      onWorkday(activity.start + ((i + random.next()) / count) * span, random),
    );
    for (; billed < billings.length && billings[billed]!.date <= when; billed++)
      yield billingRow(context, billings[billed]!, billed, rowId++);
    const { line, amount } = costs.next();
    yield costRow(context, line, amount, when, i, rowId++);
  }
  for (; billed < billings.length; billed++) yield billingRow(context, billings[billed]!, billed, rowId++);
}

type LinePicker = (random: Random) => CostLine;

/**
 * The line and amount of each cost, in order. Sizes are drawn twice from the same replayable
 * stream, first to sum them and then to hand them out scaled, so the job's costs add up to its
 * target instead of wandering off it the way a few dozen skewed draws would.
 */
function costDraws(company: Company, plan: JobPlan, pick: LinePicker) {
  const stream = () => sageRandom(company).fork(`costs/${plan.project.jobNumber}`);
  const draw = (random: Random) => {
    const line = pick(random);
    return { line, size: line.category.size * exponential(random) };
  };
  const sizing = stream();
  let total = 0;
  for (let i = 0; i < plan.costTransactionCount; i++) total += draw(sizing).size;
  const perSize = plan.costTarget / total;
  const replay = stream();
  return {
    next(): { line: CostLine; amount: number } {
      const { line, size } = draw(replay);
      return { line, amount: size * perSize };
    },
  };
}

/** Picks a cost line by how often its category posts. */
function linePicker(lines: readonly CostLine[]): LinePicker {
  const cumulative: number[] = [];
  let total = 0;
  for (const line of lines) {
    total += line.category.frequency;
    cumulative.push(total);
  }
  return (random: Random): CostLine => {
    const roll = random.next() * total;
    let index = 0;
    while (cumulative[index]! <= roll) index++;
    return lines[index]!;
  };
}

/** Mean 1 with a long right tail: most entries are small, a few are large. */
function exponential(random: Random): number {
  return -Math.log(1 - random.next());
}

function onWorkday(ms: number, random: Random): number {
  const day = Math.floor(ms / DAY_MS) * DAY_MS;
  const weekday = new Date(day).getUTCDay();
  const shift = weekday === 0 ? 1 : weekday === 6 ? 2 : 0;
  return day + shift * DAY_MS + random.int(7 * 3600, 17 * 3600) * 1000;
}

/** Month-end progress billings adding up to what the job billed in all. */
function billingSchedule(random: Random, plan: JobPlan): Billing[] {
  const closed = plan.project.status === "Closed";
  const share = closed ? 1 : Math.min(1, plan.progress * random.money(0.9, 1.05));
  const totalCents = Math.round(plan.revisedContract * share * 100);
  const weights = plan.billingDates.map(() => 0.5 + random.next());
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  let remaining = totalCents;
  return plan.billingDates.map((date, index) => {
    const last = index === weights.length - 1;
    const cents = last ? remaining : Math.floor((totalCents * weights[index]!) / weightSum);
    remaining -= cents;
    const amount = cents / 100;
    return { date, amount, retainage: roundCents((amount * plan.retainagePercent) / 100) };
  });
}

function billingRow(context: JobContext, billing: Billing, index: number, rowId: number): TransactionRow {
  const date = sageDate(billing.date);
  const month = `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
  return {
    Job: context.plan.paddedJob,
    Extra: "",
    Cost_Code: "",
    Category: "",
    Transaction_Type: "Work billed",
    Amount: billing.amount,
    Units: 0,
    Unit_Cost: 0,
    Accounting_Date: date,
    Transaction_Date: date,
    Vendor: "",
    Invoice: padKey(`${context.jobDigits}-B${String(index + 1).padStart(2, "0")}`, KEY_WIDTH.invoice),
    Commitment: "",
    Commitment_Type: "",
    Change_Order: "",
    Description: `Progress billing ${month}`,
    Batch: batchOf("AR", date),
    Source: "AR",
    Retainage: billing.retainage,
    Debit_Account: account("1200-00"),
    Credit_Account: account("4000-00"),
    Date_Stamp: date,
    Time_Stamp: sageTime(billing.date),
    Operator_Stamp: OPERATORS.AR!,
    Row_ID: rowId,
  };
}

interface Measured {
  readonly amount: number;
  readonly units: number;
  readonly unitCost: number;
}

/** Amount, units and unit cost the way each category records them (hours, quantities, lump sums). */
function measure(category: CostCategory, amount: number, random: Random): Measured {
  const credit = (category.code === "M" || category.code === "O") && random.chance(0.015);
  const signed = credit ? -amount * 0.25 : amount;
  if (category.code === "L" || category.code === "E") {
    const rate = category.code === "L" ? random.money(38, 92) : random.money(55, 240);
    const hours = Math.max(0.5, roundCents(Math.abs(signed) / rate)) * Math.sign(signed);
    return { amount: roundCents(hours * rate), units: hours, unitCost: rate };
  }
  if (category.code === "M") {
    const quantity = random.int(1, 400) * Math.sign(signed);
    const unitCost = Math.max(0.01, roundCents(signed / quantity));
    return { amount: roundCents(quantity * unitCost), units: quantity, unitCost };
  }
  return { amount: roundCents(signed), units: 0, unitCost: 0 };
}

function costRow(
  context: JobContext,
  line: CostLine,
  rawAmount: number,
  when: number,
  index: number,
  rowId: number,
): TransactionRow {
  const { plan, random } = context;
  const category = line.category;
  const measured = measure(category, rawAmount, random);
  const vendor = line.vendors.length > 0 ? random.pick(line.vendors) : undefined;
  const commitment = vendor ? commitmentOf(context, vendor, category) : undefined;
  const posted = Math.min(WORLD_END, when + random.int(0, POSTING_LAG_DAYS[category.source] ?? 0) * DAY_MS);
  const accountingDate = sageDate(posted);
  return {
    Job: plan.paddedJob,
    Extra: "",
    Cost_Code: line.paddedCostCode,
    Category: line.paddedCategory,
    Transaction_Type: category.transactionType,
    Amount: measured.amount,
    Units: measured.units,
    Unit_Cost: measured.unitCost,
    Accounting_Date: accountingDate,
    Transaction_Date: sageDate(when),
    Vendor: vendor ? padKey(vendor.code, KEY_WIDTH.vendor) : "",
    Invoice: vendor
      ? padKey(`${context.jobDigits}-${String(index + 1).padStart(4, "0")}`, KEY_WIDTH.invoice)
      : "",
    Commitment: commitment?.commitment ?? "",
    Commitment_Type: commitment?.type ?? "",
    Change_Order: "",
    Description: describe(category, line, when, random),
    Batch: batchOf(category.source, accountingDate),
    Source: category.source,
    Retainage: category.code === "S" ? roundCents((measured.amount * plan.retainagePercent) / 100) : 0,
    Debit_Account: account(category.debit.account),
    Credit_Account: account(category.credit.account),
    Date_Stamp: accountingDate,
    Time_Stamp: sageTime(posted),
    Operator_Stamp: OPERATORS[category.source]!,
    Row_ID: rowId,
  };
}

function commitmentOf(
  context: JobContext,
  vendor: Vendor,
  category: CostCategory,
): PlannedCommitment | undefined {
  const type = category.code === "S" ? "Subcontract" : "Purchase order";
  return context.commitments.get(`${vendor.code}/${type}`);
}

function describe(category: CostCategory, line: CostLine, when: number, random: Random): string {
  switch (category.code) {
    case "L":
      return `Payroll w/e ${weekEnding(when)}`;
    case "E":
      return `${random.pick(EQUIPMENT)} - ${line.costCode.description}`;
    case "O":
      return random.pick(OTHER_COSTS);
    case "M":
      return `Materials - ${line.costCode.description}`;
    case "S":
      return `Progress billing - ${line.costCode.description}`;
  }
}

/** `MM/DD/YY` of the Sunday ending the week of `ms`. */
function weekEnding(ms: number): string {
  const day = new Date(ms);
  const sunday = new Date(ms + ((7 - day.getUTCDay()) % 7) * DAY_MS).toISOString();
  return `${sunday.slice(5, 7)}/${sunday.slice(8, 10)}/${sunday.slice(2, 4)}`;
}

/** Batches are per source and posting day, e.g. `AP250314`. */
function batchOf(source: string, date: string): string {
  return `${source}${date.slice(2, 4)}${date.slice(5, 7)}${date.slice(8, 10)}`;
}
