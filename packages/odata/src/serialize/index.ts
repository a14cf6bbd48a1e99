/**
 * The canonical serializer: the inverse of the parser. For every tree the parser can produce,
 * `parse(serialize(tree))` deep-equals `tree` (property-tested in `round-trip.property.test.ts`).
 *
 * Single-value serializers write URL text by default (percent-encoded as needed, spaces kept for
 * readability); pass `{ urlEncoded: false }` for plain text, to be parsed with the same option.
 * `serializeQueryOptions` always writes a complete, URL-safe query string.
 */

import type {
  ComputeItem,
  ExpandItem,
  Expr,
  Literal,
  OrderByItem,
  QueryOptions,
  SearchExpr,
  SelectItem,
  Transformation,
} from "../ast.ts";
import { writeApply } from "./apply-serializer.ts";
import { encodeQueryText } from "./encode.ts";
import { writeExpr } from "./expression-serializer.ts";
import { writeCompute, writeExpand, writeOrderBy, writeSelect } from "./item-serializers.ts";
import { writeLiteral } from "./literal-serializer.ts";
import { writeQueryOptions } from "./query-options-serializer.ts";
import { writeSearch } from "./search-serializer.ts";

export interface SerializeOptions {
  /** `true` (the default): percent-encode what a URL needs; `false`: plain text. */
  readonly urlEncoded?: boolean;
}

function output(text: string, options: SerializeOptions | undefined): string {
  return options?.urlEncoded === false ? text : encodeQueryText(text, "keep");
}

/** `$filter=...&$top=5&custom=x` (no leading `?`). */
export function serializeQueryOptions(options: QueryOptions): string {
  return writeQueryOptions(options);
}

export function serializeExpression(expr: Expr, options?: SerializeOptions): string {
  return output(writeExpr(expr), options);
}

export function serializeLiteral(literal: Literal, options?: SerializeOptions): string {
  return output(writeLiteral(literal), options);
}

export function serializeSearch(search: SearchExpr, options?: SerializeOptions): string {
  return output(writeSearch(search), options);
}

export function serializeApply(apply: readonly Transformation[], options?: SerializeOptions): string {
  return output(writeApply(apply), options);
}

export function serializeOrderBy(items: readonly OrderByItem[], options?: SerializeOptions): string {
  return output(writeOrderBy(items), options);
}

export function serializeCompute(items: readonly ComputeItem[], options?: SerializeOptions): string {
  return output(writeCompute(items), options);
}

export function serializeSelect(items: readonly SelectItem[], options?: SerializeOptions): string {
  return output(writeSelect(items), options);
}

export function serializeExpand(items: readonly ExpandItem[], options?: SerializeOptions): string {
  return output(writeExpand(items), options);
}
