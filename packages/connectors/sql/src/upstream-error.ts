/**
 * Database failures in the one error model. A client learns what went wrong in words it can act
 * on, and at most a database error code (SQLSTATE `42P01`, `SQLITE_BUSY`); never the SQL text or
 * the database's message, which can reveal table layouts, values or credentials. The original
 * error stays on the non-enumerable `cause`, for logs.
 */
import { ODataError } from "@headgate/odata";
import type { FailureClass, FailureKind } from "./dialects/dialect.ts";

const REASONS: Readonly<Record<FailureKind, string>> = {
  "missing-object":
    "a table or column this connection exposes no longer exists in the database; an administrator should refresh the connection's schema",
  permission: "the database user is not allowed to read this data; an administrator should grant it SELECT",
  connection: "the database could not be reached or closed the connection; try again shortly",
  busy: "the database is busy (locked or in conflict); try again shortly",
  resources:
    "the database ran out of resources for this query; narrow it with $filter or ask for fewer rows with $top",
  "invalid-data": "the database holds a value it could not convert for this query",
  "read-only": "the database refused the statement because it is read-only",
  unknown: "the database rejected the query",
};

const STATUS: Readonly<Record<FailureKind, number>> = {
  "missing-object": 502,
  permission: 502,
  connection: 503,
  busy: 503,
  resources: 502,
  "invalid-data": 502,
  "read-only": 502,
  unknown: 502,
};

/** Attaches `cause` without making it part of what serializes or enumerates. */
export function withCause<T extends Error>(error: T, cause: unknown): T {
  Object.defineProperty(error, "cause", {
    value: cause,
    enumerable: false,
    writable: false,
    configurable: true,
  });
  return error;
}

function subject(entitySet: string | undefined): string {
  return entitySet === undefined ? "The SQL connection" : `Entity set '${entitySet}'`;
}

export function upstreamError(
  failure: FailureClass,
  entitySet: string | undefined,
  cause: unknown,
): ODataError {
  const code = failure.code === undefined ? "" : ` (database code ${failure.code})`;
  return withCause(
    new ODataError({
      code: "UpstreamError",
      status: STATUS[failure.kind],
      message: `${subject(entitySet)} could not be read: ${REASONS[failure.kind]}${code}.`,
      ...(entitySet === undefined ? {} : { target: entitySet }),
    }),
    cause,
  );
}

export function timeoutError(timeoutMs: number, entitySet: string | undefined, cause: unknown): ODataError {
  return withCause(
    new ODataError({
      code: "QueryTimeout",
      status: 504,
      message: `${subject(entitySet)}: the database did not answer within ${timeoutMs} ms; narrow the query with $filter or ask for fewer rows with $top.`,
      ...(entitySet === undefined ? {} : { target: entitySet }),
    }),
    cause,
  );
}

export function poolExhaustedError(entitySet: string | undefined, cause: unknown): ODataError {
  return withCause(
    new ODataError({
      code: "UpstreamError",
      status: 503,
      message: `${subject(entitySet)} could not be read: every database connection is busy; try again shortly.`,
      ...(entitySet === undefined ? {} : { target: entitySet }),
    }),
    cause,
  );
}

export function tooManyRowsError(maxRows: number, entitySet: string): ODataError {
  return new ODataError({
    code: "ResultTooLarge",
    status: 413,
    message: `Entity set '${entitySet}': the query would read more than ${maxRows} rows from the database, the limit set for this connection; narrow it with $filter or ask for fewer rows with $top.`,
    target: entitySet,
  });
}
