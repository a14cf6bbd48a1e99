/**
 * Date-times the way Graph writes SharePoint values. Date-only columns are the awkward part:
 * SharePoint stores them as midnight in the site's time zone (Pacific for this company) and
 * Graph returns that instant in UTC, so `2024-03-05` arrives as `2024-03-05T08:00:00Z`, or
 * `T07:00:00Z` in daylight saving time. Connectors must not read the UTC date naively.
 */
import { DAY_MS } from "../dates.ts";

/** `2024-03-05T17:12:09Z`: second precision, no milliseconds. */
export function graphDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** The day of month of the n-th Sunday (1-based) of a UTC month. */
function nthSunday(year: number, month: number, n: number): number {
  const firstWeekday = new Date(Date.UTC(year, month, 1)).getUTCDay();
  return 1 + ((7 - firstWeekday) % 7) + (n - 1) * 7;
}

/** Whether local midnight of this calendar day is in US Pacific daylight time (rules since 2007). */
function isPacificDaylightAtMidnight(year: number, month: number, day: number): boolean {
  const date = Date.UTC(year, month, day);
  // The switches happen at 2:00, so midnight of the March switch day is still standard time
  // and midnight of the November switch day is still daylight time.
  const start = Date.UTC(year, 2, nthSunday(year, 2, 2));
  const end = Date.UTC(year, 10, nthSunday(year, 10, 1));
  return date > start && date <= end;
}

/** A date-only column value for the calendar day of `ms` (read in UTC): Pacific midnight in UTC. */
export function graphDateOnly(ms: number): string {
  const day = new Date(Math.floor(ms / DAY_MS) * DAY_MS);
  const [year, month, date] = [day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()];
  const offsetHours = isPacificDaylightAtMidnight(year, month, date) ? 7 : 8;
  return graphDateTime(Date.UTC(year, month, date, offsetHours));
}

/** The latest of `since` and Graph date-times (which sort as text). */
export function latestDateTime(since: string, dates: readonly string[]): string {
  let latest = since;
  for (const date of dates) if (date > latest) latest = date;
  return latest;
}
