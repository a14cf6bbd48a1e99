/**
 * The query tool's typed arguments and their translation to OData query options. Models fill
 * named arguments (`filter`, `top`) more reliably than one URL string; the values keep OData
 * syntax so the engine's parser (and its error messages) stay the single authority.
 */
import { MAX_COUNT, parseQueryOptions, type QueryOptions } from "@headgate/odata";
import * as z from "zod";

/** A count, as OData's `$top` and `$skip` take it: a whole number from 0 to `MAX_COUNT`. */
const count = () => z.number().int().min(0).max(MAX_COUNT);

export const queryArgumentsShape = {
  entity_set: z.string().min(1).describe("Entity set name from list_entity_sets, e.g. `Jobs`."),
  filter: z
    .string()
    .optional()
    .describe("OData $filter, e.g. `Status eq 'In Progress' and Contract_Date ge 2024-01-01`."),
  select: z.string().optional().describe("Comma-separated properties, e.g. `Job,Description`."),
  orderby: z.string().optional().describe("e.g. `Revised_Contract_Amount desc`."),
  top: count().optional().describe("Most rows to return."),
  skip: count().optional(),
  count: z.boolean().optional().describe("Also return the total matching count."),
  search: z.string().optional().describe("Free-text $search, e.g. `concrete OR steel`."),
  apply: z.string().optional().describe("OData $apply; it runs before filter, so filter inside it."),
  expand: z.string().optional().describe("Related sets, e.g. `RFIs($select=subject,status;$top=5)`."),
  cursor: z.string().optional().describe("cursor of a cut result: continues it (other arguments ignored)."),
};

/**
 * How to read rather than what to ask, so not a query option: the data tools (query, get) take
 * it, `explain_query` does not, and a cursor does not carry it.
 */
export const freshArgument = z
  .boolean()
  .optional()
  .describe("Read the upstream now instead of cached data; costs upstream requests.");

export type QueryArguments = {
  readonly [K in keyof typeof queryArgumentsShape]?: z.infer<(typeof queryArgumentsShape)[K]>;
};

const TEXT_OPTIONS = ["filter", "select", "orderby", "search", "apply", "expand"] as const;

/** `$filter=...&$top=5` in URL form, from the typed arguments; parse errors name the option. */
export function queryTextOf(args: QueryArguments): string {
  const parts: string[] = [];
  for (const name of TEXT_OPTIONS) {
    const value = args[name];
    if (value !== undefined && value.trim() !== "") parts.push(`$${name}=${encodeURIComponent(value)}`);
  }
  if (args.top !== undefined) parts.push(`$top=${args.top}`);
  if (args.skip !== undefined) parts.push(`$skip=${args.skip}`);
  if (args.count !== undefined) parts.push(`$count=${args.count}`);
  return parts.join("&");
}

export function queryOptionsOf(args: QueryArguments): QueryOptions {
  return parseQueryOptions(queryTextOf(args));
}
