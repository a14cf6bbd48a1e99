/**
 * `queryEntitySet`: one page of rows for a model, answered within the Action's budgets. The
 * query stops at the time budget with the rows known so far (the engine's soft deadline), the
 * page is cut to the size budget, and either way `nextCursor` continues exactly after the last
 * row returned. Every request, answered or refused, leaves an audit entry.
 */
import type { Engine, QueryResult } from "@headgate/engine";
import type { EntitySetDef, Row } from "@headgate/model";
import { findEntitySet } from "@headgate/model";
import { serializeQueryOptions } from "@headgate/odata";
import { auditQuery } from "../audit/audit-query.ts";
import type { Principal } from "../auth/principal.ts";
import type { GatewayContext } from "../server/gateway-context.ts";
import type { Logger } from "../workspaces/workspace-engines.ts";
import { cursorAfter, readCursor } from "./cursor.ts";
import { formatCount } from "./fit-to-budget.ts";
import { type PageQuery, type PlainQueryParameters, pageQueryOf } from "./page-query.ts";
import { type RenderedPage, renderPage, type Truncation } from "./render-page.ts";

export interface QueryRowsRequest {
  readonly engine: Engine;
  readonly principal: Principal;
  readonly log: Logger;
  /** The entity set as named in the path (any case). */
  readonly entitySet: string;
  readonly parameters: PlainQueryParameters;
  /** Aborts when the client went away: upstream work nobody will read stops. */
  readonly signal?: AbortSignal;
  /** Read the upstreams now rather than cached scans (`Cache-Control: no-cache`, `fresh=true`). */
  readonly fresh?: boolean;
}

/** The response text of one page. */
export async function queryRows(context: GatewayContext, request: QueryRowsRequest): Promise<string> {
  const started = performance.now();
  const audit = (fields: { entitySet: string; query: string; error?: unknown } & Partial<AuditCounts>) =>
    auditQuery(context.audit, request.log, request.principal, {
      door: "action",
      ...fields,
      durationMs: performance.now() - started,
    });
  let page: PageQuery | undefined;
  try {
    page = request.parameters.cursor
      ? readCursor(request.engine, request.parameters.cursor, request.entitySet)
      : pageQueryOf(request.parameters);
    const result = await request.engine.query({
      entitySet: request.entitySet,
      options: page.options,
      maxPageSize: page.pageSize,
      softDeadlineMs: context.actionBudget.deadlineMs,
      ...(request.signal ? { signal: request.signal } : {}),
      ...(request.fresh ? { fresh: true } : {}),
    });
    const rendered = render(context, request.engine, page, result);
    audit({
      entitySet: result.entitySet,
      query: serializeQueryOptions(page.options),
      ...countsOf(result, rendered),
    });
    return rendered.text;
  } catch (error) {
    const query = page ? serializeQueryOptions(page.options) : askedText(request.parameters);
    audit({ entitySet: request.entitySet, query, error });
    throw error;
  }
}

interface AuditCounts {
  readonly plan: QueryResult["plan"];
  readonly upstreamCalls: number;
  readonly rows: number;
  readonly bytes: number;
}

function countsOf(result: QueryResult, rendered: RenderedPage): AuditCounts {
  return {
    plan: result.plan,
    upstreamCalls: result.stats.upstreamCalls,
    rows: rendered.delivered,
    bytes: Buffer.byteLength(rendered.text),
  };
}

function render(context: GatewayContext, engine: Engine, page: PageQuery, result: QueryResult): RenderedPage {
  const set = findEntitySet(engine.model, result.entitySet);
  const key = set?.entityType.key ?? [];
  return renderPage(
    {
      entitySet: result.entitySet,
      asOf: result.asOf,
      rows: result.rows,
      ...(result.count === undefined ? {} : { count: result.count }),
      more: result.next !== undefined || result.incomplete !== undefined,
      cursorAfter: (delivered) => cursorAfter(engine, result.entitySet, page, delivered),
      ...(result.incomplete === undefined ? {} : { deadline: deadlineTruncation(context, result) }),
      ...fullScanNotice(result),
      narrowing: narrowingFor(set, page),
      describeRow: (row) => describeRow(row, key),
    },
    context.actionBudget.maxResponseChars,
  );
}

function deadlineTruncation(context: GatewayContext, result: QueryResult): Truncation {
  const ms = context.actionBudget.deadlineMs;
  const budget = ms >= 1000 ? `${formatCount(Math.round(ms / 1000))}-second` : `${ms}-millisecond`;
  const known = result.rows.length;
  const outcome =
    known > 0
      ? `returned the first ${known} row${known === 1 ? "" : "s"} of the answer. Continue with nextCursor, or narrow the query`
      : "no row was certain yet (the gateway sorts or aggregates every row before answering), and nextCursor would take as long. Narrow the query";
  return {
    reason: "deadline",
    message: `The query reached the ${budget} time budget of a response: ${outcome} with a filter on properties with cheapFilters (see describeEntitySet) or a smaller top.`,
  };
}

/** Said only when the source could not narrow its read: the gateway scanned the whole set. */
function fullScanNotice(result: QueryResult): { notice?: string } {
  const { pushed, residual } = result.plan;
  if (Object.keys(residual).length === 0 || pushed.filter !== undefined || pushed.aggregation !== undefined)
    return {};
  return {
    notice: `The source system could not apply this query, so the gateway read every row of ${result.entitySet} to answer it. Filters on properties with cheapFilters (see describeEntitySet) make such queries faster.`,
  };
}

function narrowingFor(set: EntitySetDef | undefined, page: PageQuery): string {
  const ways: string[] = [];
  if (page.options.select === undefined && set !== undefined) {
    const names = [...set.entityType.key, ...set.entityType.properties.map((p) => p.name)];
    ways.push(
      `ask only for the properties you need with select (e.g. select=${[...new Set(names)].slice(0, 3).join(",")})`,
    );
  }
  const navigation = page.options.expand?.[0]?.path[0];
  if (navigation !== undefined) ways.push(`fewer expanded rows (e.g. expand=${navigation}($top=5))`);
  ways.push("a smaller top, or a tighter filter");
  return ways.join(", ");
}

/** `(Job='23-104')`: a row by its key, as a model would look it up with getEntity. */
export function describeRow(row: Row, key: readonly string[]): string {
  if (key.length === 0 || key.some((name) => row[name] === undefined)) return "at the start of this page";
  const parts = key.map((name) => {
    const value = row[name];
    return `${name}=${typeof value === "string" ? `'${value.replaceAll("'", "''")}'` : String(value)}`;
  });
  return `(${parts.join(",")})`;
}

/** The query as the model sent it, for the audit entry of a query that did not parse. */
function askedText(parameters: PlainQueryParameters): string {
  const text = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters))
    if (value !== undefined && name !== "cursor" && name !== "fresh") text.set(name, String(value));
  return text.toString();
}
