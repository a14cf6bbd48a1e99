/**
 * Whole query strings and nested option lists. Options are written in one fixed order with their
 * `$` names; values of a query string are percent-encoded just enough to be safe in a URL (see
 * `encode.ts`), spaces included.
 */

import type { QueryOptionName, QueryOptions } from "../ast.ts";
import { SYSTEM_OPTIONS } from "../parser/option-names.ts";
import { writeApply } from "./apply-serializer.ts";
import { encodeQueryText } from "./encode.ts";
import { writeExpr } from "./expression-serializer.ts";
import { writeCompute, writeExpand, writeOrderBy, writeSelect } from "./item-serializers.ts";
import { writeSearch } from "./search-serializer.ts";

/** Options are written in the parser's canonical order, so output is stable. */
const ORDER = SYSTEM_OPTIONS;

function writeValue(options: QueryOptions, name: QueryOptionName): string | undefined {
  switch (name) {
    case "filter":
      return options.filter && writeExpr(options.filter);
    case "search":
      return options.search && writeSearch(options.search);
    case "apply":
      return options.apply && writeApply(options.apply);
    case "compute":
      return options.compute && writeCompute(options.compute);
    case "select":
      return options.select && writeSelect(options.select);
    case "expand":
      return options.expand && writeExpand(options.expand);
    case "orderby":
      return options.orderby && writeOrderBy(options.orderby);
    case "top":
    case "skip":
    case "count":
    case "levels":
      return options[name]?.toString();
    case "skiptoken":
    case "format":
      return options[name];
  }
}

function writtenOptions(options: QueryOptions): [QueryOptionName, string][] {
  const written: [QueryOptionName, string][] = [];
  for (const name of ORDER) {
    const value = writeValue(options, name);
    if (value !== undefined) written.push([name, value]);
  }
  return written;
}

/** `$filter=...;$top=5` for the parentheses after an `$expand` or `$select` item (not encoded). */
export function writeNestedOptions(options: QueryOptions): string {
  return writtenOptions(options)
    .map(([name, value]) => `$${name}=${value}`)
    .join(";");
}

/** `$filter=Price%20gt%205&$top=5&custom=x`, without a leading `?`. */
export function writeQueryOptions(options: QueryOptions): string {
  const parts = writtenOptions(options).map(
    ([name, value]) => `$${name}=${encodeQueryText(value, "encode")}`,
  );
  for (const [name, value] of Object.entries(options.custom ?? {})) {
    parts.push(`${encodeQueryText(name, "encode", "=")}=${encodeQueryText(value, "encode")}`);
  }
  return parts.join("&");
}
