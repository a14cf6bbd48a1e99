/**
 * The frame every OData data request runs in: parse the query options, run the answer with a
 * signal that fires if the client disconnects, send it, and leave one audit entry, whether the
 * request was answered or refused. Errors are rethrown for the error handler to render.
 */
import type { Engine, Explanation } from "@headgate/engine";
import { parseQueryOptions, type QueryOptions, serializeQueryOptions } from "@headgate/odata";
import type { FastifyReply, FastifyRequest } from "fastify";
import { auditQuery } from "../audit/audit-query.ts";
import { principalOf } from "../auth/require-api-key.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import { watchClientDisconnect } from "./client-disconnect.ts";
import { sendExactly } from "./odata-json.ts";

/** One OData request, as the handlers see it. */
export interface ODataCall {
  readonly request: FastifyRequest;
  readonly reply: FastifyReply;
  readonly context: GatewayContext;
  readonly engine: Engine;
  /** `<publicUrl>/odata`. */
  readonly root: string;
  /** The query string as received (percent-encoded, without `?`). */
  readonly rawQuery: string;
}

export interface DataAnswer {
  /** The canonical entity set name. */
  readonly entitySet: string;
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly rows: number;
  readonly plan?: Explanation;
  readonly upstreamCalls?: number;
}

export interface DataRequest {
  /** The entity set as the client named it (the answer carries the canonical name). */
  readonly entitySet: string;
  /** What the audit records before the options: `""`, `/$count`, `('23-104')`. */
  readonly resource: string;
  readonly answer: (options: QueryOptions, signal: AbortSignal) => Promise<DataAnswer>;
}

export async function answerAudited(call: ODataCall, data: DataRequest): Promise<FastifyReply> {
  const { request, reply, context } = call;
  const started = performance.now();
  const watch = watchClientDisconnect(reply);
  let query = auditText(data.resource, call.rawQuery);
  try {
    const options = parseQueryOptions(call.rawQuery);
    query = auditText(data.resource, serializeQueryOptions(options));
    const answer = await data.answer(options, watch.signal);
    auditQuery(context.audit, request.log, principalOf(request), {
      door: "odata",
      entitySet: answer.entitySet,
      query,
      ...(answer.plan === undefined ? {} : { plan: answer.plan }),
      upstreamCalls: answer.upstreamCalls ?? 0,
      rows: answer.rows,
      bytes: Buffer.byteLength(answer.body),
      durationMs: performance.now() - started,
    });
    for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
    return sendExactly(reply, answer.contentType, answer.body);
  } catch (error) {
    auditQuery(context.audit, request.log, principalOf(request), {
      door: "odata",
      entitySet: data.entitySet,
      query,
      durationMs: performance.now() - started,
      error,
    });
    throw error;
  } finally {
    watch.dispose();
  }
}

function auditText(resource: string, options: string): string {
  if (options === "") return resource;
  return resource === "" ? options : `${resource}?${options}`;
}
