/**
 * `nextCursor`: the whole next query in one opaque string, so a model continues by passing it
 * back, alone or with the parameters it already sent. A cursor continues with `$skip` advanced
 * past the rows already returned: the engine's own continuation counts rows the same way (an
 * offset after the client's `$skip`), and unlike a skiptoken it can resume after any row, which
 * is what a page cut to fit the size limit needs.
 *
 * A cursor is not signed: it can only express a query the caller may send directly, and every
 * page is authorized and bound again for the caller who presents it.
 */
import { parseQueryOptions, type QueryOptions, serializeQueryOptions } from "@headgate/odata";
import { GatewayError } from "../errors/gateway-error.ts";
import type { PageQuery } from "./page-query.ts";

interface CursorPayload {
  readonly v: 1;
  /** The entity set's canonical name. */
  readonly e: string;
  /** The OData query text of the next page. */
  readonly q: string;
  /** Rows per page. */
  readonly n: number;
}

/** The cursor of the page that follows the first `delivered` rows of `page`. */
export function cursorAfter(entitySet: string, page: PageQuery, delivered: number): string {
  const skip = (page.options.skip ?? 0) + delivered;
  const options: QueryOptions = { ...page.options, skip };
  const payload: CursorPayload = { v: 1, e: entitySet, q: serializeQueryOptions(options), n: page.pageSize };
  return Buffer.from(JSON.stringify(payload)).toString("base64url");
}

/** The page a cursor asks for; `entitySet` is the one named in the request path. */
export function readCursor(cursor: string, entitySet: string): PageQuery {
  const payload = decode(cursor);
  if (payload.e.toLowerCase() !== entitySet.toLowerCase()) {
    throw new GatewayError(
      "InvalidRequest",
      `this cursor continues a query on entity set '${payload.e}', not '${entitySet}'; send it to /api/entity-sets/${payload.e}/rows.`,
      "cursor",
    );
  }
  return { options: parseQueryOptions(payload.q), pageSize: payload.n };
}

function decode(cursor: string): CursorPayload {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== "object" || parsed === null) throw invalid();
  const { v, e, q, n } = parsed as Record<string, unknown>;
  if (v !== 1 || typeof e !== "string" || typeof q !== "string") throw invalid();
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) throw invalid();
  return { v, e, q, n };
}

function invalid(): GatewayError {
  return new GatewayError(
    "InvalidRequest",
    "the cursor is not one this API returned: pass nextCursor exactly as received, or repeat the query without cursor to start again.",
    "cursor",
  );
}
