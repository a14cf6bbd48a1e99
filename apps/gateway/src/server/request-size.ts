/**
 * How large a request the gateway reads, and how it refuses a larger one. Node reads at most
 * 16 KiB of request line and headers by default, less than a long but valid OData query (a
 * filter of 1,000 terms is about 20 KB of URL), so such queries never reached the query
 * language's own limits and were cut off with Fastify's bare 431. The gateway reads up to
 * MAX_REQUEST_HEAD_BYTES and refuses more with the OData error body every door uses, naming the
 * limit and what to write instead. Path segments (an entity key in /api's path) may be as long
 * as the URL allows.
 */
import type { Server } from "node:http";
import type { Socket } from "node:net";
import { ODataError } from "@headgate/odata";
import type { FastifyHttpOptions } from "fastify";

/** The request line and headers together, in bytes. */
export const MAX_REQUEST_HEAD_BYTES = 64 * 1024;

export const requestSizeOptions = {
  http: { maxHeaderSize: MAX_REQUEST_HEAD_BYTES },
  routerOptions: { maxParamLength: MAX_REQUEST_HEAD_BYTES },
} satisfies Partial<FastifyHttpOptions<Server>>;

/** The answer to a request whose line and headers are longer than the gateway reads. */
export function requestTooLarge(): ODataError {
  return new ODataError({
    code: "QueryLimitExceeded",
    status: 431,
    target: "url",
    message:
      `The request's URL and headers together exceed ${MAX_REQUEST_HEAD_BYTES.toLocaleString("en-US")} bytes, ` +
      "the most the gateway reads. Shorten the query: use `Name in ('a','b')` instead of many " +
      "`or ... eq` terms, select fewer properties, or split the question into several queries.",
  });
}

/**
 * Fastify's clientErrorHandler: answers a request too large to read with the OData error body,
 * and any other malformed request as Node would (400), since no route or hook ever sees it.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const body = JSON.stringify(
    tooLarge
      ? requestTooLarge().toJSON()
      : { error: { code: "InvalidRequest", message: "The request is not valid HTTP/1.1." } },
  );
  const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
