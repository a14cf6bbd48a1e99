/**
 * Executes a plan for one page of the result: the rows of that page, the total count when
 * asked, and whether more rows follow. Rows stream from the connector; an order the connector
 * could not apply makes the engine hold the rows up to the end of the page being served.
 */
import type { Row } from "@headgate/model";
import { applyTransformations, compileFilter, compileOrderBy, compileSearch } from "../evaluate/index.ts";
import type { QueryPlan } from "../plan/plan-query.ts";
import { type ExecutionContext, propertyTypes, searchableProperties } from "./context.ts";
import { scanRows } from "./scan-rows.ts";

export interface PageRequest {
  /** Rows of the result already delivered by earlier pages. */
  readonly offset: number;
  /** Most rows this page may hold. */
  readonly pageSize: number;
}

export interface PageResult {
  readonly rows: Row[];
  readonly count?: number;
  readonly hasMore: boolean;
}

interface Window {
  /** Result rows to pass over: the client's `$skip` plus earlier pages. */
  readonly skip: number;
  /** Rows this page returns at most. */
  readonly take: number;
  /** True when rows may exist beyond `take` within the client's `$top`. */
  readonly probeForMore: boolean;
}

function windowFor(plan: QueryPlan, page: PageRequest): Window {
  const top = plan.query.options.top;
  const remaining = top === undefined ? Number.POSITIVE_INFINITY : Math.max(0, top - page.offset);
  const take = Math.min(remaining, page.pageSize);
  return { skip: (plan.query.options.skip ?? 0) + page.offset, take, probeForMore: remaining > take };
}

export async function executeQuery(
  plan: QueryPlan,
  ctx: ExecutionContext,
  page: PageRequest,
): Promise<PageResult> {
  const window = windowFor(plan, page);
  const wantCount = plan.query.options.count === true;
  if (plan.query.options.apply) return executeApplyQuery(plan, ctx, window, wantCount);
  const pushPaging = plan.pushed.paging && (!wantCount || plan.pushed.count);
  if (pushPaging) {
    const scan = scanRows(plan, ctx, {
      skip: window.skip,
      top: window.take + (window.probeForMore ? 1 : 0),
      ...(wantCount ? { count: true } : {}),
    });
    const rows = await collect(scan.batches);
    return pageOf(rows, window, wantCount ? scan.count() : undefined);
  }
  const scan = scanRows(plan, ctx);
  if (plan.residual.orderBy) {
    const compare = compileOrderBy(plan.residual.orderBy, {
      propertyType: propertyTypes(plan.query.resultShape),
      now: ctx.now,
    });
    const all = await collect(scan.batches);
    all.sort(compare);
    return pageOf(
      all.slice(window.skip, window.skip + window.take + 1),
      window,
      wantCount ? all.length : undefined,
    );
  }
  return streamWindow(scan.batches, window, wantCount);
}

/** Skips and takes from a stream; keeps reading (without keeping rows) only to count. */
async function streamWindow(
  batches: AsyncIterable<Row[]>,
  window: Window,
  wantCount: boolean,
): Promise<PageResult> {
  const kept: Row[] = [];
  const limit = window.take + 1;
  let seen = 0;
  for await (const batch of batches) {
    const from = Math.max(0, window.skip - seen);
    for (let i = from; i < batch.length && kept.length < limit; i++) kept.push(batch[i]!);
    seen += batch.length;
    if (!wantCount && kept.length >= limit) break;
  }
  return pageOf(kept, window, wantCount ? seen : undefined);
}

function pageOf(rows: Row[], window: Window, count: number | undefined): PageResult {
  const hasMore = window.probeForMore && rows.length > window.take;
  return { rows: rows.slice(0, window.take), hasMore, ...(count === undefined ? {} : { count }) };
}

async function collect(batches: AsyncIterable<Row[]>): Promise<Row[]> {
  const out: Row[] = [];
  for await (const batch of batches) for (const row of batch) out.push(row);
  return out;
}

async function* rowsOf(batches: AsyncIterable<Row[]>): AsyncIterable<Row> {
  for await (const batch of batches) yield* batch;
}

/** `$apply` first, then `$search`, `$filter`, `$orderby`, `$count`, `$skip`/`$top` on its output. */
async function executeApplyQuery(
  plan: QueryPlan,
  ctx: ExecutionContext,
  window: Window,
  wantCount: boolean,
): Promise<PageResult> {
  const { query, residual } = plan;
  const scan = scanRows(plan, ctx);
  const evaluation = {
    propertyType: propertyTypes(query.sourceShape),
    now: ctx.now,
    searchProperties: searchableProperties(query.sourceShape),
  };
  let rows = residual.apply
    ? await applyTransformations(rowsOf(scan.batches), residual.apply, evaluation)
    : await collect(scan.batches);
  const resultOptions = { propertyType: propertyTypes(query.resultShape), now: ctx.now };
  if (residual.search) {
    const matches = compileSearch(residual.search, searchableProperties(query.resultShape));
    rows = rows.filter(matches);
  }
  if (residual.postApplyFilter) rows = rows.filter(compileFilter(residual.postApplyFilter, resultOptions));
  if (residual.orderBy) rows.sort(compileOrderBy(residual.orderBy, resultOptions));
  return pageOf(
    rows.slice(window.skip, window.skip + window.take + 1),
    window,
    wantCount ? rows.length : undefined,
  );
}
