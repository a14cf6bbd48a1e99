/**
 * Streams a plan's rows: connector pages in, then `$compute`, the residual filter and the
 * residual search, each compiled once into a closure. Nothing here holds more than one page.
 */
import type { ScanRequest } from "@headgate/connector-kit";
import type { Row } from "@headgate/model";
import { ODataError } from "@headgate/odata";
import { EngineError } from "../errors.ts";
import { compileCompute, compileFilter, compileSearch } from "../evaluate/index.ts";
import type { QueryPlan } from "../plan/plan-query.ts";
import { type ExecutionContext, propertyTypes, searchableProperties } from "./context.ts";

export interface ScanWindow {
  /** Pushed to the connector only when the plan allows paging. */
  readonly top?: number;
  readonly skip?: number;
  readonly count?: boolean;
}

export interface ScanResult {
  /** Matching rows in batches (one per upstream page): a promise per page, not per row. */
  readonly batches: AsyncIterable<Row[]>;
  /** The connector's count, resolved once the first page arrived (undefined if not asked). */
  readonly count: () => number | undefined;
}

/** The one scan request a plan sends its connector (what `explain` prices and `scanRows` reads). */
export function scanRequestOf(
  plan: QueryPlan,
  ctx: Pick<ExecutionContext, "signal" | "deadline" | "fresh">,
  window: ScanWindow = {},
): ScanRequest {
  const { pushed, query } = plan;
  return {
    entitySet: query.entitySet.name,
    signal: ctx.signal,
    deadline: ctx.deadline,
    ...(pushed.filter ? { filter: pushed.filter } : {}),
    ...(pushed.search ? { search: pushed.search } : {}),
    ...(pushed.orderBy ? { orderBy: pushed.orderBy } : {}),
    ...(pushed.select ? { select: pushed.select } : {}),
    ...(pushed.aggregation ? { aggregation: pushed.aggregation } : {}),
    ...(ctx.fresh ? { fresh: true } : {}),
    ...window,
  };
}

export function scanRows(plan: QueryPlan, ctx: ExecutionContext, window: ScanWindow = {}): ScanResult {
  const { query } = plan;
  const request = scanRequestOf(plan, ctx, window);
  let count: number | undefined;
  const source = ctx.connectorFor(query.entitySet.name).scan(request, ctx.stats);
  const stages = compileStages(plan, ctx);
  async function* batches(): AsyncIterable<Row[]> {
    try {
      for await (const page of source) {
        if (ctx.signal.aborted) throw abortError(ctx);
        if (page.count !== undefined) count = page.count;
        if (page.asOf !== undefined) ctx.stats.asOf = Math.min(ctx.stats.asOf ?? page.asOf, page.asOf);
        ctx.stats.rowsScanned += page.rows.length;
        yield stages.apply(page.rows);
      }
    } catch (error) {
      throw asEngineError(error, ctx);
    }
  }
  return { batches: batches(), count: () => count };
}

interface Stages {
  /** The page's rows that pass, computed properties added. */
  readonly apply: (rows: readonly Row[]) => Row[];
}

/** Without `$apply`, the residual runs on source rows; with it, after the apply pipeline. */
function compileStages(plan: QueryPlan, ctx: ExecutionContext): Stages {
  const { query, residual } = plan;
  if (query.options.apply) return { apply: (rows) => rows as Row[] };
  const options = { propertyType: propertyTypes(query.resultShape), now: ctx.now };
  const compute = query.options.compute ? compileCompute(query.options.compute, options) : undefined;
  const filter = residual.filter ? compileFilter(residual.filter, options) : undefined;
  const search = residual.search
    ? compileSearch(residual.search, searchableProperties(query.sourceShape))
    : undefined;
  if (!compute && !filter && !search) return { apply: (rows) => rows as Row[] };
  return {
    apply(rows) {
      const out: Row[] = [];
      for (let i = 0; i < rows.length; i++) {
        const row = compute ? compute(rows[i]!) : rows[i]!;
        if ((filter === undefined || filter(row)) && (search === undefined || search(row))) out.push(row);
      }
      return out;
    },
  };
}

function abortError(ctx: ExecutionContext): EngineError {
  return Date.now() >= ctx.deadline
    ? new EngineError(
        "QueryTimeout",
        `the query ran past its time limit; narrow it with $filter or ask for fewer rows with $top.${backgroundSentence(ctx.stats.backgroundReads)}`,
      )
    : new EngineError("QueryCancelled", "the query was cancelled");
}

/** What a question that gave up left running: the upstream reads that fill the cache for it. */
export function backgroundSentence(reads: number | undefined): string {
  if (!reads) return "";
  return ` The gateway goes on reading the remaining ${reads} upstream list${reads === 1 ? "" : "s"} into its cache in the background: the same question asked again in a minute or two is answered from the cache.`;
}

/** Connector failures reach callers in the error model; an abort says which kind it was. */
function asEngineError(error: unknown, ctx: ExecutionContext): ODataError {
  // The abort's own reason says only that time ran out; abortError says what to do about it.
  if (ctx.signal.aborted && error === ctx.signal.reason) return abortError(ctx);
  if (error instanceof ODataError) return error;
  if (ctx.signal.aborted) return abortError(ctx);
  const reason = error instanceof Error ? error.message : String(error);
  return new EngineError("UpstreamError", `the upstream connection failed: ${reason}`);
}
