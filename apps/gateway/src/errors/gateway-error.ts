/**
 * Errors the gateway itself raises (authentication, content negotiation, limits), in the one
 * error model. Engine and store errors pass through unchanged; these cover what only a door knows.
 */
import { ODataError } from "@headgate/odata";

export type GatewayErrorCode =
  /** No key, a malformed header, or an unknown/revoked key. */
  | "Unauthorized"
  /** A valid key without the scope the route needs. */
  | "Forbidden"
  | "NotFound"
  | "NotAcceptable"
  | "InvalidRequest"
  /** The workspace is managed by headgate.yaml; the admin API cannot change it. */
  | "ManagedByConfig"
  /** A connection could not be opened (unreachable, wrong credentials, bad settings). */
  | "ConnectionUnavailable"
  | "NotImplemented"
  | "InternalError";

const STATUS: Record<GatewayErrorCode, number> = {
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  NotAcceptable: 406,
  InvalidRequest: 400,
  ManagedByConfig: 409,
  ConnectionUnavailable: 502,
  NotImplemented: 501,
  InternalError: 500,
};

export class GatewayError extends ODataError {
  declare readonly code: GatewayErrorCode;

  constructor(code: GatewayErrorCode, message: string, target?: string) {
    super({ code, message, status: STATUS[code], ...(target === undefined ? {} : { target }) });
  }
}
