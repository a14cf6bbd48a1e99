/**
 * The continuation handle of a cut query result. It names the entity set, the options of the
 * engine page being served (with the engine's own `$skiptoken` when past the first page) and how
 * many rows of that page the caller already has. Resuming re-reads that page and drops those
 * rows, so no state is kept between calls and any replica can continue.
 *
 * The engine seals it like every paging token (signed with the gateway's secret, bound to the
 * workspace and to this door): a cursor that was altered, comes from another workspace or from
 * the Action API is refused with `InvalidCursor`, naming `cursor` and how to start again.
 */
import type { Engine } from "@headgate/engine";
import type { QueryOptions } from "@headgate/odata";

export interface ResultPosition {
  readonly entitySet: string;
  readonly options: QueryOptions;
  /** Rows of the page `options` selects that were already returned. */
  readonly drop: number;
}

export interface ResultCursors {
  encode(position: ResultPosition): string;
  decode(cursor: string): ResultPosition;
}

const DOOR = "mcp";

/** This door's cursors, sealed by the workspace's engine. */
export function resultCursors(engine: Pick<Engine, "cursors">): ResultCursors {
  const codec = engine.cursors(DOOR);
  return {
    encode: (position) => codec.encode(position),
    decode: (cursor) => {
      const { entitySet, options, drop } = codec.decode(cursor);
      return { entitySet, options, drop: drop ?? 0 };
    },
  };
}
