/**
 * What a resource handler needs from the request: the parsed query options, the store, the
 * base for `@odata.context` and paging limits, and whether the caller sent
 * `Prefer: HonorNonIndexedQueriesWarningMayFailRandomly`.
 */
import type { FastifyRequest } from "fastify";
import type { GraphStore } from "../graph-store.ts";
import type { PageLimits } from "../odata/paging.ts";
import type { QueryOptions } from "../odata/query-options.ts";

export interface RequestContext {
  readonly request: FastifyRequest;
  readonly store: GraphStore;
  readonly options: QueryOptions;
  /** `http://127.0.0.1:1234/v1.0/$metadata` (on Graph: `https://graph.microsoft.com/v1.0/$metadata`). */
  readonly metadata: string;
  readonly limits: PageLimits;
  readonly honorNonIndexed: boolean;
  /** Lists above this many items refuse non-indexed queries even with `Prefer` (5,000 on SharePoint). */
  readonly listViewThreshold: number;
}

export const HONOR_NON_INDEXED = "HonorNonIndexedQueriesWarningMayFailRandomly";

export function prefersNonIndexed(request: FastifyRequest): boolean {
  const prefer = request.headers.prefer;
  const values = Array.isArray(prefer) ? prefer : [prefer ?? ""];
  return values.some((value) =>
    value
      .split(",")
      .some((preference) => preference.trim().toLowerCase() === HONOR_NON_INDEXED.toLowerCase()),
  );
}

/** Ids inside `@odata.context` are percent-encoded (`%2C` for the site id's commas, `%21` for `b!`). */
export function contextKey(id: string): string {
  return encodeURIComponent(id).replace(/!/g, "%21");
}
