/**
 * The scan cache around one connection's connector (issue 16): scans are kept in the shared
 * cache for the policy's TTL, keyed by connection, credential scope, entity set and the exact
 * pushed request; a connector's reusable broad scans (Procore: each project's whole list) are
 * read once and answer every narrower question in memory with the engine's evaluator. Before any
 * upstream read, what it will cost is checked against the connection's request budget, so a
 * question the budget cannot pay for is refused at once with a 429, never started.
 */
import type { Cache } from "@headgate/cache";
import type {
  Connector,
  ConnectorStats,
  ScanPage,
  ScanRequest,
  ScanSpec,
  UpstreamChange,
  UpstreamEstimate,
} from "@headgate/connector-kit";
import type { EntityTypeDef } from "@headgate/model";
import { EngineError } from "../errors.ts";
import { evaluateScanRequest } from "../evaluate/evaluate-scan-request.ts";
import { checkBudgetCovers } from "./budget-refusal.ts";
import type { CachedScan } from "./cached-scan-entry.ts";
import { mergeChanges } from "./merge-changes.ts";
import { type Lookup, loadShared, lookUp, type ReadThrough, refreshInBackground } from "./read-through.ts";
import { type ScanKeyScope, scanCacheKey } from "./scan-cache-key.ts";
import { type ScanCachePolicy, ttlFor } from "./scan-cache-policy.ts";

export interface ScanCacheOptions {
  readonly cache: Cache;
  /** Names the connection in keys (workspace id and connection name); never a secret. */
  readonly connection: string;
  readonly policy: ScanCachePolicy;
  /** Largest scan kept, in rows (default 100,000); larger scans are answered live each time. */
  readonly maxRows?: number;
  /** Broad scans read upstream at once on a miss (default 4). */
  readonly loadConcurrency?: number;
  /**
   * A broad scan kept fresh by its upstream changes is read whole again after this long (default
   * 1 h), to catch what a change list can miss. Only for connectors with `changesSince`.
   */
  readonly reconcileAfterMs?: number;
  /** Told about a background refresh that failed (the stale entry keeps answering until it expires). */
  readonly onError?: (error: unknown) => void;
  /** Epoch ms. */
  readonly now?: () => number;
}

/** Rows per page handed to the engine from a cached answer. */
const PAGE_ROWS = 1000;
/** How long upstream reads may go on after the question that started them gave up. */
const BACKGROUND_READ_MS = 10 * 60_000;
/** A broad scan refreshed by its changes is read whole again after this long (default). */
const DEFAULT_RECONCILE_MS = 60 * 60_000;
/** Changes are asked for from a little before the last read: clocks and commits are not instant. */
const CHANGE_OVERLAP_MS = 60_000;
/** Nothing is kept longer than a day, refreshable or not (the upstream is not to be copied). */
const MAX_RETAIN_MS = 24 * 60 * 60_000;

/** The scans one question reads: its own request, or the connector's reusable broad scans. */
interface Parts {
  readonly specs: readonly ScanSpec[];
  readonly broad: boolean;
}

interface Load {
  readonly index: number;
  readonly key: string;
  /** A cached scan of the same request to refresh by its changes. */
  readonly base: CachedScan | undefined;
}

function needsRead(found: Lookup): boolean {
  return found.state === "missing" || found.state === "expired";
}

function baseOf(found: Lookup): CachedScan | undefined {
  return found.state === "missing" ? undefined : found.scan;
}

/** A connector behind the scan cache, which can be told that upstream rows changed. */
export interface CachedConnector extends Connector {
  /**
   * Forgets the cached scans an announced change touches; returns how many were cached.
   * Duplicate announcements are harmless (the second forgets nothing).
   */
  forgetChange(change: UpstreamChange): Promise<number>;
}

export function cacheScans(connector: Connector, options: ScanCacheOptions): CachedConnector {
  const scans = new CachedScans(connector, options);
  const cached: CachedConnector = {
    forgetChange: async (change) => scans.invalidate((await connector.affectedScans?.(change)) ?? []),
    kind: connector.kind,
    capabilities: connector.capabilities,
    describe: () => connector.describe(),
    scan: (request, stats) => scans.scan(request, stats),
    estimate: (request, stats) => scans.estimate(request, stats),
    ...(connector.inspect ? { inspect: () => connector.inspect!() } : {}),
    ...(connector.budget ? { budget: () => connector.budget!() } : {}),
    ...(connector.affectedScans ? { affectedScans: (change) => connector.affectedScans!(change) } : {}),
    ...(connector.subscribeToChanges
      ? { subscribeToChanges: (destination) => connector.subscribeToChanges!(destination) }
      : {}),
    ...(connector.cacheScope === undefined ? {} : { cacheScope: connector.cacheScope }),
    ...(connector.close ? { close: () => connector.close!() } : {}),
  };
  return cached;
}

class CachedScans {
  private readonly scope: ScanKeyScope;
  private readonly now: () => number;
  private entityTypes: Promise<Map<string, EntityTypeDef>> | undefined;

  constructor(
    private readonly inner: Connector,
    private readonly options: ScanCacheOptions,
  ) {
    this.scope = { connection: options.connection, credential: inner.cacheScope ?? "" };
    this.now = options.now ?? Date.now;
  }

  async *scan(request: ScanRequest, stats?: ConnectorStats): AsyncGenerator<ScanPage> {
    const rt = this.readThrough(request.entitySet);
    if (rt === undefined) {
      await this.checkBudget(request, [request], stats);
      yield* this.inner.scan(request, stats);
      return;
    }
    const broad = await this.inner.reusableScans?.(request, stats);
    if (broad === undefined) {
      const [scan] = await this.read(rt, request, { specs: [request], broad: false }, stats);
      yield* pagesOf(scan!.rows, scan!.count, scan!.fetchedAt);
      return;
    }
    const scans = await this.read(rt, request, { specs: broad, broad: true }, stats);
    const rows = scans.length === 1 ? scans[0]!.rows : scans.flatMap((p) => p.rows);
    const answer = await evaluateScanRequest(await this.entityType(request.entitySet), rows, request);
    const asOf = scans.length === 0 ? this.now() : Math.min(...scans.map((p) => p.fetchedAt));
    yield* pagesOf(answer.rows, answer.count, asOf);
  }

  /** Upstream requests the scan would make now: cached parts cost nothing. */
  async estimate(request: ScanRequest, stats?: ConnectorStats): Promise<UpstreamEstimate> {
    const rt = this.readThrough(request.entitySet);
    if (rt === undefined || request.fresh) return this.estimateLive(request, [request], stats);
    const specs = (await this.inner.reusableScans?.(request, stats)) ?? [request];
    const lookups = await Promise.all(specs.map((s) => lookUp(rt, scanCacheKey(this.scope, s))));
    const toRead = specs.filter((_, i) => needsRead(lookups[i]!));
    const estimate = await this.estimateLive(request, toRead, stats);
    return { ...estimate, cachedScans: specs.length - toRead.length, scans: specs.length };
  }

  /** Forgets the cached scans of these requests (a webhook said their rows changed). */
  async invalidate(specs: readonly ScanSpec[]): Promise<number> {
    const removed = await Promise.all(
      specs.map((s) => this.options.cache.delete(scanCacheKey(this.scope, s))),
    );
    return removed.filter(Boolean).length;
  }

  /** Each spec's scan, from the cache or read upstream (after the budget check), in order. */
  private async read(
    rt: ReadThrough,
    request: ScanRequest,
    parts: Parts,
    stats?: ConnectorStats,
  ): Promise<CachedScan[]> {
    const keys = parts.specs.map((s) => scanCacheKey(this.scope, s));
    const started = this.now();
    const lookups = await Promise.all(keys.map((k) => lookUp(rt, k)));
    const toRead = lookups.flatMap((found, i) => (request.fresh || needsRead(found) ? [i] : []));
    if (toRead.length > 0)
      await this.checkBudget(
        request,
        toRead.map((i) => parts.specs[i]!),
        stats,
      );
    const out: CachedScan[] = new Array(parts.specs.length);
    lookups.forEach((found, i) => {
      if (request.fresh || (found.state !== "fresh" && found.state !== "stale")) return;
      out[i] = found.scan;
      if (found.state === "stale") this.refresh(rt, keys[i]!, parts, i, found.scan);
    });
    if (toRead.length === 0) return out;
    const loads = toRead.map((i) => ({ index: i, key: keys[i]!, base: baseOf(lookups[i]!) }));
    await this.readUpstream(rt, request, parts, loads, out, stats, started);
    return out;
  }

  /**
   * Reads scans upstream into the cache. The reads belong to the cache, not to this question:
   * when the question gives up (its client left, or its door's time budget ran out) they go on
   * in the background, so asking again soon is answered from the cache.
   */
  private async readUpstream(
    rt: ReadThrough,
    request: ScanRequest,
    parts: Parts,
    loads: readonly Load[],
    out: CachedScan[],
    stats: ConnectorStats | undefined,
    started: number,
  ): Promise<void> {
    const background = AbortSignal.timeout(BACKGROUND_READ_MS);
    const ctx = { signal: background, deadline: this.now() + BACKGROUND_READ_MS };
    let done = 0;
    const reads = forEachLimited(loads, this.options.loadConcurrency ?? 4, background, async (load) => {
      const read = () => this.load(parts, load.index, load.base, ctx, stats);
      out[load.index] = await loadShared(rt, load.key, read, {
        ...ctx,
        notBefore: request.fresh ? started : 0,
      });
      done += 1;
    });
    try {
      await untilAborted(reads, request.signal);
    } catch (error) {
      if (!request.signal.aborted) throw error;
      if (stats) stats.backgroundReads = loads.length - done;
      reads.catch(this.options.onError ?? (() => {}));
      throw error;
    }
  }

  private refresh(rt: ReadThrough, key: string, parts: Parts, index: number, base: CachedScan): void {
    void refreshInBackground(
      rt,
      key,
      (signal, deadline) => this.load(parts, index, base, { signal, deadline }, undefined),
      this.options.onError ?? (() => {}),
    );
  }

  /**
   * One scan read upstream: a broad scan with a cached base is refreshed with the changes since
   * the base (deletions included), unless its last whole read is older than the reconciliation
   * interval (which also catches changes the upstream's change list missed); else read whole.
   */
  private async load(
    parts: Parts,
    index: number,
    base: CachedScan | undefined,
    ctx: Pick<ScanRequest, "signal" | "deadline">,
    stats: ConnectorStats | undefined,
  ): Promise<CachedScan> {
    const spec = parts.specs[index]!;
    const reconcileAfterMs = this.options.reconcileAfterMs ?? DEFAULT_RECONCILE_MS;
    if (parts.broad && base && this.inner.changesSince && this.now() - base.readWholeAt < reconcileAfterMs) {
      const fetchedAt = this.now();
      const since = base.fetchedAt - CHANGE_OVERLAP_MS;
      const changes = await this.inner.changesSince(spec, since, ctx, stats);
      if (changes !== undefined) {
        const { key } = await this.entityType(spec.entitySet);
        return { rows: mergeChanges(base.rows, changes, key), fetchedAt, readWholeAt: base.readWholeAt };
      }
    }
    return this.readWhole(spec, ctx, stats);
  }

  private async readWhole(
    spec: ScanSpec,
    ctx: Pick<ScanRequest, "signal" | "deadline">,
    stats: ConnectorStats | undefined,
  ): Promise<CachedScan> {
    const fetchedAt = this.now();
    const rows: ScanPage["rows"][number][] = [];
    let count: number | undefined;
    for await (const page of this.inner.scan(
      { ...spec, signal: ctx.signal, deadline: ctx.deadline },
      stats,
    )) {
      for (const row of page.rows) rows.push(row);
      if (page.count !== undefined) count = page.count;
    }
    return { rows, fetchedAt, readWholeAt: fetchedAt, ...(count === undefined ? {} : { count }) };
  }

  private async checkBudget(
    request: ScanRequest,
    specs: readonly ScanSpec[],
    stats: ConnectorStats | undefined,
  ): Promise<void> {
    if (!this.inner.budget) return;
    const budget = await this.inner.budget();
    if (budget === undefined) return;
    const estimate = await this.estimateLive(request, specs, stats);
    checkBudgetCovers(request.entitySet, estimate, budget, this.now());
  }

  private async estimateLive(
    request: ScanRequest,
    specs: readonly ScanSpec[],
    stats: ConnectorStats | undefined,
  ): Promise<UpstreamEstimate> {
    if (specs.length === 0) return { requests: 0 };
    if (!this.inner.estimate) return { requests: specs.length };
    const context = { signal: request.signal, deadline: request.deadline };
    const each = await Promise.all(specs.map((s) => this.inner.estimate!({ ...s, ...context }, stats)));
    // How to narrow is a property of the question, not of the broad scans it reads.
    const asked = specs[0] === request ? each[0]! : await this.inner.estimate(request, stats);
    const narrowing = asked.narrowing ?? each.find((e) => e.narrowing !== undefined)?.narrowing;
    return {
      requests: each.reduce((sum, e) => sum + e.requests, 0),
      ...(narrowing === undefined ? {} : { narrowing }),
    };
  }

  private readThrough(entitySet: string): ReadThrough | undefined {
    const ttlMs = ttlFor(this.options.policy, entitySet);
    if (ttlMs <= 0) return undefined;
    const staleWhileRevalidateMs = this.options.policy.staleWhileRevalidateMs;
    const answersFor = ttlMs + staleWhileRevalidateMs;
    const refreshable = this.inner.changesSince
      ? Math.max(answersFor, this.options.reconcileAfterMs ?? DEFAULT_RECONCILE_MS)
      : answersFor;
    return {
      cache: this.options.cache,
      ttlMs,
      staleWhileRevalidateMs,
      retainMs: Math.min(refreshable, MAX_RETAIN_MS),
      maxRows: this.options.maxRows ?? 100_000,
      now: this.now,
    };
  }

  private async entityType(entitySet: string): Promise<EntityTypeDef> {
    this.entityTypes ??= this.inner
      .describe()
      .then((sets) => new Map(sets.map((s) => [s.name, s.entityType] as const)));
    const type = (await this.entityTypes).get(entitySet);
    if (type === undefined)
      throw new EngineError(
        "UnknownEntitySet",
        `this connection has no entity set '${entitySet}'`,
        entitySet,
      );
    return type;
  }
}

function* pagesOf(
  rows: readonly ScanPage["rows"][number][],
  count: number | undefined,
  asOf: number,
): Generator<ScanPage> {
  for (let start = 0; start === 0 || start < rows.length; start += PAGE_ROWS) {
    yield {
      rows: rows.slice(start, start + PAGE_ROWS),
      asOf,
      ...(start === 0 && count !== undefined ? { count } : {}),
    };
  }
}

/** `work`, unless `signal` aborts first (then `work` goes on, unawaited). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", stop));
  });
}

/** Runs `task` over `items`, at most `limit` at a time; the first failure stops the rest. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  signal: AbortSignal,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < items.length && !failed) {
      signal.throwIfAborted();
      try {
        await task(items[next++]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
