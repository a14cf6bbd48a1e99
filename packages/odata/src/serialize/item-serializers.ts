/** `$orderby`, `$compute`, `$select` and `$expand` item lists back to text. */

import type { ComputeItem, ExpandItem, OrderByItem, QueryOptions, SelectItem } from "../ast.ts";
import { writeExpr } from "./expression-serializer.ts";
import { writeNestedOptions } from "./query-options-serializer.ts";

export function writeOrderBy(items: readonly OrderByItem[]): string {
  return items
    .map((i) => (i.direction === "desc" ? `${writeExpr(i.expr)} desc` : writeExpr(i.expr)))
    .join(",");
}

export function writeCompute(items: readonly ComputeItem[]): string {
  return items.map((i) => `${writeExpr(i.expr)} as ${i.alias}`).join(",");
}

export function writeSelect(items: readonly SelectItem[]): string {
  return items.map((i) => (i.kind === "star" ? "*" : withOptions(i.path.join("/"), i.options))).join(",");
}

export function writeExpand(items: readonly ExpandItem[]): string {
  return items
    .map((i) => {
      const path = i.path.join("/") + (i.suffix === null ? "" : `/${i.suffix}`);
      return withOptions(path, i.options);
    })
    .join(",");
}

/** `Item(opt=...;opt=...)`, or just `Item` when there are none (the grammar has no empty `()`). */
function withOptions(item: string, options: QueryOptions | null): string {
  const written = options === null ? "" : writeNestedOptions(options);
  return written === "" ? item : `${item}(${written})`;
}
