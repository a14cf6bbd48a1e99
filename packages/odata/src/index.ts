export type * from "./ast.ts";
export { CANONICAL_FUNCTIONS } from "./ast.ts";
export { ODataError, ODataNotImplementedError, ODataSyntaxError } from "./errors.ts";
export type { ErrorDetail, ODataErrorInit } from "./errors.ts";
export { closestMatches, didYouMean, editDistance } from "./suggest.ts";
