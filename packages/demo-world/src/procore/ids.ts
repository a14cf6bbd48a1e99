/**
 * Record ids. Each record type counts up from its own base, far from the others, so ids look
 * like Procore's (large integers, unique per type) and stay stable for a given seed and scale.
 */
const BASES = {
  rfi: 14_200_000,
  rfiQuestion: 15_300_000,
  submittal: 21_600_000,
  specificationSection: 23_100_000,
  observation: 8_800_000,
  budgetLineItem: 7_868_000,
  costCode: 40_000_000,
  commitment: 6_100_000,
  changeOrderPackage: 5_200_000,
  dailyLogHeader: 30_000_000,
} as const;

export type IdKind = keyof typeof BASES;

export class IdSequences {
  private readonly next = new Map<IdKind, number>();

  take(kind: IdKind): number {
    const id = this.next.get(kind) ?? BASES[kind];
    this.next.set(kind, id + 1);
    return id;
  }
}

/** Procore user id of a vendor's primary contact (vendor contacts are Procore users too). */
export function vendorContactUserId(vendorIndex: number): number {
  return 7_500_000 + vendorIndex;
}

export const BUDGET_VIEW_ID = 117_217;
export const FORECAST_VIEW_ID = 117_218;
