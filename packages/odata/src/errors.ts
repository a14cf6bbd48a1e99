/**
 * The one error model of Headgate: a code, a message a person can act on, and the offending
 * target. Front doors render it (OData error JSON on REST, `isError` results on MCP); nothing
 * else in the system throws plain `Error`s at a caller.
 */

import type { QueryLimit } from "./limits.ts";

export interface ErrorDetail {
  readonly code: string;
  readonly message: string;
  readonly target?: string;
}

export interface ODataErrorInit {
  readonly code: string;
  readonly message: string;
  /** HTTP status a front door should answer with: 400 for bad queries, 501 unsupported, ... */
  readonly status: number;
  readonly target?: string;
  readonly details?: readonly ErrorDetail[];
  /**
   * When the same request can succeed again (an upstream or client budget that refills): doors
   * send it as `Retry-After` on HTTP and say it in an MCP tool error.
   */
  readonly retryAfterSeconds?: number;
}

export class ODataError extends Error {
  readonly code: string;
  readonly status: number;
  readonly target: string | undefined;
  readonly details: readonly ErrorDetail[];
  readonly retryAfterSeconds: number | undefined;

  constructor(init: ODataErrorInit) {
    super(init.message);
    this.name = new.target.name;
    this.code = init.code;
    this.status = init.status;
    this.target = init.target;
    this.details = init.details ?? [];
    this.retryAfterSeconds =
      init.retryAfterSeconds === undefined ? undefined : Math.max(1, Math.ceil(init.retryAfterSeconds));
  }

  /** The OData JSON error body (`{"error":{...}}`), safe to send to a client. */
  toJSON(): { error: { code: string; message: string; target?: string; details?: ErrorDetail[] } } {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.target === undefined ? {} : { target: this.target }),
        ...(this.details.length === 0 ? {} : { details: [...this.details] }),
      },
    };
  }
}

/** The query text does not follow the OData 4.01 grammar. */
export class ODataSyntaxError extends ODataError {
  /** Zero-based offset into the text that was parsed (the option value, or the whole query). */
  readonly position: number;
  /** What the grammar allowed at `position`, e.g. `["')'", "','"]`. */
  readonly expected: readonly string[];

  constructor(message: string, position: number, expected: readonly string[] = [], target?: string) {
    super({ code: "SyntaxError", message, status: 400, ...(target === undefined ? {} : { target }) });
    this.position = position;
    this.expected = expected;
  }
}

/** Valid OData that Headgate knowingly does not support (answered with 501). */
export class ODataNotImplementedError extends ODataError {
  constructor(feature: string, message: string, target?: string) {
    super({
      code: "NotImplemented",
      message: `${feature} is not supported: ${message}`,
      status: 501,
      ...(target === undefined ? {} : { target }),
    });
  }
}

/**
 * Valid OData beyond one of Headgate's `QUERY_LIMITS` (answered with 400): the message names the
 * limit, its value and how to rewrite the query.
 */
export class ODataLimitError extends ODataError {
  /** Zero-based offset into the text that was parsed, where the limit was passed. */
  readonly position: number;
  /** The limit's name in `QUERY_LIMITS`, e.g. `operators`. */
  readonly limit: QueryLimit;
  /** The limit's value. */
  readonly max: number;

  constructor(message: string, position: number, limit: QueryLimit, max: number, target?: string) {
    super({
      code: "QueryLimitExceeded",
      message,
      status: 400,
      ...(target === undefined ? {} : { target }),
    });
    this.position = position;
    this.limit = limit;
    this.max = max;
  }
}
