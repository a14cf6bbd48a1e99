/**
 * `GET /odata/<EntitySet>?...`: one page of an entity set as an OData JSON collection, with
 * `@odata.count` when asked, an absolute `@odata.nextLink` while rows remain, and the client's
 * `Prefer: maxpagesize` passed to the engine and echoed in `Preference-Applied`.
 */
import { serializeQueryOptions } from "@headgate/odata";
import { answerAudited, type DataAnswer, type ODataCall } from "./audited-answer.ts";
import { negotiateJson } from "./content-negotiation.ts";
import { collectionContext } from "./context-url.ts";
import { collectionJson, jsonContentType } from "./odata-json.ts";
import { pageSizeApplied, preferredPageSize } from "./prefer-header.ts";

export function serveCollection(call: ODataCall, entitySet: string) {
  return answerAudited(call, {
    entitySet,
    resource: "",
    answer: async (options, signal): Promise<DataAnswer> => {
      const level = negotiateJson(call.request.headers.accept, options.format);
      const preference = preferredPageSize(call.request.headers.prefer);
      const result = await call.engine.query({
        entitySet,
        options,
        signal,
        ...(preference === undefined ? {} : { maxPageSize: preference.size }),
      });
      const nextLink = result.next
        ? `${call.root}/${encodeURIComponent(result.entitySet)}?${serializeQueryOptions(result.next)}`
        : undefined;
      const body = collectionJson(
        {
          context: collectionContext(call.root, result.entitySet, options, result.rows),
          rows: result.rows,
          ...(result.count === undefined ? {} : { count: result.count }),
          ...(nextLink === undefined ? {} : { nextLink }),
        },
        level,
      );
      return {
        entitySet: result.entitySet,
        contentType: jsonContentType(level),
        body,
        headers:
          preference === undefined
            ? {}
            : { "Preference-Applied": pageSizeApplied(preference, result.pageSize) },
        rows: result.rows.length,
        plan: result.plan,
        upstreamCalls: result.stats.upstreamCalls,
      };
    },
  });
}
