/**
 * One entity by its key (`Jobs('23-104')`, an MCP `get` tool). It runs as an ordinary query,
 * `$filter=k1 eq v1 and k2 eq v2&$top=2`, so pushdown, `$select` and `$expand` behave exactly
 * as they do for collection queries and the plan explains it the same way.
 */
import type { EntitySetDef, Row } from "@headgate/model";
import { type Expr, type QueryOptions, serializeLiteral } from "@headgate/odata";
import type { QueryRequest, QueryResult } from "../engine.ts";
import { EngineError } from "../errors.ts";
import type { Explanation } from "../plan/explain.ts";
import { type KeyInput, type KeySyntax, type KeyValue, parseKeyPredicate } from "./parse-key-predicate.ts";

export interface KeyLookupRequest {
  readonly entitySet: string;
  /** Raw OData key-predicate text between the parentheses, percent-decoded: `'23-104'`, `42`,
   *  `Job='23-104'`, `Job='23-104',Cost_Code='01-100'`; or a JSON object `{ Job: "23-104" }`
   *  or number. */
  readonly key: KeyInput;
  /** How `key` is written: `odata` (default) as in a URL, `lenient` as people and models write it. */
  readonly keySyntax?: KeySyntax;
  /** `select` and `expand` only; any other option is an InvalidQuery 400. */
  readonly options?: QueryOptions;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /** As `QueryRequest.fresh`: read the upstream now, not a cached scan. */
  readonly fresh?: boolean;
}

export interface KeyLookupResult {
  /** The entity set's canonical name. */
  readonly entitySet: string;
  readonly row: Row;
  readonly plan: Explanation;
  readonly stats: QueryResult["stats"];
  /** As `QueryResult.asOf`: how old the row's data is. */
  readonly asOf: Date;
}

export interface KeyLookupDeps {
  readonly entitySet: (name: string) => EntitySetDef;
  readonly query: (request: QueryRequest) => Promise<QueryResult>;
}

/** Options a key lookup ignores rather than refuses: they do not change which entity is read. */
const PASSED_OVER = new Set(["select", "expand", "format", "custom"]);

export async function getByKey(request: KeyLookupRequest, deps: KeyLookupDeps): Promise<KeyLookupResult> {
  const entitySet = deps.entitySet(request.entitySet);
  const keyValues = parseKeyPredicate(entitySet, request.key, request.keySyntax);
  const options = lookupOptions(entitySet.name, request.options ?? {}, keyValues);
  const result = await deps.query({
    entitySet: entitySet.name,
    options,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.timeoutMs === undefined ? {} : { timeoutMs: request.timeoutMs }),
    ...(request.fresh ? { fresh: true } : {}),
  });
  const row = result.rows[0];
  if (row === undefined) throw notFound(entitySet.name, keyValues);
  return { entitySet: result.entitySet, row, plan: result.plan, stats: result.stats, asOf: result.asOf };
}

function lookupOptions(entitySet: string, given: QueryOptions, keyValues: readonly KeyValue[]): QueryOptions {
  for (const [name, value] of Object.entries(given)) {
    if (value !== undefined && !PASSED_OVER.has(name)) {
      throw new EngineError(
        "InvalidQuery",
        `$${name} cannot be combined with a key lookup on '${entitySet}', which returns one entity; only $select and $expand apply. To search, query '${entitySet}' with $filter instead.`,
        `$${name}`,
      );
    }
  }
  return {
    filter: keyFilter(keyValues),
    top: 2,
    ...(given.select ? { select: given.select } : {}),
    ...(given.expand ? { expand: given.expand } : {}),
  };
}

function keyFilter(keyValues: readonly KeyValue[]): Expr {
  const comparisons: Expr[] = keyValues.map(({ property, literal }) => ({
    kind: "binary",
    op: "eq",
    left: { kind: "member", path: [property.name] },
    right: { kind: "literal", literal },
  }));
  return comparisons.reduce((left, right) => ({ kind: "binary", op: "and", left, right }));
}

/** `JobNumber='23-999'` or `Job='23-104',Cost_Code='01-100'`, as a client would write it. */
export function keyText(keyValues: readonly KeyValue[]): string {
  if (keyValues.length === 1) return serializeLiteral(keyValues[0]!.literal, { urlEncoded: false });
  return keyValues
    .map((k) => `${k.property.name}=${serializeLiteral(k.literal, { urlEncoded: false })}`)
    .join(",");
}

function notFound(entitySet: string, keyValues: readonly KeyValue[]): EngineError {
  const first = keyValues[0];
  const example = first
    ? ` (e.g. $filter=${first.property.name} eq ${serializeLiteral(first.literal, { urlEncoded: false })})`
    : "";
  return new EngineError(
    "NotFound",
    `no entity in '${entitySet}' has the key (${keyText(keyValues)}). To search instead, query '${entitySet}' with $filter${example}.`,
    entitySet,
  );
}
