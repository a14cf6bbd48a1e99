/**
 * `$compute` and `compute(...)`: each item adds its alias to a copy of the row. Items are
 * evaluated against the input row, not against each other's results, as the aliases of one
 * `$compute` do not see each other (OData Part 2 §5.1.3).
 */
import type { ComputeItem } from "@headgate/odata";
import { compileExpression } from "./compile-expression.ts";
import type { CompileOptions, Row } from "./types.ts";

export function compileCompute(
  items: readonly ComputeItem[],
  options: CompileOptions = {},
): (row: Row) => Row {
  const aliases = items.map((item) => item.alias);
  const evaluators = items.map((item) => compileExpression(item.expr, options));
  const n = items.length;
  return (row) => {
    const out: Record<string, unknown> = { ...row };
    for (let i = 0; i < n; i++) out[aliases[i]!] = evaluators[i]!(row);
    return out;
  };
}
