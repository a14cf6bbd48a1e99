/**
 * One rendering of every error: the OData error body with the status the error carries. Errors
 * that are not ours are bugs or infrastructure faults: they are logged with the request id, and
 * the client gets that id, never a stack or a driver's message.
 */

import { ODataError } from "@headgate/odata";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { GatewayError } from "../errors/gateway-error.ts";

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const rendered = toODataError(error, request.id);
    if (rendered.status >= 500) request.log.error({ err: error }, "request failed");
    else request.log.info({ code: rendered.code, status: rendered.status }, rendered.message);
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

export function toODataError(error: unknown, requestId: string): ODataError {
  if (error instanceof ODataError) return error;
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
  return new GatewayError(
    "InternalError",
    `An internal error occurred (request id ${requestId}). It has been logged; try again, and report the request id if it persists.`,
  );
}
