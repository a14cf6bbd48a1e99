/**
 * `query_entity_set`: one OData query as typed arguments, answered by the workspace engine and
 * kept under the result budget. A cut or paged result carries a `cursor` that continues it;
 * every result says when its data was read (`asOf`), and `fresh` reads the upstreams now.
 */

import type { Row } from "@headgate/model";
import { ODataError, parseQueryOptions, type QueryOptions } from "@headgate/odata";
import type { CallToolResult } from "@modelcontextprotocol/server";
import * as z from "zod";
import { withProgress } from "../progress/with-progress.ts";
import {
  freshArgument,
  type QueryArguments,
  queryArgumentsShape,
  queryTextOf,
} from "../query/query-arguments.ts";
import { type ResultCursors, type ResultPosition, resultCursors } from "../query/result-cursor.ts";
import { CHARS_PER_TOKEN, type FittedRows, fitRows } from "../results/fit-rows.ts";
import { jsonWithMember } from "../results/json-with-member.ts";
import { toolSuccess } from "../results/tool-result.ts";
import { cachedJsonSchema } from "../schema/cached-json-schema.ts";
import { READ_ONLY } from "./annotations.ts";
import { type Answered, answerAudited, type ToolDeps } from "./tool-deps.ts";
import { QUERY_EXAMPLES } from "./tool-examples.ts";
import type { ToolCall, ToolRegistrar } from "./tool-registrar.ts";

// Schemas are built once: building zod schemas per request would dominate a stateless call.
const INPUT_SCHEMA = cachedJsonSchema(
  z
    .object({
      ...queryArgumentsShape,
      entity_set: queryArgumentsShape.entity_set.optional(),
      fresh: freshArgument,
    })
    .meta({ examples: QUERY_EXAMPLES }),
);

const DESCRIPTION = [
  "Query an entity set with OData options; returns rows as JSON.",
  "Strings in single quotes, dates bare. Property names: describe_entity_set.",
  "A result cut to fit carries 'cursor': call again with only cursor to continue.",
].join(" ");

const outputSchema = cachedJsonSchema(
  z.object({
    entitySet: z.string(),
    asOf: z.string(),
    rows: z.array(z.record(z.string(), z.unknown())),
    count: z.number().optional(),
    cursor: z.string().optional(),
    notice: z.string().optional(),
  }),
);

export function registerQueryTool(registrar: ToolRegistrar): void {
  registrar.tool(
    "query_entity_set",
    {
      title: "Query entity set",
      description: DESCRIPTION,
      inputSchema: INPUT_SCHEMA,
      outputSchema,
      annotations: READ_ONLY,
    },
    (args, call) => queryTool(call.deps, args, call),
  );
}

type QueryToolArguments = QueryArguments & { readonly fresh?: boolean | undefined };

function queryTool(deps: ToolDeps, args: QueryToolArguments, call: ToolCall): Promise<CallToolResult> {
  const text = queryTextOf(args);
  const asked = {
    tool: "query_entity_set",
    entitySet: args.entity_set ?? null,
    query: args.cursor ? "(cursor)" : text,
  };
  return answerAudited(deps, asked, () => runQuery(deps, args, text, call));
}

async function runQuery(
  deps: ToolDeps,
  args: QueryToolArguments,
  queryText: string,
  call: ToolCall,
): Promise<Answered> {
  const engine = await deps.engine();
  const cursors = resultCursors(engine);
  const position = positionOf(cursors, args, queryText);
  const result = await withProgress(call, `query ${position.entitySet}`, deps.progressIntervalMs, () =>
    engine.query({
      entitySet: position.entitySet,
      options: position.options,
      maxPageSize: deps.budget.maxPageSize,
      signal: call.signal,
      ...(args.fresh ? { fresh: true } : {}),
      ...(deps.budget.softDeadlineMs === undefined ? {} : { softDeadlineMs: deps.budget.softDeadlineMs }),
    }),
  );
  const page: Page = {
    entitySet: result.entitySet,
    asOf: result.asOf,
    rows: result.rows.slice(position.drop),
    position,
    cursors,
    ...(result.count === undefined ? {} : { count: result.count }),
    ...(result.next ? { next: result.next } : {}),
    ...(result.incomplete ? { incomplete: result.incomplete.message } : {}),
  };
  const { structured, text, returned } = shapeWithinBudget(page, deps.budget.maxResultTokens);
  return {
    result: toolSuccess(structured, text),
    entitySet: result.entitySet,
    plan: result.plan,
    upstreamCalls: result.stats.upstreamCalls,
    rows: returned,
  };
}

/** Where to read from: the cursor's position, or the first row of the query `text` asks. */
function positionOf(cursors: ResultCursors, args: QueryArguments, text: string): ResultPosition {
  if (args.cursor) return cursors.decode(args.cursor);
  if (!args.entity_set) throw missingEntitySet();
  return { entitySet: args.entity_set, options: parseQueryOptions(text), drop: 0 };
}

function missingEntitySet(): ODataError {
  return new ODataError({
    code: "InvalidArguments",
    status: 400,
    target: "entity_set",
    message: "Name the entity set to query (entity_set), or pass the cursor of a previous result.",
  });
}

interface Page {
  readonly entitySet: string;
  /** When the data was read upstream. */
  readonly asOf: Date;
  readonly rows: readonly Row[];
  readonly position: ResultPosition;
  /** How the page's continuation is sealed (the workspace engine's cursors). */
  readonly cursors: ResultCursors;
  readonly count?: number;
  readonly next?: QueryOptions;
  /** Why the page stopped early (its time budget), and how to get the rest. */
  readonly incomplete?: string;
}

/** The answer object, with as many rows as the budget admits (checked on the final text). */
export function shapeWithinBudget(
  page: Page,
  maxTokens: number,
): { structured: Record<string, unknown>; text: string; returned: number } {
  const limit = maxTokens * CHARS_PER_TOKEN;
  const fitted = fitWithCursorRoom(page, maxTokens);
  let taken = fitted.rows.length;
  const textOf = (structured: Record<string, unknown>) =>
    jsonWithMember(
      structured,
      "rows",
      taken === fitted.rows.length ? fitted.json : JSON.stringify(fitted.rows.slice(0, taken)),
    );
  let structured = build(page, taken, fitted.cut, maxTokens);
  let text = textOf(structured);
  while (text.length > limit && taken > 0) {
    taken -= 1;
    structured = build(page, taken, true, maxTokens);
    text = textOf(structured);
  }
  return { structured, text, returned: taken };
}

/** Room for everything but the rows and the cursor: member names, count, notice. */
const ENVELOPE_CHARS = 600;

/**
 * Room for the envelope, and for a cursor only when one will be needed (rows cut, or more pages):
 * sizing the cursor serializes the query, which a small answer should not pay for.
 */
function fitWithCursorRoom(page: Page, maxTokens: number): FittedRows {
  const fitted = fitRows(page.rows, maxTokens, ENVELOPE_CHARS);
  if (!fitted.cut && !page.next) return fitted;
  return fitRows(page.rows, maxTokens, ENVELOPE_CHARS + longestCursorChars(page));
}

/**
 * The longest cursor this page can carry, measured by encoding it as `build` will (the query
 * AST holds bigint literals, so it has no JSON of its own): the position past every row of the
 * page, or the next page.
 */
function longestCursorChars(page: Page): number {
  const { entitySet, position, rows, next, cursors } = page;
  const cut = cursors.encode({ entitySet, options: position.options, drop: position.drop + rows.length });
  const more = next ? cursors.encode({ entitySet, options: next, drop: 0 }) : "";
  return Math.max(cut.length, more.length);
}

function build(page: Page, taken: number, cut: boolean, maxTokens: number): Record<string, unknown> {
  const rows = page.rows.slice(0, taken);
  const { position } = page;
  let cursor: string | undefined;
  let notice: string | undefined;
  if (cut) {
    // Skip a row too large to ever fit, rather than returning the same empty answer forever.
    const drop = position.drop + Math.max(1, taken);
    cursor = page.cursors.encode({ entitySet: page.entitySet, options: position.options, drop });
    notice =
      `Cut after ${taken} rows to stay under about ${maxTokens} tokens${taken === 0 ? " (the next row alone is larger; it was skipped)" : ""}. ` +
      "Pass cursor to continue, or narrow: select fewer properties, add a filter, lower top, or aggregate with apply.";
  } else if (page.next) {
    cursor = page.cursors.encode({ entitySet: page.entitySet, options: page.next, drop: 0 });
    notice = page.incomplete
      ? `${page.incomplete} Pass cursor to continue.`
      : "More rows match: pass cursor to get the next page.";
  }
  return {
    entitySet: page.entitySet,
    asOf: page.asOf.toISOString(),
    rows,
    ...(page.count === undefined ? {} : { count: page.count }),
    ...(cursor ? { cursor } : {}),
    ...(notice ? { notice } : {}),
  };
}
