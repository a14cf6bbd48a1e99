/**
 * Opaque, signed continuation tokens for server-driven paging (`$skiptoken`). A token says how
 * many result rows were already delivered and which query it belongs to; it is sealed like every
 * continuation token (signed-token.ts), so any replica that shares the secret resumes it, and a
 * client can neither forge an offset, reuse a token on a different query, nor carry it to
 * another workspace.
 */
import { createHash } from "node:crypto";
import { EngineError } from "../errors.ts";
import { createTokenSigner } from "./signed-token.ts";

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

/** Tokens valid within `scope` (the workspace) only. */
export function createSkipTokenCodec(secret: string | Uint8Array, scope = ""): SkipTokenCodec {
  const signer = createTokenSigner(secret, "skiptoken", scope);
  return {
    encode(state) {
      return signer.seal({ o: state.offset, q: state.query });
    },
    decode(token, expectedQuery) {
      const opened = signer.open(token);
      if (!opened.ok) {
        throw invalid(
          opened.reason === "signature"
            ? "its signature does not match (it was altered, or issued for another workspace or by a service with another secret)"
            : "it is not a token this service issued",
        );
      }
      const state = readState(opened.payload);
      if (state.query !== expectedQuery)
        throw invalid("it belongs to a different query; follow @odata.nextLink exactly as given");
      return state;
    },
  };
}

function readState(payload: unknown): SkipTokenState {
  if (typeof payload === "object" && payload !== null && "o" in payload && "q" in payload) {
    const { o, q } = payload;
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
