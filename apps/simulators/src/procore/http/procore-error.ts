/**
 * Procore's v1 error answers. The v1 API has no single error envelope; its docs say 4xx bodies
 * carry an `errors` or `message` field. The simulator always sends `{"errors": "<text>"}` as
 * JSON, so connectors must read that field (and tolerate `message`).
 */
import type { FastifyReply } from "fastify";

export class ProcoreError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ProcoreError";
  }
}

export const MESSAGES = {
  invalidToken: "The access token is invalid",
  missingCompanyHeader: "Missing Procore-Company-Id header!",
  notConnected: "App is not connected to this company",
  notFound: "Item not found",
  rateLimited:
    "You have surpassed the max number of requests for an hour. Please wait until your limit resets.",
} as const;

export function badRequest(message: string): ProcoreError {
  return new ProcoreError(400, message);
}

export function notFound(): ProcoreError {
  return new ProcoreError(404, MESSAGES.notFound);
}

export function sendProcoreError(reply: FastifyReply, error: ProcoreError): FastifyReply {
  if (error.status === 401) {
    // Procore's OAuth server (Doorkeeper) names the failure in the challenge header too.
    reply.header(
      "WWW-Authenticate",
      `Bearer realm="Doorkeeper", error="invalid_token", error_description="${MESSAGES.invalidToken}"`,
    );
  }
  return reply.code(error.status).type("application/json; charset=utf-8").send({ errors: error.message });
}
