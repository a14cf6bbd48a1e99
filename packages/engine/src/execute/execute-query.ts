/**
 * Executes a plan for one page of the result: the rows of that page, the total count when
 * asked, and whether more rows follow. Rows stream from the connector; an order the connector
 * could not apply makes the engine hold the rows up to the end of the page being served.
 * Past a soft deadline the page ends early, keeping its rows only when they are certainly the
 * first rows of the answer.
 */
import type { Row } from "@headgate/model";
import { applyTransformations, compileFilter, compileOrderBy, compileSearch } from "../evaluate/index.ts";
import type { QueryPlan } from "../plan/plan-query.ts";
import { type ExecutionContext, propertyTypes, searchableProperties } from "./context.ts";
import { scanRows } from "./scan-rows.ts";
import { type CutStream, type SoftDeadline, untilSoftDeadline } from "./soft-deadline.ts";

export interface PageRequest {
  /** Rows of the result already delivered by earlier pages. */
  readonly offset: number;
  /** Most rows this page may hold. */
  readonly pageSize: number;
  /** Past it, the page answers with what it certainly has (see `PageResult.cutShort`). */
  readonly softDeadline?: SoftDeadline;
}

export interface PageResult {
  readonly rows: Row[];
  readonly count?: number;
  readonly hasMore: boolean;
  /**
   * The soft deadline ended the page early: `rows` are the first rows of the window (possibly
   * none), `hasMore` says whether a next page should continue after them, and `count` is
   * present only if it was computed.
   */
  readonly cutShort?: true;
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
  if (plan.query.options.apply) return executeApplyQuery(plan, ctx, window, wantCount, page.softDeadline);
  const pushPaging = plan.pushed.paging && (!wantCount || plan.pushed.count);
  if (pushPaging) {
    const scan = scanRows(plan, ctx, {
      skip: window.skip,
      top: window.take + (window.probeForMore ? 1 : 0),
      ...(wantCount ? { count: true } : {}),
    });
    const stream = untilSoftDeadline(scan.batches, page.softDeadline);
    const rows = await collect(stream.items);
    const count = wantCount ? scan.count() : undefined;
    return stream.cutShort() ? cutShortPage(rows, window, count, wantCount) : pageOf(rows, window, count);
  }
  const scan = untilSoftDeadline(scanRows(plan, ctx).batches, page.softDeadline);
  if (plan.residual.orderBy) {
    const compare = compileOrderBy(plan.residual.orderBy, {
      propertyType: propertyTypes(plan.query.resultShape),
      now: ctx.now,
    });
    const all = await collect(scan.items);
    if (scan.cutShort()) return nothingCertain(window);
    all.sort(compare);
    return pageOf(
      all.slice(window.skip, window.skip + window.take + 1),
      window,
      wantCount ? all.length : undefined,
    );
  }
  return streamWindow(scan, window, wantCount);
}

/** Skips and takes from a stream; keeps reading (without keeping rows) only to count. */
async function streamWindow(
  stream: CutStream<Row[]>,
  window: Window,
  wantCount: boolean,
): Promise<PageResult> {
  const kept: Row[] = [];
  const limit = window.take + 1;
  let seen = 0;
  for await (const batch of stream.items) {
    const from = Math.max(0, window.skip - seen);
    for (let i = from; i < batch.length && kept.length < limit; i++) kept.push(batch[i]!);
    seen += batch.length;
    if (!wantCount && kept.length >= limit) break;
  }
  if (stream.cutShort()) return cutShortPage(kept, window, undefined, wantCount);
  return pageOf(kept, window, wantCount ? seen : undefined);
}

function pageOf(rows: Row[], window: Window, count: number | undefined): PageResult {
  const hasMore = window.probeForMore && rows.length > window.take;
  return { rows: rows.slice(0, window.take), hasMore, ...(count === undefined ? {} : { count }) };
}

/** A cut page: complete after all if its rows (and count, when asked) were all gathered. */
function cutShortPage(
  rows: Row[],
  window: Window,
  count: number | undefined,
  wantCount: boolean,
): PageResult {
  const page = pageOf(rows, window, count);
  const rowsComplete = rows.length > window.take || (rows.length === window.take && !window.probeForMore);
  if (rowsComplete && (!wantCount || count !== undefined)) return page;
  return { ...page, hasMore: rowsComplete ? page.hasMore : true, cutShort: true };
}

/** Cut before the order (or aggregation) of the rows was known: no row is certain yet. */
function nothingCertain(window: Window): PageResult {
  return { rows: [], hasMore: window.take > 0, cutShort: true };
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
  softDeadline: SoftDeadline | undefined,
): Promise<PageResult> {
  const { query, residual } = plan;
  const scan = untilSoftDeadline(scanRows(plan, ctx).batches, softDeadline);
  const evaluation = {
    propertyType: propertyTypes(query.sourceShape),
    now: ctx.now,
    searchProperties: searchableProperties(query.sourceShape),
  };
  let rows = residual.apply
    ? await applyTransformations(rowsOf(scan.items), residual.apply, evaluation)
    : await collect(scan.items);
  if (scan.cutShort()) return nothingCertain(window);
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
