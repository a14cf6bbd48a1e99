/**
 * Errors the engine raises. They all carry the one error model (`ODataError`): a code, an
 * actionable message and the offending target. Messages name the fix, never internal state.
 */
import { ODataError } from "@headgate/odata";

export type EngineErrorCode =
  | "UnknownEntitySet"
  | "UnknownProperty"
  | "UnknownNavigation"
  | "TypeMismatch"
  | "InvalidValue"
  | "MissingRequiredFilter"
  | "InvalidSkipToken"
  | "InvalidCursor"
  | "QueryTimeout"
  | "QueryCancelled"
  | "UpstreamError"
  | "InvalidQuery"
  | "NotFound"
  | "InvalidKey";

const STATUS: Record<EngineErrorCode, number> = {
  UnknownEntitySet: 404,
  UnknownProperty: 400,
  UnknownNavigation: 400,
  TypeMismatch: 400,
  InvalidValue: 400,
  MissingRequiredFilter: 400,
  InvalidSkipToken: 400,
  InvalidCursor: 400,
  QueryTimeout: 504,
  QueryCancelled: 499,
  UpstreamError: 502,
  InvalidQuery: 400,
  NotFound: 404,
  InvalidKey: 400,
};

export class EngineError extends ODataError {
  constructor(code: EngineErrorCode, message: string, target?: string) {
    super({ code, message, status: STATUS[code], ...(target === undefined ? {} : { target }) });
  }
}
