/**
 * `GET /odata/<EntitySet>/$count?$filter=...`: the number of matching entities as a bare
 * `text/plain` integer, ignoring `$top` and `$skip` as the protocol says.
 */
import { answerAudited, type DataAnswer, type ODataCall } from "./audited-answer.ts";
import { negotiateText } from "./content-negotiation.ts";

export function serveCount(call: ODataCall, entitySet: string) {
  return answerAudited(call, {
    entitySet,
    resource: "/$count",
    answer: async (options, signal): Promise<DataAnswer> => {
      negotiateText(call.request.headers.accept, options.format);
      const resolved = call.engine.bind(entitySet, {}).entitySet.name;
      const count = await call.engine.count({ entitySet: resolved, options, signal });
      return { entitySet: resolved, contentType: "text/plain;charset=utf-8", body: String(count), rows: 0 };
    },
  });
}
