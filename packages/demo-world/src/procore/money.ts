/** Money helpers: cents-exact splitting and the decimal strings Procore uses for contract amounts. */
import type { Random } from "../random.ts";

export function roundCents(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Procore's decimal-string money, e.g. `"125000.5"` becomes `"125000.50"`. */
export function decimalString(value: number): string {
  return roundCents(value).toFixed(2);
}

/** Splits `total` into `parts` random shares with cents that add up to `total` exactly. */
export function splitAmount(random: Random, total: number, parts: number): number[] {
  if (parts <= 0) return [];
  const weights = Array.from({ length: parts }, () => 0.3 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const totalCents = Math.round(total * 100);
  const cents = weights.map((w) => Math.floor((totalCents * w) / sum));
  cents[cents.length - 1]! += totalCents - cents.reduce((a, b) => a + b, 0);
  return cents.map((c) => c / 100);
}
