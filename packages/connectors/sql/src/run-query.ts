/**
 * Runs one read-only statement: checks it is a SELECT, takes a pooled connection only for the
 * statement's duration, applies the time limit (the connector's, or the engine's deadline if
 * sooner), cancels the statement in the database when the scan's signal aborts, and turns every
 * failure into the error model.
 *
 * Pool use: a scan holds at most one connection, and only while a statement runs; between pages
 * it holds none, so a slow client never pins a connection. Size the knex pool for the number of
 * concurrent queries (Postgres: `pool: { min: 0, max: 10 }` is a sane start; cancelling a
 * statement briefly opens one extra connection outside the pool). SQLite statements run
 * synchronously in better-sqlite3: they cannot be interrupted, so a scan stops between pages.
 * SQL Server statements are cancelled on their own connection (tedious sends an attention
 * signal); tedious also stops a request after its `requestTimeout` (knex's default is 15 s), so
 * set `requestTimeout: 0` in the connection options to let the connector's limit govern.
 */
import type { EventEmitter } from "node:events";
import type { ConnectorStats } from "@headgate/connector-kit";
import { ODataError } from "@headgate/odata";
import type { Knex } from "knex";
import { compileReadOnly } from "./build-queries.ts";
import { field, type SqlDialect, text } from "./dialects/dialect.ts";
import { poolExhaustedError, timeoutError, upstreamError } from "./upstream-error.ts";

export interface RunOptions {
  readonly signal?: AbortSignal;
  /** Epoch milliseconds after which the statement must stop. */
  readonly deadline?: number;
  readonly stats?: ConnectorStats;
  /** For error messages. */
  readonly entitySet?: string;
}

/** What knex's pool (tarn) tells of its connections. */
interface PoolGauge {
  numUsed(): number;
  readonly max: number;
}

interface PooledClient {
  acquireConnection(): Promise<unknown>;
  releaseConnection(connection: unknown): Promise<unknown>;
}

/** What a scan throws when its signal aborted: the reason when it is an error, else a plain one. */
export function abortReason(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error("the scan was cancelled");
}

function acquireUnlessAborted(client: PooledClient, signal: AbortSignal | undefined): Promise<unknown> {
  const acquiring = client.acquireConnection();
  if (signal === undefined) return acquiring;
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortReason(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    acquiring.then(
      (connection) => {
        signal.removeEventListener("abort", onAbort);
        if (signal.aborted) void client.releaseConnection(connection);
        else resolve(connection);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

/**
 * Runs a statement with a timer that cancels it at the time limit. A cancelled statement fails
 * (SQLSTATE 57014 in Postgres, tedious's ECANCEL), which `failure` reports as a timeout.
 */
async function cancelledAfter<T>(
  timeoutMs: number,
  cancel: () => void,
  run: () => PromiseLike<T>,
): Promise<T> {
  const timer = setTimeout(cancel, timeoutMs);
  try {
    return await run();
  } finally {
    clearTimeout(timer);
  }
}

export class QueryRunner {
  constructor(
    private readonly knex: Knex,
    private readonly dialect: SqlDialect,
    private readonly timeoutMs: number,
    private readonly options: { readonly prepared: boolean } = { prepared: true },
  ) {}

  async rows(builder: Knex.QueryBuilder, options: RunOptions = {}): Promise<Record<string, unknown>[]> {
    const compiled = compileReadOnly(builder);
    const { signal } = options;
    if (signal?.aborted) throw abortReason(signal);
    const limit = Math.min(this.timeoutMs, (options.deadline ?? Number.POSITIVE_INFINITY) - Date.now());
    if (limit <= 0) throw timeoutError(this.timeoutMs, options.entitySet, undefined);
    if (options.stats) options.stats.upstreamCalls++;
    const client = this.knex.client as unknown as PooledClient;
    let connection: unknown;
    try {
      connection = await acquireUnlessAborted(client, signal);
    } catch (error) {
      throw this.failure(error, options, limit);
    }
    const onAbort = () => {
      this.dialect.cancel(this.knex, connection).catch(() => {
        // The statement may have finished already; nothing to cancel.
      });
    };
    try {
      this.dialect.prepareConnection(connection);
      if (signal?.aborted) throw abortReason(signal);
      signal?.addEventListener("abort", onAbort, { once: true });
      const result: unknown = await this.execute(builder, compiled, connection, limit, onAbort);
      if (!Array.isArray(result)) throw new Error("the database driver returned no row list");
      return result as Record<string, unknown>[];
    } catch (error) {
      throw this.failure(error, options, limit);
    } finally {
      signal?.removeEventListener("abort", onAbort);
      await client.releaseConnection(connection);
    }
  }

  /**
   * A dialect that runs compiled statements itself (Postgres: prepared) gets the statement and a
   * timer that cancels it; otherwise knex runs the builder, with its own cancelling timeout where
   * its client has one, else with the same timer.
   */
  private async execute(
    builder: Knex.QueryBuilder,
    compiled: Knex.Sql,
    connection: unknown,
    limit: number,
    cancel: () => void,
  ): Promise<unknown> {
    const timeoutMs = Math.max(1, Math.ceil(limit));
    const runCompiled = this.options.prepared ? this.dialect.runCompiled : undefined;
    if (runCompiled === undefined) {
      const query = builder.connection(connection);
      if (!this.dialect.canCancel) return query;
      // knex cancels a timed-out statement itself where its client can (pg); elsewhere
      // (tedious) the timer below cancels it through the dialect.
      if ((this.knex.client as { canCancelQuery?: unknown }).canCancelQuery === true)
        return query.timeout(timeoutMs, { cancel: true });
      return cancelledAfter(timeoutMs, cancel, () => query);
    }
    // knex's `query` event, as its runner emits it, so logging and observers still see every statement.
    const { __knexUid } = connection as { __knexUid?: unknown };
    (this.knex.client as unknown as EventEmitter).emit("query", { __knexUid, ...compiled });
    const native = compiled.toNative();
    return cancelledAfter(timeoutMs, cancel, () => runCompiled(connection, native.sql, native.bindings));
  }

  private poolFull(): boolean {
    const pool = (this.knex.client as { pool?: Partial<PoolGauge> }).pool;
    if (typeof pool?.numUsed !== "function" || typeof pool.max !== "number") return true;
    return pool.numUsed() >= pool.max;
  }

  private failure(error: unknown, options: RunOptions, limit: number): Error {
    if (options.signal?.aborted) return abortReason(options.signal);
    if (error instanceof ODataError) return error;
    if (field(error, "name") === "KnexTimeoutError") {
      const message = text(field(error, "message")) ?? "";
      if (!/acquiring a connection/i.test(message))
        return timeoutError(Math.ceil(limit), options.entitySet, error);
      // knex says the same whether every pooled connection was busy or a new one never opened
      // (a host that drops packets, a server that never answers): the pool tells them apart.
      return this.poolFull()
        ? poolExhaustedError(options.entitySet, error)
        : upstreamError({ kind: "unreachable" }, options.entitySet, error);
    }
    const failure = this.dialect.classifyFailure(error);
    if (failure.code === "57014" || failure.cancelled)
      return timeoutError(Math.ceil(limit), options.entitySet, error);
    return upstreamError(failure, options.entitySet, error);
  }
}
