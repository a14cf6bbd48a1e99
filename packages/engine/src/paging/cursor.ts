/**
 * The cursor a model continues a query with (the Action API's `nextCursor`, MCP's `cursor`): the
 * next query in one string, so passing it back alone is enough. It names the entity set, holds
 * the query's OData text, and where the door needs them how many rows of that page the caller
 * already has and the page size. It is sealed like `$skiptoken` (signed-token.ts): a cursor that
 * was altered, issued for another workspace or by the other door is refused, and any replica
 * sharing the secret continues it, with no state kept between calls.
 */
import { parseQueryOptions, type QueryOptions, serializeQueryOptions } from "@headgate/odata";
import { EngineError } from "../errors.ts";
import { createTokenSigner } from "./signed-token.ts";

export interface ResultCursor {
  /** The entity set's canonical name. */
  readonly entitySet: string;
  readonly options: QueryOptions;
  /** Rows at the start of the page `options` selects that the caller already has. */
  readonly drop?: number;
  /** Rows per page, for a door whose page size is not an OData option. */
  readonly pageSize?: number;
}

export interface CursorCodec {
  encode(cursor: ResultCursor): string;
  /** The cursor's query, or an `InvalidCursor` error that says to run the query again without it. */
  decode(text: string): ResultCursor;
}

interface CursorPayload {
  readonly e: string;
  readonly q: string;
  readonly d?: number;
  readonly n?: number;
}

/** Cursors of one `door` (the doors' cursors differ in meaning) within one `scope` (the workspace). */
export function createCursorCodec(secret: string | Uint8Array, door: string, scope: string): CursorCodec {
  const signer = createTokenSigner(secret, `cursor:${door}`, scope);
  return {
    encode(cursor) {
      const payload: CursorPayload = {
        e: cursor.entitySet,
        q: serializeQueryOptions(cursor.options),
        ...(cursor.drop ? { d: cursor.drop } : {}),
        ...(cursor.pageSize === undefined ? {} : { n: cursor.pageSize }),
      };
      return signer.seal(payload);
    },
    decode(text) {
      const opened = signer.open(text);
      if (!opened.ok) {
        throw invalidCursor(
          opened.reason === "signature"
            ? "it was altered, or it was issued for another workspace, by another API or by a gateway with another secret"
            : "it is not a cursor this gateway issued",
        );
      }
      return readCursor(opened.payload);
    },
  };
}

function readCursor(payload: unknown): ResultCursor {
  if (typeof payload === "object" && payload !== null) {
    const { e, q, d, n } = payload as Record<string, unknown>;
    if (typeof e === "string" && typeof q === "string" && isCount(d, 0) && isCount(n, 1)) {
      try {
        return {
          entitySet: e,
          options: parseQueryOptions(q),
          ...(d === undefined ? {} : { drop: d }),
          ...(n === undefined ? {} : { pageSize: n }),
        };
      } catch {
        // A query this gateway no longer reads the same way: reported below.
      }
    }
  }
  throw invalidCursor("its content is not a query this gateway can continue");
}

function isCount(value: unknown, min: number): value is number | undefined {
  return value === undefined || (typeof value === "number" && Number.isSafeInteger(value) && value >= min);
}

function invalidCursor(reason: string): EngineError {
  return new EngineError(
    "InvalidCursor",
    `invalid cursor: ${reason}. Pass the cursor exactly as it was returned, or run the query again without the cursor to start over.`,
    "cursor",
  );
}
