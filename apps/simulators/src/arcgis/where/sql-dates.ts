/** The date and time literals of standardized queries, read strictly: ArcGIS rejects anything else. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?$/;

const UNIT_MS = { DAY: 86_400_000, HOUR: 3_600_000, MINUTE: 60_000, SECOND: 1_000 } as const;
export type IntervalUnit = keyof typeof UNIT_MS;

export function isIntervalUnit(word: string): word is IntervalUnit {
  return Object.hasOwn(UNIT_MS, word);
}

/** Epoch ms (UTC) of `YYYY-MM-DD`, or null when the text is not a real calendar date. */
export function parseDate(text: string): number | null {
  const match = DATE.exec(text);
  if (!match) return null;
  return utc(Number(match[1]), Number(match[2]), Number(match[3]), 0, 0, 0, 0);
}

/** Epoch ms (UTC) of `YYYY-MM-DD HH:MI:SS[.fff]`, or null. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction] = match;
  const ms = fraction ? Number(fraction.padEnd(3, "0")) : 0;
  return utc(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), ms);
}

/** `INTERVAL 'n' unit` in milliseconds, or null when `n` is not a number. */
export function intervalMilliseconds(amount: string, unit: IntervalUnit): number | null {
  if (!/^\s*-?\d+(\.\d+)?\s*$/.test(amount)) return null;
  return Number(amount) * UNIT_MS[unit];
}

function utc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
) {
  if (hour > 23 || minute > 59 || second > 59) return null;
  const value = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const check = new Date(value);
  // Date.UTC rolls 2024-02-30 over into March; a real date reads back unchanged.
  const real =
    check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
  return real ? value : null;
}
