export { compileWhere, type RowPredicate } from "./compile-where.ts";
export { parseWhere } from "./parser.ts";
export { isWhereError, type WhereError, WhereSemanticError, WhereSyntaxError } from "./where-errors.ts";
