/**
 * `nextCursor`: the whole next query in one opaque string, so a model continues by passing it
 * back, alone or with the parameters it already sent. A cursor continues with `$skip` advanced
 * past the rows already returned: the engine's own continuation counts rows the same way (an
 * offset after the client's `$skip`), and unlike a skiptoken it can resume after any row, which
 * is what a page cut to fit the size limit needs.
 *
 * The cursor is sealed by the engine like every paging token (signed with the gateway's secret,
 * bound to the workspace and to this API), so one that was altered or comes from elsewhere is
 * refused; every page is still authorized and bound again for the caller who presents it.
 */
import type { Engine } from "@headgate/engine";
import { GatewayError } from "../errors/gateway-error.ts";
import { DEFAULT_PAGE_SIZE, type PageQuery } from "./page-query.ts";

const DOOR = "action";

/** What seals the cursors: the workspace's engine. */
type Sealer = Pick<Engine, "cursors">;

/** The cursor of the page that follows the first `delivered` rows of `page`. */
export function cursorAfter(engine: Sealer, entitySet: string, page: PageQuery, delivered: number): string {
  const skip = (page.options.skip ?? 0) + delivered;
  return engine.cursors(DOOR).encode({
    entitySet,
    options: { ...page.options, skip },
    pageSize: page.pageSize,
  });
}

/** The page a cursor asks for; `entitySet` is the one named in the request path. */
export function readCursor(engine: Sealer, cursor: string, entitySet: string): PageQuery {
  const next = engine.cursors(DOOR).decode(cursor);
  if (next.entitySet.toLowerCase() !== entitySet.toLowerCase()) {
    throw new GatewayError(
      "InvalidRequest",
      `this cursor continues a query on entity set '${next.entitySet}', not '${entitySet}'; send it to /api/entity-sets/${next.entitySet}/rows.`,
      "cursor",
    );
  }
  return { options: next.options, pageSize: next.pageSize ?? DEFAULT_PAGE_SIZE };
}
