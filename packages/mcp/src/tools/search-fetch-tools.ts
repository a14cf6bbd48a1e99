/**
 * `search` and `fetch`, shaped exactly as ChatGPT deep research and company knowledge require:
 * `search(query)` returns `{results:[{id,title,url}]}`, `fetch(id)` returns
 * `{id,title,text,url,metadata}`, each as one JSON text item. Search runs OData `$search` over
 * every entity set with searchable properties; ids are OData entity addresses (`Jobs('23-104')`).
 * A fetched record's metadata says when its data was read (`asOf`), the one place the shape has
 * room for it.
 */

import { setMaxListeners } from "node:events";
import type { Engine } from "@headgate/engine";
import type { EntitySetDef, Row } from "@headgate/model";
import { parseSearch, type SearchExpr } from "@headgate/odata";
import * as z from "zod";
import { toolSuccess } from "../results/tool-result.ts";
import { cachedJsonSchema } from "../schema/cached-json-schema.ts";
import { entityId, parseEntityId, titleOf } from "../schema/entity-id.ts";
import { entitySetOf } from "../schema/find-entity-set.ts";
import { READ_ONLY } from "./annotations.ts";
import { answerAudited } from "./tool-deps.ts";
import { FETCH_EXAMPLES, SEARCH_EXAMPLES } from "./tool-examples.ts";
import type { ToolRegistrar } from "./tool-registrar.ts";

// Schemas are built once: building zod schemas per request would dominate a stateless call.
const SEARCH_INPUT = cachedJsonSchema(
  z
    .object({ query: z.string().min(1).describe("Words or a phrase, e.g. `Summit Cold Storage`") })
    .meta({ examples: SEARCH_EXAMPLES }),
);
const SEARCH_OUTPUT = cachedJsonSchema(
  z.object({
    results: z.array(z.object({ id: z.string(), title: z.string(), url: z.string() })),
  }),
);
const FETCH_INPUT = cachedJsonSchema(z.object({ id: z.string().min(1) }).meta({ examples: FETCH_EXAMPLES }));
const FETCH_OUTPUT = cachedJsonSchema(
  z.object({
    id: z.string(),
    title: z.string(),
    text: z.string(),
    url: z.string(),
    metadata: z.record(z.string(), z.string()).optional(),
  }),
);

const PER_SET = 5;

export function registerSearchFetchTools(registrar: ToolRegistrar): void {
  registrar.tool(
    "search",
    {
      title: "Search records",
      description:
        "Free-text search across all searchable entity sets (jobs, vendors, cost codes...). Returns ids for fetch.",
      inputSchema: SEARCH_INPUT,
      outputSchema: SEARCH_OUTPUT,
      annotations: READ_ONLY,
    },
    ({ query }, { deps, signal }) =>
      answerAudited(deps, { tool: "search", entitySet: null, query: `$search=${query}` }, async () => {
        const engine = await deps.engine();
        const found = await searchAll(engine, query, signal, deps.reportFailure);
        const results = found.hits.map(({ set, row }) => {
          const id = entityId(set, row);
          return { id, title: titleOf(set, row), url: deps.urlOf(id) };
        });
        return { result: toolSuccess({ results }), upstreamCalls: found.upstreamCalls, rows: results.length };
      }),
  );
  registrar.tool(
    "fetch",
    {
      title: "Fetch record",
      description: "The full record for an id from search, e.g. `Jobs('23-104')`.",
      inputSchema: FETCH_INPUT,
      outputSchema: FETCH_OUTPUT,
      annotations: READ_ONLY,
    },
    ({ id }, { deps, signal }) =>
      answerAudited(deps, { tool: "fetch", entitySet: null, query: id }, async () => {
        const { entitySet, key } = parseEntityId(id);
        const engine = await deps.engine();
        const found = await engine.getByKey({ entitySet, key, signal });
        const set = entitySetOf(engine.model, found.entitySet);
        const canonical = entityId(set, found.row);
        const document = {
          id: canonical,
          title: titleOf(set, found.row),
          text: JSON.stringify(found.row, null, 1),
          url: deps.urlOf(canonical),
          metadata: { entitySet: set.name, asOf: found.asOf.toISOString() },
        };
        return {
          result: toolSuccess(document),
          entitySet: set.name,
          plan: found.plan,
          upstreamCalls: found.stats.upstreamCalls,
          rows: 1,
        };
      }),
  );
}

interface Hits {
  readonly hits: readonly { set: EntitySetDef; row: Row }[];
  readonly upstreamCalls: number;
}

/** Hears a failure search passes over (a set that could not answer), so it is still logged. */
type Skipped = (error: unknown) => void;

/** All words must match; when nothing does, any word may (natural-language questions). */
async function searchAll(engine: Engine, text: string, signal: AbortSignal, skipped: Skipped): Promise<Hits> {
  const sets = engine.model.entitySets.filter(isSearchable);
  const exact = tryParse(text);
  const words = wordsOf(text);
  const first = await searchSets(engine, sets, exact ?? phrases(words, " AND "), signal, skipped);
  if (first.hits.length > 0 || words.length < 2) return first;
  const loose = await searchSets(engine, sets, phrases(words, " OR "), signal, skipped);
  return { hits: loose.hits, upstreamCalls: first.upstreamCalls + loose.upstreamCalls };
}

function isSearchable(set: EntitySetDef): boolean {
  const props = set.entityType.properties;
  return props.some((p) => p.capabilities.searchable) && !props.some((p) => p.capabilities.requiredInFilter);
}

async function searchSets(
  engine: Engine,
  sets: readonly EntitySetDef[],
  search: SearchExpr | undefined,
  signal: AbortSignal,
  skipped: Skipped,
): Promise<Hits> {
  if (search === undefined) return { hits: [], upstreamCalls: 0 };
  // One linked signal for all sets, so the caller's signal gets one listener, not one per set.
  const linked = new AbortController();
  setMaxListeners(sets.length + 10, linked.signal);
  const onAbort = () => linked.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    return await querySets(engine, sets, search, linked.signal, skipped);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

async function querySets(
  engine: Engine,
  sets: readonly EntitySetDef[],
  search: SearchExpr,
  signal: AbortSignal,
  skipped: Skipped,
): Promise<Hits> {
  const answers = await Promise.all(
    sets.map((set) =>
      engine
        .query({ entitySet: set.name, options: { search, top: PER_SET }, signal })
        .then((result) => ({ set, result }))
        // One set that cannot answer (upstream down) must not fail the whole search.
        .catch((error: unknown) => {
          skipped(error);
          return undefined;
        }),
    ),
  );
  const hits: { set: EntitySetDef; row: Row }[] = [];
  let upstreamCalls = 0;
  for (const answer of answers) {
    if (!answer) continue;
    upstreamCalls += answer.result.stats.upstreamCalls;
    for (const row of answer.result.rows) hits.push({ set: answer.set, row });
  }
  return { hits, upstreamCalls };
}

function tryParse(text: string): SearchExpr | undefined {
  try {
    return parseSearch(text, { urlEncoded: false });
  } catch {
    return undefined;
  }
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}\p{N}][\p{L}\p{N}'_.-]*/gu) ?? [];
}

function phrases(words: readonly string[], joiner: string): SearchExpr | undefined {
  if (words.length === 0) return undefined;
  return tryParse(words.map((w) => `"${w}"`).join(joiner));
}
