/**
 * A list endpoint's answer: filter, sort, then page, as one step shared by every resource. The
 * change filters (`filters[updated_at]`, `filters[include_deleted]`) apply to every list.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { changeFilters } from "./change-filters.ts";
import { applyFilters, type Filter } from "./filters.ts";
import { type PagingOptions, paginate } from "./pagination.ts";
import { QueryParams } from "./query-params.ts";
import { parseSort, type SortSpec, sortItems } from "./sorting.ts";

export interface ListSpec<T> {
  readonly filters: readonly Filter<T>[];
  /** Absent when the real endpoint does not sort. */
  readonly sort?: SortSpec;
}

export function listResponse<T extends object>(
  request: FastifyRequest,
  reply: FastifyReply,
  items: readonly T[],
  spec: ListSpec<T>,
  paging: PagingOptions,
): T[] {
  const query = QueryParams.of(request);
  const filtered = applyFilters(items, [...changeFilters<T>(), ...spec.filters], query);
  const sorted = spec.sort ? sortItems(filtered, parseSort(query, spec.sort)) : filtered;
  return paginate(request, reply, sorted, paging);
}
