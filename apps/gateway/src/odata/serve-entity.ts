/**
 * `GET /odata/<EntitySet>(<key>)`: one entity by its key, with `$select`/`$expand`, as an
 * OData JSON entity (`$metadata#Jobs/$entity`) annotated with `@headgate.asOf`, read fresh
 * under `Cache-Control: no-cache` as a collection is. The key text is handed to the engine as
 * written; the engine says what a malformed key should look like, and 404s a missing entity.
 * Paths below an entity (`Jobs('1')/Name`, `/$value`, navigation) are refused here with 501 when
 * they name a real member, 404 otherwise.
 */
import { didYouMean } from "@headgate/odata";
import { GatewayError } from "../errors/gateway-error.ts";
import { answerAudited, type DataAnswer, type ODataCall } from "./audited-answer.ts";
import { negotiateJson } from "./content-negotiation.ts";
import { entityContext } from "./context-url.ts";
import { freshnessOf } from "./fresh-request.ts";
import { annotationPreference, annotationsApplied, includesAnnotation } from "./include-annotations.ts";
import { AS_OF_TERM, entityJson, jsonContentType } from "./odata-json.ts";

export function serveEntity(call: ODataCall, entitySet: string, key: string) {
  return answerAudited(call, {
    entitySet,
    resource: `(${key})`,
    answer: async (options, signal): Promise<DataAnswer> => {
      const { headers } = call.request;
      const level = negotiateJson(headers.accept, options.format);
      const annotations = annotationPreference(headers.prefer);
      // Options other than $select/$expand are the engine's to refuse, with its explanation.
      const result = await call.engine.getByKey({
        entitySet,
        key,
        options,
        signal,
        ...freshnessOf(headers["cache-control"]),
      });
      const asOf = includesAnnotation(annotations, AS_OF_TERM) ? result.asOf : undefined;
      return {
        entitySet: result.entitySet,
        contentType: jsonContentType(level),
        body: entityJson(entityContext(call.root, result.entitySet, options), result.row, level, asOf),
        headers: annotations === undefined ? {} : { "Preference-Applied": annotationsApplied(annotations) },
        rows: 1,
        plan: result.plan,
        upstreamCalls: result.stats.upstreamCalls,
      };
    },
  });
}

/** `Jobs('1')/Name` and the like: 501 for a real property or navigation, 404 otherwise. */
export function serveEntityMember(
  call: ODataCall,
  entitySet: string,
  key: string,
  segments: readonly string[],
) {
  return answerAudited(call, {
    entitySet,
    resource: `(${key})/${segments.join("/")}`,
    answer: async (): Promise<DataAnswer> => {
      const set = call.engine.bind(entitySet, {}).entitySet;
      const member = segments[0] ?? "";
      const entity = `${set.name}(${key})`;
      const properties = set.entityType.properties.map((p) => p.name);
      const navigation = set.entityType.navigation.map((n) => n.name);
      if (properties.includes(member) || member === "$value") {
        throw new GatewayError(
          "NotImplemented",
          `Addressing a single property or raw value (${entity}/${segments.join("/")}) is not supported; read ${entity}?$select=${properties.includes(member) ? member : "<property>"} instead.`,
          member,
        );
      }
      if (navigation.includes(member) || member === "$ref") {
        throw new GatewayError(
          "NotImplemented",
          `Navigating from one entity (${entity}/${segments.join("/")}) is not supported; read ${entity}?$expand=${navigation.includes(member) ? member : "<navigation>"} instead.`,
          member,
        );
      }
      throw new GatewayError(
        "NotFound",
        `${set.name} has no property or navigation '${member}'${didYouMean(member, [...properties, ...navigation]) || "."} Properties: ${properties.join(", ")}.`,
        member,
      );
    },
  });
}
