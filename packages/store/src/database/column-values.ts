/**
 * Reading column values the same way on both dialects. Instants are stored as epoch
 * milliseconds in BIGINT columns (identical on SQLite and Postgres, sortable, no time-zone
 * conversions); pg returns BIGINT as a string, SQLite as a number.
 */

export function toMillis(value: unknown): number {
  const millis = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(millis)) throw new TypeError(`expected epoch milliseconds, got ${typeof value}`);
  return millis;
}

export function toDate(value: unknown): Date {
  return new Date(toMillis(value));
}

export function toOptionalDate(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/** The case-insensitive form names are unique by: "Procore" and "procore" would only confuse. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}
