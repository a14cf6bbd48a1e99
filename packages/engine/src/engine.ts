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
import { executeQuery } from "./execute/execute-query.ts";
import { expandRows } from "./execute/expand-rows.ts";
import { compileProjection } from "./execute/project-rows.ts";
import { createSkipTokenCodec, queryFingerprint, type SkipTokenCodec } from "./paging/skip-token.ts";
import { type Explanation, explainPlan } from "./plan/explain.ts";
import { planQuery } from "./plan/plan-query.ts";

export interface EngineOptions {
  readonly catalog: Catalog;
  /** Signs `$skiptoken`s; replicas that share it can resume each other's pages. */
  readonly skipTokenSecret: string | Uint8Array;
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
}

const DEFAULT_MAX_PAGE_SIZE = 1000;
const DEFAULT_TIMEOUT_MS = 30_000;

export class Engine {
  private readonly catalog: Catalog;
  private readonly tokens: SkipTokenCodec;
  private readonly maxPageSize: number;
  private readonly timeoutMs: number;
  private readonly now: () => Date;

  constructor(options: EngineOptions) {
    this.catalog = options.catalog;
    this.tokens = createSkipTokenCodec(options.skipTokenSecret);
    this.maxPageSize = options.maxPageSize ?? DEFAULT_MAX_PAGE_SIZE;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? (() => new Date());
  }

  get model(): ServiceModel {
    return this.catalog.model;
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

  async query(request: QueryRequest): Promise<QueryResult> {
    const started = performance.now();
    const bound = this.bind(request.entitySet, request.options);
    const entry = this.catalog.get(bound.entitySet.name);
    const plan = planQuery(bound, entry.connector.capabilities);
    const fingerprint = queryFingerprint(bound.entitySet.name, bound.options);
    const offset = request.options.skiptoken
      ? this.tokens.decode(request.options.skiptoken, fingerprint).offset
      : 0;
    const pageSize = Math.max(1, Math.min(request.maxPageSize ?? this.maxPageSize, this.maxPageSize));
    const ctx = this.context(request);
    try {
      const page = await executeQuery(plan, ctx, { offset, pageSize });
      const rows = await this.finish(bound, page.rows, ctx);
      const next = page.hasMore
        ? {
            ...request.options,
            skiptoken: this.tokens.encode({ offset: offset + page.rows.length, query: fingerprint }),
          }
        : undefined;
      return {
        entitySet: bound.entitySet.name,
        rows,
        ...(page.count === undefined ? {} : { count: page.count }),
        ...(next ? { next } : {}),
        pageSize,
        plan: explainPlan(plan, entry.connector.kind),
        stats: { ...ctx.stats, durationMs: performance.now() - started },
      };
    } finally {
      ctx.dispose();
    }
  }

  /** `/$count`: the number of matching rows, ignoring `$top`/`$skip`. */
  async count(request: QueryRequest): Promise<number> {
    const { top: _top, skip: _skip, skiptoken: _token, ...options } = request.options;
    const result = await this.query({ ...request, options: { ...options, count: true, top: 0 } });
    return result.count ?? 0;
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

  private context(request: QueryRequest): ExecutionContext & { dispose(): void } {
    const timeoutMs = request.timeoutMs ?? this.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new EngineError("QueryTimeout", "query time limit reached")),
      timeoutMs,
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
      dispose: () => {
        clearTimeout(timer);
        request.signal?.removeEventListener("abort", onAbort);
      },
    };
  }
}
