/**
 * Database failures in the one error model. A client learns what went wrong in words it can act
 * on, and at most a database error code (SQLSTATE `42P01`, `SQLITE_BUSY`); never the SQL text or
 * the database's message, which can reveal table layouts, values or credentials. The original
 * error stays on the non-enumerable `cause`, for logs.
 */
import { ConnectionSettingsError } from "@headgate/connector-kit";
import { ODataError } from "@headgate/odata";
import type { FailureClass, FailureKind } from "./dialects/dialect.ts";

interface Advice {
  /** What went wrong and what to do, for whoever reads the error. */
  readonly reason: string;
  /** 503 when trying again later may work, 502 when someone has to change something first. */
  readonly status: 502 | 503;
  /** The settings at fault, most likely first, when only changing them helps. */
  readonly settings?: readonly string[];
}

const ADVICE: Readonly<Record<FailureKind, Advice>> = {
  "missing-database": {
    reason:
      "the database named in the connection's settings does not exist or cannot be opened as a database; an administrator should correct the connection's database",
    status: 502,
    settings: ["database", "url", "file"],
  },
  credentials: {
    reason:
      "the database refused the connection's user (no such user, a wrong password, or a user not allowed to connect from here); an administrator should correct the user and password in the connection's settings",
    status: 502,
    settings: ["user", "url", "password"],
  },
  "wrong-password": {
    reason:
      "the database refused the connection's password; an administrator should correct the password in the connection's secrets",
    status: 502,
    settings: ["password", "url"],
  },
  "unknown-host": {
    reason:
      "the database host in the connection's settings could not be found (the name does not resolve); an administrator should correct the host",
    status: 502,
    settings: ["host", "url", "instanceName"],
  },
  tls: {
    reason:
      "the secure (TLS) connection to the database failed, usually over the server's certificate; an administrator should check the certificate and the connection's TLS settings",
    status: 502,
    settings: ["trustServerCertificate", "encrypt", "url"],
  },
  unreachable: {
    reason:
      "the database server did not accept a connection at the host and port in the connection's settings (it may be down, or they may be wrong); try again shortly, and if it persists an administrator should check them",
    status: 503,
  },
  connection: {
    reason: "the database closed the connection or is restarting; try again shortly",
    status: 503,
  },
  "no-connection-slots": {
    reason:
      "the database server has no free connection slots; try again shortly (an administrator can lower the connection's poolMax or raise the server's connection limit)",
    status: 503,
  },
  "missing-object": {
    reason:
      "a table or column this connection exposes no longer exists in the database; an administrator should refresh the connection's schema",
    status: 502,
  },
  permission: {
    reason:
      "the database user is not allowed to read this data; an administrator should grant it read access (SELECT)",
    status: 502,
  },
  busy: { reason: "the database is busy (locked or in conflict); try again shortly", status: 503 },
  resources: {
    reason:
      "the database ran out of resources for this query; narrow it with $filter or ask for fewer rows with $top",
    status: 502,
  },
  "invalid-data": { reason: "the database holds a value it could not convert for this query", status: 502 },
  "read-only": { reason: "the database refused the statement because it is read-only", status: 502 },
  unknown: { reason: "the database rejected the query", status: 502 },
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
  const advice = ADVICE[failure.kind];
  const code = failure.code === undefined ? "" : ` (database code ${failure.code})`;
  const message = `${subject(entitySet)} could not be read: ${advice.reason}${code}.`;
  const target = entitySet === undefined ? {} : { target: entitySet };
  const error =
    advice.settings === undefined
      ? new ODataError({ code: "UpstreamError", status: advice.status, message, ...target })
      : new ConnectionSettingsError({ message, settings: advice.settings, ...target });
  return withCause(error, cause);
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
