/**
 * The cost structure jobs are estimated and costed against: CSI MasterFormat cost codes
 * (`03-100`) and the five cost categories. A job gets the general-conditions codes plus the codes
 * of the divisions its vendors work in, so every subcontract or material cost has a vendor of the
 * right trade.
 */
import { ACCOUNTS, type LedgerAccount } from "./chart-of-accounts.ts";
import type { CategoryCode, TransactionType } from "./tables.ts";

export interface CostCategory {
  readonly code: CategoryCode;
  readonly description: string;
  readonly transactionType: TransactionType;
  readonly source: string;
  readonly debit: LedgerAccount;
  readonly credit: LedgerAccount;
  /** Share of a job's transactions in this category (relative). */
  readonly frequency: number;
  /** Size of a typical transaction relative to a labor entry. */
  readonly size: number;
}

export const CATEGORIES: Readonly<Record<CategoryCode, CostCategory>> = {
  L: {
    code: "L",
    description: "Labor",
    transactionType: "PR cost",
    source: "PR",
    debit: ACCOUNTS.laborCost,
    credit: ACCOUNTS.accruedPayroll,
    frequency: 40,
    size: 1,
  },
  M: {
    code: "M",
    description: "Material",
    transactionType: "AP cost",
    source: "AP",
    debit: ACCOUNTS.materialCost,
    credit: ACCOUNTS.payable,
    frequency: 25,
    size: 1.6,
  },
  S: {
    code: "S",
    description: "Subcontract",
    transactionType: "AP cost",
    source: "AP",
    debit: ACCOUNTS.subcontractCost,
    credit: ACCOUNTS.payable,
    frequency: 20,
    size: 6,
  },
  E: {
    code: "E",
    description: "Equipment",
    transactionType: "EQ cost",
    source: "EQ",
    debit: ACCOUNTS.equipmentCost,
    credit: ACCOUNTS.equipmentRevenue,
    frequency: 8,
    size: 0.6,
  },
  O: {
    code: "O",
    description: "Other",
    transactionType: "JC cost",
    source: "JC",
    debit: ACCOUNTS.otherCost,
    credit: ACCOUNTS.accruedJobExpense,
    frequency: 7,
    size: 0.4,
  },
};

export interface CostCode {
  readonly code: string;
  readonly description: string;
  readonly division: string;
  readonly categories: readonly CategoryCode[];
}

/** Every job carries these, whatever its trades. */
export const GENERAL_CONDITIONS: readonly CostCode[] = [
  { code: "01-100", description: "General Conditions", division: "01", categories: ["L", "E", "O"] },
  { code: "01-300", description: "Project Management", division: "01", categories: ["L", "O"] },
  { code: "01-500", description: "Temporary Facilities", division: "01", categories: ["E", "O"] },
];

/** Codes by CSI division, for the divisions the company's vendors work in. */
export const TRADE_COST_CODES: readonly CostCode[] = [
  { code: "03-100", description: "Concrete Forming", division: "03", categories: ["L", "M", "S"] },
  { code: "03-300", description: "Cast-in-Place Concrete", division: "03", categories: ["L", "M", "S"] },
  { code: "04-200", description: "Unit Masonry", division: "04", categories: ["M", "S"] },
  { code: "05-100", description: "Structural Steel Framing", division: "05", categories: ["M", "S"] },
  { code: "06-100", description: "Rough Carpentry", division: "06", categories: ["L", "M", "S"] },
  { code: "07-500", description: "Membrane Roofing", division: "07", categories: ["M", "S"] },
  { code: "08-100", description: "Doors and Frames", division: "08", categories: ["M", "S"] },
  { code: "08-700", description: "Door Hardware", division: "08", categories: ["M"] },
  { code: "09-200", description: "Gypsum Board", division: "09", categories: ["M", "S"] },
  { code: "09-900", description: "Painting and Coating", division: "09", categories: ["M", "S"] },
  { code: "21-100", description: "Fire Suppression", division: "21", categories: ["S"] },
  { code: "22-100", description: "Plumbing", division: "22", categories: ["M", "S"] },
  { code: "23-100", description: "HVAC", division: "23", categories: ["M", "S"] },
  { code: "26-100", description: "Electrical", division: "26", categories: ["M", "S"] },
  { code: "27-100", description: "Communications", division: "27", categories: ["S"] },
  { code: "31-200", description: "Earthwork", division: "31", categories: ["L", "E", "S"] },
  { code: "32-100", description: "Paving", division: "32", categories: ["M", "S"] },
  { code: "33-100", description: "Site Utilities", division: "33", categories: ["M", "S"] },
];

/** The cost codes of a job whose vendors work in `divisions`, in code order. */
export function costCodesFor(divisions: ReadonlySet<string>): CostCode[] {
  return [...GENERAL_CONDITIONS, ...TRADE_COST_CODES.filter((c) => divisions.has(c.division))];
}
