/**
 * Answers `EntitySet?$filter=...` text from the command line with the engine, shaped like the
 * OData JSON the REST door will serve. Errors come back in the OData error format.
 */
import type { Engine, QueryResult } from "@headgate/engine";
import { ODataError, parseQueryOptions, serializeQueryOptions } from "@headgate/odata";

export interface QueryTextAnswer {
  readonly ok: boolean;
  readonly body: unknown;
}

export async function runQueryText(engine: Engine, text: string): Promise<QueryTextAnswer> {
  const trimmed = text.trim();
  const questionMark = trimmed.indexOf("?");
  const path = questionMark < 0 ? trimmed : trimmed.slice(0, questionMark);
  const query = questionMark < 0 ? "" : trimmed.slice(questionMark + 1);
  try {
    const options = parseQueryOptions(query);
    if (path.endsWith("/$count"))
      return { ok: true, body: await engine.count({ entitySet: path.slice(0, -"/$count".length), options }) };
    if (path === "$explain" || path.endsWith("/$explain")) {
      const entitySet = path.replace(/\/?\$explain$/, "");
      return { ok: true, body: await engine.explainWithCost({ entitySet, options }) };
    }
    return { ok: true, body: toODataJson(await engine.query({ entitySet: path, options })) };
  } catch (error) {
    if (error instanceof ODataError) return { ok: false, body: error.toJSON() };
    throw error;
  }
}

function toODataJson(result: QueryResult): Record<string, unknown> {
  return {
    "@odata.context": `$metadata#${result.entitySet}`,
    ...(result.count === undefined ? {} : { "@odata.count": result.count }),
    value: result.rows,
    ...(result.next
      ? { "@odata.nextLink": `${result.entitySet}?${serializeQueryOptions(result.next)}` }
      : {}),
  };
}
