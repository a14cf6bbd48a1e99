/**
 * `GET /odata/<EntitySet>/$count?$filter=...`: the number of matching entities as a bare
 * integer (`text/plain`, or `application/json` for clients that accept only JSON), ignoring
 * `$top` and `$skip` as the protocol says.
 */
import { answerAudited, type DataAnswer, type ODataCall } from "./audited-answer.ts";
import { negotiateCount } from "./content-negotiation.ts";

export function serveCount(call: ODataCall, entitySet: string) {
  return answerAudited(call, {
    entitySet,
    resource: "/$count",
    answer: async (options, signal): Promise<DataAnswer> => {
      const contentType = negotiateCount(call.request.headers.accept, options.format);
      const resolved = call.engine.bind(entitySet, {}).entitySet.name;
      const count = await call.engine.count({ entitySet: resolved, options, signal });
      return { entitySet: resolved, contentType, body: String(count), rows: 0 };
    },
  });
}
