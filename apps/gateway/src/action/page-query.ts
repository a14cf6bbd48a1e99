/**
 * The Action's query parameters have plain names (`filter`, `top`, ...) because a model fills
 * them in as function arguments. Here they become the engine's OData options. Each option is
 * parsed on its own, as plain (not URL-encoded) text, so a syntax error gets the parser's
 * actionable message with a position counted from the start of the model's own text.
 *
 * `top` is the page size, not a cap on the whole answer: a model that asks for 10 rows gets 10,
 * and a `nextCursor` when more match, so it can always tell "that was all" from "there is more".
 */
import {
  didYouMean,
  parseApply,
  parseCount,
  parseExpand,
  parseFilter,
  parseOrderBy,
  parseSearch,
  parseSelect,
  type QueryOptions,
} from "@headgate/odata";
import { GatewayError } from "../errors/gateway-error.ts";

export interface PlainQueryParameters {
  readonly filter?: string;
  readonly select?: string;
  readonly orderby?: string;
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
  readonly search?: string;
  readonly apply?: string;
  readonly expand?: string;
  readonly cursor?: string;
  /** Read the upstreams now rather than cached scans; not a query option, so `pageQueryOf` leaves it. */
  readonly fresh?: boolean;
}

/** One page of a query: OData options without `$top`, and how many rows the page holds. */
export interface PageQuery {
  readonly options: QueryOptions;
  readonly pageSize: number;
}

/** A modest page for a model: enough to answer most questions, small enough to read. */
export const DEFAULT_PAGE_SIZE = 50;

export const QUERY_PARAMETER_NAMES = [
  "filter",
  "select",
  "orderby",
  "top",
  "skip",
  "count",
  "search",
  "apply",
  "expand",
  "cursor",
  "fresh",
] as const;

const PLAIN = { urlEncoded: false } as const;

export function pageQueryOf(parameters: PlainQueryParameters): PageQuery {
  const text = (value: string | undefined) =>
    value === undefined || value.trim() === "" ? undefined : value;
  const filter = text(parameters.filter);
  const select = text(parameters.select);
  const orderby = text(parameters.orderby);
  const search = text(parameters.search);
  const apply = text(parameters.apply);
  const expand = text(parameters.expand);
  const options: QueryOptions = {
    ...(filter === undefined ? {} : { filter: parseFilter(filter, PLAIN) }),
    ...(select === undefined ? {} : { select: parseSelect(select, PLAIN) }),
    ...(orderby === undefined ? {} : { orderby: parseOrderBy(orderby, PLAIN) }),
    ...(search === undefined ? {} : { search: parseSearch(search, PLAIN) }),
    ...(apply === undefined ? {} : { apply: parseApply(apply, PLAIN) }),
    ...(expand === undefined ? {} : { expand: parseExpand(expand, PLAIN) }),
    ...(parameters.skip ? { skip: parameters.skip } : {}),
    ...(parameters.count === true ? { count: true } : {}),
    // top=0 asks for no rows at all (typically with count=true): that is OData's $top=0.
    ...(parameters.top === 0 ? { top: 0 } : {}),
  };
  return { options, pageSize: parameters.top || DEFAULT_PAGE_SIZE };
}

/** The numeric parameters: counts, read by the rule OData's `$top` and `$skip` follow. */
const COUNT_PARAMETERS = ["top", "skip"] as const;

/**
 * Checks the count parameters as the client wrote them, before the route's schema turns the
 * text into numbers: that conversion would take `1e400` (Infinity), `0x10` or ` 5` as numbers,
 * where OData takes digits only, up to `MAX_COUNT`. The error names the parameter.
 */
export function checkCountParameters(query: Readonly<Record<string, unknown>>): void {
  for (const name of COUNT_PARAMETERS) {
    const value = query[name];
    if (value === undefined) continue;
    if (Array.isArray(value))
      throw new GatewayError("InvalidRequest", `${name} is given ${value.length} times; give it once.`, name);
    parseCount(String(value), name);
  }
}

/**
 * Names the model sent that are not parameters of the operation. Fastify would pass them over
 * silently; a model that wrote `$filter` deserves to hear that its filter was not applied.
 */
export function rejectUnknownParameters(query: object, known: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (known.includes(name)) continue;
    const bare = name.replace(/^\$/, "").toLowerCase();
    const hint = known.includes(bare) ? `; use '${bare}' (without '$').` : didYouMean(name, known);
    throw new GatewayError(
      "InvalidRequest",
      `unknown query parameter '${name}'${hint || "."} The parameters are: ${known.join(", ")}.`,
      name,
    );
  }
}
