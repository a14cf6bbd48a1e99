/**
 * The in-memory evaluator: what the engine runs over rows a connector could not filter, order,
 * search or aggregate itself.
 */

export type { Aggregation } from "./aggregate.ts";
export { compileAggregation } from "./aggregate.ts";
export type { ApplyOptions } from "./apply-transformations.ts";
export { applyTransformations } from "./apply-transformations.ts";
export type { SortKeys } from "./compare-values.ts";
export { compareValues, compileOrderBy, compileSortKeys } from "./compare-values.ts";
export { compileExpression, compileFilter } from "./compile-expression.ts";
export { compileCompute } from "./compute-properties.ts";
export { compileSearch } from "./match-search.ts";
export type { CompiledExpression, CompileOptions, RowPredicate, Scope } from "./types.ts";
