/**
 * The query tool's typed arguments and their translation to OData query options. Models fill
 * named arguments (`filter`, `top`) more reliably than one URL string; the values keep OData
 * syntax so the engine's parser (and its error messages) stay the single authority.
 */
import { parseQueryOptions, type QueryOptions } from "@headgate/odata";
import * as z from "zod";

export const queryArgumentsShape = {
  entity_set: z.string().min(1).describe("Entity set name from list_entity_sets, e.g. 'Jobs'."),
  filter: z
    .string()
    .optional()
    .describe("OData $filter, e.g. \"Status eq 'In Progress' and ContractAmount gt 100000\"."),
  select: z.string().optional().describe("Comma-separated properties, e.g. 'Job,Description'."),
  orderby: z.string().optional().describe("e.g. 'ContractAmount desc,Job'."),
  top: z.number().int().min(0).optional().describe("Most rows to return."),
  skip: z.number().int().min(0).optional(),
  count: z.boolean().optional().describe("Also return the total matching count."),
  search: z.string().optional().describe("Free-text $search, e.g. 'concrete OR steel'."),
  apply: z
    .string()
    .optional()
    .describe("OData $apply, e.g. 'groupby((Job),aggregate(Amount with sum as Total))'."),
  expand: z.string().optional().describe("Related sets, e.g. 'Rfis($select=Subject;$top=5)'."),
  cursor: z.string().optional().describe("cursor of a cut result: continues it (other arguments ignored)."),
};

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
