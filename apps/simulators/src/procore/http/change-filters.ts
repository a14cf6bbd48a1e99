/**
 * The two filters every list takes, which together make an incremental refresh that also sees
 * deletions (procore/documentation `tutorials/filtering_on_list_actions.md`):
 * `filters[updated_at]=start...end` and `filters[include_deleted]`, which shows deleted records
 * alongside the others (`with`) or alone (`only`); without it deleted records are hidden.
 *
 * A few record shapes carry no `updated_at` (budget detail rows, daily log headers, the
 * company). The simulator never changes those, so they count as last changed at the end of the
 * demo world's calendar, `WORLD_END`: a range after it finds none of them, one around it all.
 */
import { isoDateTime, WORLD_END } from "@headgate/demo-world";
import { dateRangeFilter, type Filter } from "./filters.ts";
import { badRequest } from "./procore-error.ts";

const UNCHANGED_SINCE = isoDateTime(WORLD_END);

interface ChangeFields {
  readonly updated_at?: unknown;
  readonly deleted_at?: unknown;
}

function updatedAt(item: object): string {
  const value = (item as ChangeFields).updated_at;
  return typeof value === "string" ? value : UNCHANGED_SINCE;
}

function deleted(item: object): boolean {
  const value = (item as ChangeFields).deleted_at;
  return value !== undefined && value !== null;
}

/** `filters[include_deleted]`: hidden by default, `with` shows both, `only` shows deleted ones. */
export function includeDeletedFilter<T extends object>(): Filter<T> {
  return (query) => {
    const mode = query.value("filters[include_deleted]");
    if (mode === undefined) return (item) => !deleted(item);
    if (mode === "with") return null;
    if (mode === "only") return (item) => deleted(item);
    throw badRequest("filters[include_deleted] must be 'only' or 'with'");
  };
}

/** The change filters, applied by every list before its own. */
export function changeFilters<T extends object>(): readonly Filter<T>[] {
  return [dateRangeFilter<T>("filters[updated_at]", updatedAt), includeDeletedFilter<T>()];
}
