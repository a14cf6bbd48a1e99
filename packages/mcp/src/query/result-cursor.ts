/**
 * The continuation handle of a cut query result. It names the entity set, the options of the
 * engine page being served (with the engine's own signed `$skiptoken` when past the first page)
 * and how many rows of that page the caller already has. Resuming re-reads that page and drops
 * those rows, so no state is kept between calls and any replica can continue.
 */
import { ODataError, parseQueryOptions, type QueryOptions, serializeQueryOptions } from "@headgate/odata";

export interface ResultPosition {
  readonly entitySet: string;
  readonly options: QueryOptions;
  /** Rows of the page `options` selects that were already returned. */
  readonly drop: number;
}

export function encodeCursor(position: ResultPosition): string {
  const payload = { s: position.entitySet, q: serializeQueryOptions(position.options), d: position.drop };
  return Buffer.from(JSON.stringify(payload), "utf8").toString("base64url");
}

export function decodeCursor(cursor: string): ResultPosition {
  try {
    const payload: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (isPayload(payload))
      return { entitySet: payload.s, options: parseQueryOptions(payload.q), drop: payload.d };
  } catch {
    // reported below
  }
  throw new ODataError({
    code: "InvalidCursor",
    status: 400,
    target: "cursor",
    message:
      "This cursor is not one this server issued (or it was altered). Pass the 'cursor' value of the previous result unchanged, or repeat the query without a cursor.",
  });
}

function isPayload(value: unknown): value is { s: string; q: string; d: number } {
  if (typeof value !== "object" || value === null) return false;
  const { s, q, d } = value as Record<string, unknown>;
  return typeof s === "string" && typeof q === "string" && Number.isInteger(d) && (d as number) >= 0;
}
