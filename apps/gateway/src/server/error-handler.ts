/**
 * One rendering of every error, for every door: the OData error body with the status the error
 * carries on HTTP, the same code and message in an MCP tool result. A failure on our side (a 5xx,
 * or an error that is not ours at all) is logged with its stack under the request's correlation
 * id, and the client's message quotes that id, so a report can be matched to its log line. On
 * HTTP the id is Fastify's request id, also sent as the `x-request-id` header of every answer.
 * The client never sees a stack or a driver's message. An error that says when the same request
 * can succeed again (a budget that refills) is answered with `Retry-After` in whole seconds.
 */

import { ODataError } from "@headgate/odata";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GatewayError } from "../errors/gateway-error.ts";

/** The logger an error is reported to, with the correlation id bound (Fastify's `request.log`). */
export interface ErrorLog {
  error(object: object, message: string): void;
  info(object: object, message: string): void;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const rendered = answerError(error, request.id, request.log);
    if (rendered.retryAfterSeconds !== undefined)
      reply.header("Retry-After", String(rendered.retryAfterSeconds));
    return reply
      .status(rendered.status)
      .header("content-type", "application/json; charset=utf-8")
      .send(rendered.toJSON());
  });
  app.setNotFoundHandler((request, reply) => {
    const error = new GatewayError(
      "NotFound",
      `No resource at ${request.method} ${request.url.split("?")[0]}. The OData service is under /odata, the ChatGPT Action API under /api, the admin API under /admin, and the API description at /openapi.json and /docs.`,
      request.url.split("?")[0],
    );
    return reply.status(404).send(error.toJSON());
  });
}

/** Logs `error` as the outcome of the call `correlationId` names, and returns what its client is shown. */
export function answerError(error: unknown, correlationId: string, log: ErrorLog): ODataError {
  const rendered = toODataError(error, correlationId);
  if (rendered.status >= 500) log.error({ err: error }, "request failed");
  else log.info({ code: rendered.code, status: rendered.status }, rendered.message);
  return rendered;
}

export function toODataError(error: unknown, correlationId: string): ODataError {
  if (error instanceof ODataError)
    return error.status < 500 ? error : withCorrelationId(error, correlationId);
  const fastifyError = error as Partial<FastifyError> & { validation?: unknown };
  if (fastifyError.validation !== undefined && typeof fastifyError.message === "string") {
    return new GatewayError("InvalidRequest", fastifyError.message, fastifyError.validationContext);
  }
  const status = fastifyError.statusCode;
  if (
    typeof status === "number" &&
    status >= 400 &&
    status < 500 &&
    typeof fastifyError.message === "string"
  ) {
    return new ODataError({
      code: fastifyError.code ?? "InvalidRequest",
      message: fastifyError.message,
      status,
    });
  }
  const internal = new GatewayError(
    "InternalError",
    "An internal error occurred. It has been logged; try again, and report the request id if it persists.",
  );
  return withCorrelationId(internal, correlationId);
}

/** The same error, its message ending in the id it was logged under: `... (request id <id>)`. */
function withCorrelationId(error: ODataError, correlationId: string): ODataError {
  return new ODataError({
    code: error.code,
    status: error.status,
    message: `${error.message} (request id ${correlationId})`,
    ...(error.target === undefined ? {} : { target: error.target }),
    details: error.details,
    ...(error.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: error.retryAfterSeconds }),
  });
}
