/**
 * The engine's public face: one call per question, whatever door asked it. It binds the parsed
 * query against the catalog, plans it against the connector's capabilities, executes one page,
 * expands, projects, and hands back rows, count, continuation and the plan it followed.
 */

import type { Row, ServiceModel } from "@headgate/model";
import type { QueryOptions } from "@headgate/odata";
import { type BoundQuery, bindQuery } from "./bind/bind-query.ts";
import type { Catalog } from "./catalog/catalog.ts";
import { EngineError } from "./errors.ts";
import type { ExecutionContext, ExecutionStats } from "./execute/context.ts";
import { executeQuery, type PageResult } from "./execute/execute-query.ts";
import { expandRows } from "./execute/expand-rows.ts";
import { compileProjection } from "./execute/project-rows.ts";
import { type SoftDeadline, startSoftDeadline } from "./execute/soft-deadline.ts";
import { getByKey, type KeyLookupRequest, type KeyLookupResult } from "./lookup/get-by-key.ts";
import { type CursorCodec, createCursorCodec } from "./paging/cursor.ts";
import { createSkipTokenCodec, queryFingerprint, type SkipTokenCodec } from "./paging/skip-token.ts";
import { estimateUpstreamCost } from "./plan/estimate-cost.ts";
import { type Explanation, explainPlan } from "./plan/explain.ts";
import { explainIncomplete } from "./plan/explain-incomplete.ts";
import { planQuery, type QueryPlan } from "./plan/plan-query.ts";

export interface EngineOptions {
  readonly catalog: Catalog;
  /** Signs `$skiptoken`s and cursors; replicas that share it can resume each other's pages. */
  readonly skipTokenSecret: string | Uint8Array;
  /** Who the tokens are for (the workspace id): a token issued under one scope is refused under another. */
  readonly tokenScope?: string;
  /** Most rows in one page, whatever a client prefers (default 1000). */
  readonly maxPageSize?: number;
  /** Time limit of one query, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export interface QueryRequest {
  readonly entitySet: string;
  readonly options: QueryOptions;
  /** The client's `Prefer: maxpagesize`; capped by the engine's maximum. */
  readonly maxPageSize?: number;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  /**
   * Past this many milliseconds the query stops and resolves with what it certainly has
   * (`QueryResult.incomplete`) instead of running on to `timeoutMs` and failing.
   */
  readonly softDeadlineMs?: number;
  /** Read the upstreams now rather than answer from cached scans (`Cache-Control: no-cache`). */
  readonly fresh?: boolean;
}

/** Why a page holds fewer rows than it should, and what to do about it. */
export interface QueryIncomplete {
  readonly reason: "deadline";
  /** What happened, how to continue, and how to narrow the query. */
  readonly message: string;
}

export interface QueryResult {
  /** The entity set's canonical name. */
  readonly entitySet: string;
  readonly rows: readonly Row[];
  readonly count?: number;
  /** The options of the next page (with its `$skiptoken`), when more rows follow. */
  readonly next?: QueryOptions;
  /** The page size applied (for `Preference-Applied`). */
  readonly pageSize: number;
  readonly plan: Explanation;
  readonly stats: ExecutionStats & { readonly durationMs: number };
  /**
   * How old the data is: when the oldest cached scan behind the answer was read upstream, or
   * when this query started for an answer read live.
   */
  readonly asOf: Date;
  /**
   * Set when the soft deadline cut the page short: `rows` are the first rows of the answer
   * (possibly none), `next` continues right after them, `count` is absent unless computed.
   */
  readonly incomplete?: QueryIncomplete;
}

/** The main query's context: the soft deadline belongs to its page, not to nested queries. */
type QueryContext = ExecutionContext & { readonly softDeadline?: SoftDeadline; dispose(): void };

const DEFAULT_MAX_PAGE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

export class Engine {
  private readonly catalog: Catalog;
  private readonly tokens: SkipTokenCodec;
  private readonly cursorCodecs = new Map<string, CursorCodec>();
  private readonly tokenSecret: string | Uint8Array;
  private readonly tokenScope: string;
  private readonly maxPageSize: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: EngineOptions) {
    this.catalog = options.catalog;
    this.tokenSecret = options.skipTokenSecret;
    this.tokenScope = options.tokenScope ?? "";
    this.tokens = createSkipTokenCodec(this.tokenSecret, this.tokenScope);
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  get model(): ServiceModel {
    return this.catalog.model;
  }

  /**
   * The cursors a door hands out to continue a query: sealed with the same secret and scope as
   * `$skiptoken`, and valid only at the `door` that issued them.
   */
  cursors(door: string): CursorCodec {
    let codec = this.cursorCodecs.get(door);
    if (codec === undefined) {
      codec = createCursorCodec(this.tokenSecret, door, this.tokenScope);
      this.cursorCodecs.set(door, codec);
    }
    return codec;
  }

  /** Binds a query without running it: throws the error a client would get. */
  bind(entitySet: string, options: QueryOptions): BoundQuery {
    const entry = this.catalog.get(entitySet);
    return bindQuery(entry.entitySet, options, (name) => this.catalog.find(name)?.entitySet);
  }

  explain(request: Pick<QueryRequest, "entitySet" | "options">): Explanation {
    const bound = this.bind(request.entitySet, request.options);
    const entry = this.catalog.get(bound.entitySet.name);
    return explainPlan(planQuery(bound, entry.connector.capabilities), entry.connector.kind);
  }

  /** `explain`, plus what the question would cost its upstream now against the connection's budget. */
  async explainWithCost(request: Pick<QueryRequest, "entitySet" | "options">): Promise<Explanation> {
    const bound = this.bind(request.entitySet, request.options);
    const entry = this.catalog.get(bound.entitySet.name);
    const plan = planQuery(bound, entry.connector.capabilities);
    const explanation = explainPlan(plan, entry.connector.kind);
    const priced = await estimateUpstreamCost(plan, entry.connector, this.timeoutMs);
    if (priced === undefined) return explanation;
    return { ...explanation, upstream: priced.cost, summary: [...explanation.summary, priced.sentence] };
  }

  async query(request: QueryRequest): Promise<QueryResult> {
    const started = performance.now();
    const startedAt = Date.now();
    const bound = this.bind(request.entitySet, request.options);
    const entry = this.catalog.get(bound.entitySet.name);
    const plan = planQuery(bound, entry.connector.capabilities);
    // Only paging needs the fingerprint (hashing the bound options costs on every request).
    let fingerprint: string | undefined;
    const fingerprintOf = () => (fingerprint ??= queryFingerprint(bound.entitySet.name, bound.options));
    const offset = request.options.skiptoken
      ? this.tokens.decode(request.options.skiptoken, fingerprintOf()).offset
      : 0;
    const pageSize = Math.max(1, Math.min(request.maxPageSize ?? this.maxPageSize, this.maxPageSize));
    const ctx = this.context(request);
    try {
      const { page, rows } = await this.answerPage(bound, plan, ctx, { offset, pageSize });
      const next = page.hasMore
        ? {
            ...request.options,
            skiptoken: this.tokens.encode({ offset: offset + page.rows.length, query: fingerprintOf() }),
          }
        : undefined;
      const explanation = explainPlan(plan, entry.connector.kind);
      const incomplete = page.cutShort
        ? this.incomplete(request, bound, {
            plan: explanation,
            rowsReturned: rows.length,
            hasNext: next !== undefined,
            count: page.count,
            backgroundReads: ctx.stats.backgroundReads,
          })
        : undefined;
      return {
        entitySet: bound.entitySet.name,
        rows,
        ...(page.count === undefined ? {} : { count: page.count }),
        ...(next ? { next } : {}),
        pageSize,
        plan: explanation,
        stats: { ...ctx.stats, durationMs: performance.now() - started },
        asOf: new Date(Math.min(ctx.stats.asOf ?? startedAt, startedAt)),
        ...(incomplete ? { incomplete } : {}),
      };
    } finally {
      ctx.dispose();
    }
  }

  /** One entity by its key; `NotFound` (404) when none has it, `InvalidKey` (400) for a bad key. */
  getByKey(request: KeyLookupRequest): Promise<KeyLookupResult> {
    return getByKey(request, {
      entitySet: (name) => this.catalog.get(name).entitySet,
      query: (query) => this.query(query),
    });
  }

  /** `/$count`: the number of matching rows, ignoring `$top`/`$skip`; no soft deadline. */
  async count(request: QueryRequest): Promise<number> {
    const { top: _top, skip: _skip, skiptoken: _token, ...options } = request.options;
    const { softDeadlineMs: _soft, ...rest } = request;
    const result = await this.query({ ...rest, options: { ...options, count: true, top: 0 } });
    return result.count ?? 0;
  }

  /**
   * One page, expanded and projected. Past the soft deadline the page may be cut short; a
   * failure the deadline's abort caused (in the scan or while expanding) leaves no row certain.
   */
  private async answerPage(
    bound: BoundQuery,
    plan: QueryPlan,
    ctx: QueryContext,
    window: { offset: number; pageSize: number },
  ): Promise<{ page: PageResult; rows: Row[] }> {
    try {
      const page = await executeQuery(plan, ctx, {
        ...window,
        ...(ctx.softDeadline ? { softDeadline: ctx.softDeadline } : {}),
      });
      return { page, rows: await this.finish(bound, page.rows, ctx) };
    } catch (error) {
      if (!ctx.softDeadline?.reached()) throw error;
      return { page: { rows: [], hasMore: true, cutShort: true }, rows: [] };
    }
  }

  private incomplete(
    request: QueryRequest,
    bound: BoundQuery,
    page: {
      readonly plan: Explanation;
      readonly rowsReturned: number;
      readonly hasNext: boolean;
      readonly count: number | undefined;
      readonly backgroundReads: number | undefined;
    },
  ): QueryIncomplete {
    const message = explainIncomplete({
      softDeadlineMs: request.softDeadlineMs ?? 0,
      rowsReturned: page.rowsReturned,
      hasNext: page.hasNext,
      countMissing: request.options.count === true && page.count === undefined,
      entitySet: bound.entitySet,
      plan: page.plan,
      ...(page.backgroundReads ? { backgroundReads: page.backgroundReads } : {}),
    });
    return { reason: "deadline", message };
  }

  /** Expands and projects page rows; nested queries run to completion. */
  private async finish(bound: BoundQuery, rows: readonly Row[], ctx: ExecutionContext): Promise<Row[]> {
    const expanded =
      bound.expands.length > 0 ? await expandRows(rows, bound.expands, (q) => this.runAll(q, ctx)) : rows;
    const project = compileProjection(
      bound.resultShape,
      bound.options.select,
      bound.expands.map((e) => e.navigation.name),
    );
    return expanded.map(project);
  }

  private async runAll(bound: BoundQuery, ctx: ExecutionContext): Promise<Row[]> {
    const connector = this.catalog.get(bound.entitySet.name).connector;
    const page = await executeQuery(planQuery(bound, connector.capabilities), ctx, {
      offset: 0,
      pageSize: Number.POSITIVE_INFINITY,
    });
    return this.finish(bound, page.rows, ctx);
  }

  private context(request: QueryRequest): QueryContext {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new EngineError("QueryTimeout", "query time limit reached")),
      timeoutMs,
    );
    const softDeadline =
      request.softDeadlineMs === undefined
        ? undefined
        : startSoftDeadline(softBefore(request.softDeadlineMs, timeoutMs), () =>
            controller.abort(new EngineError("QueryTimeout", "query soft deadline reached")),
          );
    const onAbort = () => controller.abort(request.signal?.reason);
    if (request.signal?.aborted) onAbort();
    else request.signal?.addEventListener("abort", onAbort, { once: true });
    return {
      connectorFor: (name) => this.catalog.get(name).connector,
      signal: controller.signal,
      deadline: Date.now() + timeoutMs,
      stats: { upstreamCalls: 0, rowsScanned: 0 },
      now: this.now,
      ...(request.fresh ? { fresh: true } : {}),
      ...(softDeadline ? { softDeadline } : {}),
      dispose: () => {
        clearTimeout(timer);
        softDeadline?.dispose();
        request.signal?.removeEventListener("abort", onAbort);
      },
    };
  }
}

/**
 * A door's soft deadline past the query's time limit (the Action door's 40 s against the default
 * 30 s) would never answer with what it has: the time limit would fail the query first. Such a
 * soft deadline is moved just before the limit.
 */
function softBefore(softDeadlineMs: number, timeoutMs: number): number {
  const margin = Math.min(2_000, Math.ceil(timeoutMs / 10));
  return Math.max(1, Math.min(softDeadlineMs, timeoutMs - margin));
}
