/**
 * How Sage 300 CRE stores values (upstreams.md §5.2): keys are fixed-width strings padded with
 * spaces on the right, "none" is `''` rather than NULL, money is a double with cents, and dates
 * are DATE values with the time of posting kept apart as a `HH:MM:SS` string.
 */
import { WORLD_END } from "../dates.ts";

/** Widths of the fixed-width key columns, as the Timberline dictionary declares them. */
export const KEY_WIDTH = {
  job: 10,
  extra: 10,
  costCode: 12,
  category: 3,
  vendor: 10,
  customer: 10,
  commitment: 10,
  invoice: 15,
  account: 12,
  batch: 10,
  operator: 10,
} as const;

/** The fiscal year whose transactions are in the CURRENT tables; earlier years are in HISTORY. */
export const CURRENT_FISCAL_YEAR = new Date(WORLD_END).getUTCFullYear();

/** A DATE value as the SQL literal both SQLite and Postgres read back as the same day. */
export type SageDate = string;

/** Pads a key to its fixed width. A key longer than the width is a generator bug, not data. */
export function padKey(value: string, width: number): string {
  if (value.length > width) throw new RangeError(`key '${value}' is wider than ${width} characters`);
  return value.padEnd(width, " ");
}

/** Money rounded to cents, kept as a double like Sage does. */
export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/** Whole cents of an amount, so sums of many amounts stay exact. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

export function sageDate(ms: number): SageDate {
  return new Date(ms).toISOString().slice(0, 10);
}

export function sageTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

export function yearOf(date: SageDate): number {
  return Number(date.slice(0, 4));
}
