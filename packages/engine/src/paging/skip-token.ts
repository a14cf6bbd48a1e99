/**
 * Opaque, signed continuation tokens for server-driven paging. A token says how many result
 * rows were already delivered and which query it belongs to; the HMAC lets any replica that
 * shares the secret resume it, and stops a client from forging offsets or reusing a token on a
 * different query.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { EngineError } from "../errors.ts";

export interface SkipTokenState {
  /** Rows of the result already delivered (after the client's own `$skip`). */
  readonly offset: number;
  /** Fingerprint of the query the token continues. */
  readonly query: string;
}

export interface SkipTokenCodec {
  encode(state: SkipTokenState): string;
  /** The state in a token, or an `InvalidSkipToken` error a client can act on. */
  decode(token: string, expectedQuery: string): SkipTokenState;
}

const SIGNATURE_BYTES = 16;

export function createSkipTokenCodec(secret: string | Uint8Array): SkipTokenCodec {
  const sign = (payload: string) =>
    createHmac("sha256", secret).update(payload).digest().subarray(0, SIGNATURE_BYTES);
  return {
    encode(state) {
      const payload = Buffer.from(JSON.stringify({ v: 1, o: state.offset, q: state.query })).toString(
        "base64url",
      );
      return `${payload}.${sign(payload).toString("base64url")}`;
    },
    decode(token, expectedQuery) {
      const [payload, signature, extra] = token.split(".");
      if (!payload || !signature || extra !== undefined)
        throw invalid("it is not a token this service issued");
      const given = Buffer.from(signature, "base64url");
      const expected = sign(payload);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw invalid(
          "its signature does not match (it was altered, or issued by a service with another secret)",
        );
      }
      const state = readPayload(payload);
      if (state.query !== expectedQuery)
        throw invalid("it belongs to a different query; follow @odata.nextLink exactly as given");
      return state;
    },
  };
}

function readPayload(payload: string): SkipTokenState {
  const parsed: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  if (typeof parsed === "object" && parsed !== null && "o" in parsed && "q" in parsed) {
    const { o, q } = parsed;
    if (typeof o === "number" && Number.isSafeInteger(o) && o >= 0 && typeof q === "string")
      return { offset: o, query: q };
  }
  throw invalid("its content is malformed");
}

function invalid(reason: string): EngineError {
  return new EngineError(
    "InvalidSkipToken",
    `invalid $skiptoken: ${reason}. Repeat the original request without $skiptoken to start again.`,
    "$skiptoken",
  );
}

/** A short, stable fingerprint of a query (entity set + options without the token itself). */
export function queryFingerprint(entitySet: string, options: object): string {
  const text = JSON.stringify([entitySet, options], (key, value: unknown) => {
    if (key === "skiptoken" || key === "format") return undefined;
    return typeof value === "bigint" ? `${value}n` : value;
  });
  return createHash("sha256").update(text).digest("base64url").slice(0, 16);
}
