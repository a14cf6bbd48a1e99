/**
 * `orderByFields` (`"FIELD [ASC|DESC], ..."`) and the row ordering it asks for. NULLs sort first
 * ascending and last descending (SQL Server's order, which hosted layers use).
 */
import { invalidParameter } from "../errors.ts";
import type { Value } from "../model.ts";
import { commaList } from "./field-lookup.ts";

export interface SortKey {
  readonly name: string;
  readonly descending: boolean;
}

/** Keys naming one of `available` (case-insensitively), reported with its real spelling. */
export function parseOrderBy(text: string, available: readonly string[]): SortKey[] {
  return commaList(text).map((part) => {
    const match = /^(\S+)(?:\s+(ASC|DESC))?$/i.exec(part);
    const name = match && available.find((n) => n.toUpperCase() === match[1]!.toUpperCase());
    if (!match || !name) throw invalidParameter("orderByFields", `cannot order by '${part}'`);
    return { name, descending: match[2]?.toUpperCase() === "DESC" };
  });
}

export function compareValues(a: Value | undefined, b: Value | undefined): number {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return 0;
  if (x === null) return -1;
  if (y === null) return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function rowComparator(
  keys: readonly SortKey[],
): (a: Readonly<Record<string, Value>>, b: Readonly<Record<string, Value>>) => number {
  return (a, b) => {
    for (const { name, descending } of keys) {
      const order = compareValues(a[name], b[name]);
      if (order !== 0) return descending ? -order : order;
    }
    return 0;
  };
}
