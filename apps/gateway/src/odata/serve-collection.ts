/**
 * `GET /odata/<EntitySet>?...`: one page of an entity set as an OData JSON collection, with
 * `@odata.count` when asked, `@headgate.asOf` (how old the data is), an absolute
 * `@odata.nextLink` while rows remain, and the client's `Prefer: maxpagesize` passed to the
 * engine and echoed in `Preference-Applied`. `Cache-Control: no-cache` reads the upstreams now.
 */
import { serializeQueryOptions } from "@headgate/odata";
import { answerAudited, type DataAnswer, type ODataCall } from "./audited-answer.ts";
import { negotiateJson } from "./content-negotiation.ts";
import { collectionContext } from "./context-url.ts";
import { freshnessOf } from "./fresh-request.ts";
import { annotationPreference, annotationsApplied, includesAnnotation } from "./include-annotations.ts";
import { AS_OF_TERM, collectionJson, jsonContentType } from "./odata-json.ts";
import { pageSizeApplied, preferredPageSize } from "./prefer-header.ts";

export function serveCollection(call: ODataCall, entitySet: string) {
  return answerAudited(call, {
    entitySet,
    resource: "",
    answer: async (options, signal): Promise<DataAnswer> => {
      const { headers } = call.request;
      const level = negotiateJson(headers.accept, options.format);
      const preference = preferredPageSize(headers.prefer);
      const annotations = annotationPreference(headers.prefer);
      const result = await call.engine.query({
        entitySet,
        options,
        signal,
        ...(preference === undefined ? {} : { maxPageSize: preference.size }),
        ...freshnessOf(headers["cache-control"]),
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
          ...(includesAnnotation(annotations, AS_OF_TERM) ? { asOf: result.asOf } : {}),
        },
        level,
      );
      const applied = [
        ...(preference === undefined ? [] : [pageSizeApplied(preference, result.pageSize)]),
        ...(annotations === undefined ? [] : [annotationsApplied(annotations)]),
      ];
      return {
        entitySet: result.entitySet,
        contentType: jsonContentType(level),
        body,
        headers: applied.length === 0 ? {} : { "Preference-Applied": applied.join(", ") },
        rows: result.rows.length,
        plan: result.plan,
        upstreamCalls: result.stats.upstreamCalls,
      };
    },
  });
}
