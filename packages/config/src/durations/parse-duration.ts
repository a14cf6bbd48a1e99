/**
 * Durations as an admin writes them in `headgate.yaml` or the admin API: a number of seconds
 * (`300`), or text of one or more amounts with a unit (`30s`, `5m`, `1h`, `1h30m`, `1d`). One
 * parser, so every setting that takes a duration reads the same forms and names them alike.
 */

/** The accepted forms, for messages that refuse a value. */
export const DURATION_FORMS = "a number of seconds, or text such as 30s, 5m, 1h or 1h30m";

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

/**
 * The duration in whole milliseconds, or undefined when `value` is not one of the accepted forms
 * (negative, not finite, an empty text, an unknown unit). Fractions round to the nearest ms.
 */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === "number")
    return Number.isFinite(value) && value >= 0 ? Math.round(value * 1_000) : undefined;
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase().replaceAll(" ", "");
  if (!WHOLE.test(text)) return undefined;
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit!]!;
  return Math.round(total);
}

/** `90000` ms → `1m30s`, `86400000` → `24h`: how messages show a duration. */
export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms}ms`;
  const seconds = Math.round(ms / 1_000);
  const parts = [
    [Math.floor(seconds / 3_600), "h"],
    [Math.floor((seconds % 3_600) / 60), "m"],
    [seconds % 60, "s"],
  ] as const;
  return parts
    .filter(([amount]) => amount > 0)
    .map(([amount, unit]) => `${amount}${unit}`)
    .join("");
}
