/**
 * How Graph answers on the wire: OData JSON content type, `request-id` and `client-request-id`
 * headers (the latter echoing the caller's), and error bodies carrying the same ids in
 * `innerError` together with the date.
 */
import { randomUUID } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { GraphError } from "./graph-error.ts";

export const ODATA_JSON =
  "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false;charset=utf-8";

interface Correlation {
  readonly requestId: string;
  readonly clientRequestId: string;
}

const correlations = new WeakMap<FastifyRequest, Correlation>();

function correlationOf(request: FastifyRequest): Correlation {
  const known = correlations.get(request);
  if (known) return known;
  const requestId = randomUUID();
  const sent = request.headers["client-request-id"];
  const clientRequestId = typeof sent === "string" && sent.length > 0 ? sent : requestId;
  const correlation = { requestId, clientRequestId };
  correlations.set(request, correlation);
  return correlation;
}

export function sendGraph(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  body: unknown,
): FastifyReply {
  const { requestId, clientRequestId } = correlationOf(request);
  return reply
    .code(status)
    .header("request-id", requestId)
    .header("client-request-id", clientRequestId)
    .header("OData-Version", "4.0")
    .header("Cache-Control", "no-cache")
    .header("Content-Type", ODATA_JSON)
    .send(JSON.stringify(body));
}

/** Graph writes `innerError.date` as UTC without a zone designator or fraction. */
function innerErrorDate(): string {
  return new Date().toISOString().slice(0, 19);
}

export function graphErrorBody(request: FastifyRequest, error: GraphError): unknown {
  const { requestId, clientRequestId } = correlationOf(request);
  return {
    error: {
      code: error.code,
      message: error.message,
      innerError: {
        ...(error.innerCode ? { code: error.innerCode } : {}),
        date: innerErrorDate(),
        "request-id": requestId,
        "client-request-id": clientRequestId,
      },
    },
  };
}

export function sendGraphError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: GraphError,
): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return sendGraph(request, reply, error.status, graphErrorBody(request, error));
}
