/** `$apply` transformations back to text, `/`-separated. */

import type { AggregateItem, Transformation } from "../ast.ts";
import { writeExpr } from "./expression-serializer.ts";
import { writeCompute, writeOrderBy } from "./item-serializers.ts";
import { writeSearch } from "./search-serializer.ts";

export function writeApply(transformations: readonly Transformation[]): string {
  return transformations.map(writeTransformation).join("/");
}

function writeTransformation(t: Transformation): string {
  switch (t.kind) {
    case "aggregate":
      return `aggregate(${t.items.map(writeAggregateItem).join(",")})`;
    case "groupby": {
      const properties = `(${t.properties.map((p) => p.join("/")).join(",")})`;
      return `groupby(${properties}${t.apply.length === 0 ? "" : `,${writeApply(t.apply)}`})`;
    }
    case "filter":
      return `filter(${writeExpr(t.expr)})`;
    case "compute":
      return `compute(${writeCompute(t.items)})`;
    case "search":
      return `search(${writeSearch(t.search)})`;
    case "orderby":
      return `orderby(${writeOrderBy(t.items)})`;
    case "top":
      return `top(${t.count})`;
    case "skip":
      return `skip(${t.count})`;
    case "identity":
      return "identity";
    case "concat":
      return `concat(${t.branches.map(writeApply).join(",")})`;
  }
}

function writeAggregateItem(item: AggregateItem): string {
  return item.kind === "count"
    ? `$count as ${item.alias}`
    : `${writeExpr(item.expr)} with ${item.method} as ${item.alias}`;
}
