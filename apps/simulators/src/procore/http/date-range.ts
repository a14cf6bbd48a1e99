/**
 * Procore's date-range filter values: `start...end`, ISO 8601 dates or date-times (UTC `Z` or an
 * explicit offset), optionally wrapped in double quotes as the docs show them. Bounds are
 * inclusive; a date-only end bound covers that whole day (UTC).
 */
import { badRequest } from "./procore-error.ts";

export interface DateRange {
  readonly from: number;
  readonly to: number;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function bound(text: string, end: boolean, raw: string): number {
  const value = text.trim();
  if (DATE_ONLY.test(value)) {
    const day = Date.parse(`${value}T00:00:00Z`);
    if (!Number.isNaN(day)) return end ? day + DAY_MS - 1 : day;
  } else if (DATE_TIME.test(value)) {
    const moment = Date.parse(value);
    if (!Number.isNaN(moment)) return moment;
  }
  throw badRequest(`Invalid date range '${raw}': expected YYYY-MM-DD...YYYY-MM-DD or ISO 8601 date-times`);
}

export function parseDateRange(raw: string): DateRange {
  const unquoted = raw.trim().replace(/^"(.*)"$/, "$1");
  const parts = unquoted.split("...");
  if (parts.length !== 2) throw badRequest(`Invalid date range '${raw}': expected start...end`);
  const from = bound(parts[0] ?? "", false, raw);
  const to = bound(parts[1] ?? "", true, raw);
  return { from, to };
}

export function inRange(range: DateRange, iso: string | null): boolean {
  if (iso === null) return false;
  const moment = Date.parse(iso);
  return moment >= range.from && moment <= range.to;
}
