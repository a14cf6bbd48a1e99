/**
 * `filters[...]` parameters as predicates. Each builder reads its parameter from the query and
 * returns null when the parameter is absent, so an endpoint lists the filters it supports and
 * only those the request names take effect (several AND together).
 */
import { inRange, parseDateRange } from "./date-range.ts";
import type { QueryParams } from "./query-params.ts";

export type Filter<T> = (query: QueryParams) => ((item: T) => boolean) | null;

type OneOrMany<V> = V | null | undefined | readonly V[];

function asList<V>(value: OneOrMany<V>): readonly V[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? (value as readonly V[]) : [value as V];
}

/** Integer-id filters, single (`filters[id]=1`) or array (`filters[id][]=1&filters[id][]=2`). */
export function idFilter<T>(param: string, pick: (item: T) => OneOrMany<number>): Filter<T> {
  return (query) => {
    const wanted = new Set(query.ids(param));
    if (wanted.size === 0) return null;
    return (item) => asList(pick(item)).some((id) => wanted.has(id));
  };
}

/** Exact-value filters on text (case-insensitive), one value or several. */
export function valueFilter<T>(param: string, pick: (item: T) => OneOrMany<string>): Filter<T> {
  return (query) => {
    const wanted = new Set(query.values(param).map((v) => v.toLowerCase()));
    if (wanted.size === 0) return null;
    return (item) => asList(pick(item)).some((value) => wanted.has(value.toLowerCase()));
  };
}

/** ISO-8601 range filters such as `filters[updated_at]=2024-01-01...2024-01-31`. */
export function dateRangeFilter<T>(param: string, pick: (item: T) => string | null): Filter<T> {
  return (query) => {
    const raw = query.value(param);
    if (raw === undefined) return null;
    const range = parseDateRange(raw);
    return (item) => inRange(range, pick(item));
  };
}

/** Case-insensitive substring search over a record's text fields. */
export function searchFilter<T>(param: string, pick: (item: T) => readonly (string | null)[]): Filter<T> {
  return (query) => {
    const term = query.value(param)?.toLowerCase();
    if (term === undefined) return null;
    return (item) => pick(item).some((text) => text?.toLowerCase().includes(term) ?? false);
  };
}

export function applyFilters<T>(items: readonly T[], filters: readonly Filter<T>[], query: QueryParams): T[] {
  const predicates = filters.flatMap((filter) => {
    const predicate = filter(query);
    return predicate ? [predicate] : [];
  });
  return predicates.length === 0 ? [...items] : items.filter((item) => predicates.every((p) => p(item)));
}
