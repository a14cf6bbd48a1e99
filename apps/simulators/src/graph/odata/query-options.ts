/**
 * The query options of a Graph request. Names are case-insensitive and the `$` prefix is
 * optional in v1.0 (`expand=fields` and `$expand=fields` are the same). `$skip` is refused:
 * SharePoint-backed collections page only through the `@odata.nextLink` they return.
 */
import { invalidRequest } from "../graph-error.ts";
import { type ExpandNode, parseExpand } from "./expand.ts";
import { type FilterExpression, parseFilter } from "./filter.ts";
import { type OrderBy, parseOrderBy } from "./orderby.ts";

export interface QueryOptions {
  readonly top?: number;
  readonly skipToken?: string;
  readonly filter?: FilterExpression;
  readonly orderBy: readonly OrderBy[];
  readonly select?: readonly string[];
  readonly expand: readonly ExpandNode[];
  /** `sites?search=` */
  readonly search?: string;
}

export function readQueryOptions(url: URL): QueryOptions {
  const raw = new Map<string, string>();
  for (const [key, value] of url.searchParams) raw.set(key.replace(/^\$/, "").toLowerCase(), value);
  if (raw.has("skip"))
    throw invalidRequest(
      "$skip is not supported on this API. Only URLs returned by the API can be used to page.",
    );
  const filter = raw.get("filter");
  const select = raw.get("select");
  const skipToken = raw.get("skiptoken");
  const search = raw.get("search");
  const top = raw.get("top");
  return {
    ...(top === undefined ? {} : { top: parseTop(top) }),
    ...(skipToken === undefined ? {} : { skipToken }),
    ...(filter ? { filter: parseFilter(filter) } : {}),
    orderBy: parseOrderBy(raw.get("orderby") ?? ""),
    ...(select ? { select: splitNames(select) } : {}),
    expand: parseExpand(raw.get("expand") ?? ""),
    ...(search === undefined ? {} : { search }),
  };
}

function parseTop(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw invalidRequest(`Invalid value '${value}' for $top query option.`);
  return Number(value);
}

export function splitNames(list: string): string[] {
  return list
    .split(",")
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}
