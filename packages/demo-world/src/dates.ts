/**
 * The demo world's calendar: three years of activity, ending on a fixed date so the data does
 * not change with the day it is generated.
 */
import type { Random } from "./random.ts";

export const WORLD_START = Date.UTC(2023, 0, 1);
export const WORLD_END = Date.UTC(2025, 11, 31, 23, 59, 59);
const DAY = 86_400_000;

/** `YYYY-MM-DD` of an epoch millisecond value. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Canonical UTC date-time (`Date#toISOString`, second precision). */
export function isoDateTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY;
}

/** A moment between `from` and `to` (epoch ms), on a working day between 7:00 and 17:00 UTC. */
export function randomMoment(random: Random, from: number, to: number): number {
  const day = Math.floor((from + random.next() * Math.max(0, to - from)) / DAY) * DAY;
  const weekday = new Date(day).getUTCDay();
  const shift = weekday === 0 ? DAY : weekday === 6 ? 2 * DAY : 0;
  return Math.min(to, day + shift + random.int(7 * 3600, 17 * 3600) * 1000);
}

export const DAY_MS = DAY;
