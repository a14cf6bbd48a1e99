/**
 * The gateway's pino options: whatever the caller asks for (level, destination), with credentials
 * kept out of every line. A request is logged as method, redacted URL, host and peer (never its
 * headers); credential headers are removed from any `headers` object someone logs; and every
 * message, error and top-level text value passes through `redactCredentials`, so a URL that
 * reaches a log line some other way (a Fastify message, an error naming a request) is covered too.
 */
import type { FastifyRequest, FastifyServerOptions } from "fastify";
import { CREDENTIAL_HEADERS, REDACTED, redactCredentials, redactUrl } from "./redact-credentials.ts";

type LoggerSetting = FastifyServerOptions["logger"];

export function loggerOptions(logger: LoggerSetting): LoggerSetting {
  if (logger === false || logger === undefined) return false;
  const base = typeof logger === "object" ? logger : {};
  return {
    ...base,
    serializers: { ...base.serializers, req: serializeRequest, msg: redactMessage },
    formatters: { ...base.formatters, log: redactTopLevel },
    redact: { paths: headerPaths(), censor: REDACTED },
  };
}

/** Fastify's own request serializer, with the URL's credentials redacted. */
function serializeRequest(request: FastifyRequest) {
  const version = request.headers?.["accept-version"];
  return {
    method: request.method,
    url: redactUrl(request.url),
    version: Array.isArray(version) ? version.join(", ") : version,
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

function redactMessage(message: unknown): unknown {
  return typeof message === "string" ? redactCredentials(message) : message;
}

/** Runs before the serializers: strings and errors logged as fields of the line. */
function redactTopLevel(fields: Record<string, unknown>): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const [name, value] of Object.entries(fields)) {
    const redacted =
      typeof value === "string"
        ? redactCredentials(value)
        : value instanceof Error
          ? redactError(value)
          : value;
    if (redacted === value) continue;
    copy ??= { ...fields };
    copy[name] = redacted;
  }
  return copy ?? fields;
}

/**
 * An error whose message or stack names a credential, copied with them redacted (the error
 * itself belongs to someone else); pino's error serializer then reads the copy as usual.
 */
function redactError(error: Error): Error {
  const message = redactCredentials(error.message);
  const stack = error.stack === undefined ? undefined : redactCredentials(error.stack);
  const cause = error.cause instanceof Error ? redactError(error.cause) : error.cause;
  if (message === error.message && stack === error.stack && cause === error.cause) return error;
  const copy: Error = Object.create(Object.getPrototypeOf(error));
  Object.assign(copy, error);
  Object.defineProperties(copy, {
    message: { value: message, enumerable: false, writable: true, configurable: true },
    stack: { value: stack, enumerable: false, writable: true, configurable: true },
    cause: { value: cause, enumerable: false, writable: true, configurable: true },
  });
  return copy;
}

/** `req.headers.cookie`, `headers["x-api-key"]`, ... for every credential header. */
function headerPaths(): string[] {
  const owners = ["req.headers", "request.headers", "headers", "res.headers", "reply.headers"];
  return owners.flatMap((owner) => CREDENTIAL_HEADERS.map((name) => `${owner}["${name}"]`));
}
