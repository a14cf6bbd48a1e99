export type * from "./ast.ts";
export { CANONICAL_FUNCTIONS } from "./ast.ts";
export type { ErrorDetail, ODataErrorInit } from "./errors.ts";
export { ODataError, ODataLimitError, ODataNotImplementedError, ODataSyntaxError } from "./errors.ts";
export type { QueryLimit } from "./limits.ts";
export { MAX_COUNT, QUERY_LIMITS } from "./limits.ts";
export { compareStrings } from "./ordinal.ts";
export type { ParseOptions } from "./parser/query-options.ts";
export {
  parseApply,
  parseCompute,
  parseCount,
  parseExpand,
  parseExpression,
  parseFilter,
  parseLiteral,
  parseOrderBy,
  parseQueryOptions,
  parseSearch,
  parseSelect,
} from "./parser/query-options.ts";
export type { UnsupportedConstruct } from "./parser/unsupported.ts";
export { UNSUPPORTED_CONSTRUCTS } from "./parser/unsupported.ts";
export type { SerializeOptions } from "./serialize/index.ts";
export {
  serializeApply,
  serializeCompute,
  serializeExpand,
  serializeExpression,
  serializeLiteral,
  serializeOrderBy,
  serializeQueryOptions,
  serializeSearch,
  serializeSelect,
} from "./serialize/index.ts";
export { closestMatches, didYouMean, editDistance } from "./suggest.ts";
