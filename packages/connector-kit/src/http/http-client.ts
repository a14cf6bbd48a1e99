/**
 * The shared upstream HTTP client: authenticated JSON GETs paced by a per-connection token
 * bucket and concurrency cap and, when it has one, by the credential's budget shared with every
 * replica; retried with backoff on throttling and transient failures, bounded by the query's
 * deadline and signal, and counted in the scan's stats. Failures become `UpstreamError`s that
 * keep the upstream's message and never carry credentials. A rate limit that outlasts the
 * deadline is a 429 saying when to retry, never a 504 (issue 16).
 */
import { type AuthStrategy, NO_AUTH } from "./auth-strategy.ts";
import { refusalError } from "./budget/budget-errors.ts";
import type { BudgetSnapshot, BudgetTicket, UpstreamBudget } from "./budget/upstream-budget.ts";
import { isRetryableStatus, type RetryOptions, requestedWaitMs, retryDelayMs } from "./retry-policy.ts";
import { sleep } from "./sleep.ts";
import { ConcurrencyLimit, TokenBucket } from "./token-bucket.ts";
import { UpstreamError, upstreamMessage } from "./upstream-error.ts";

export interface HttpClientOptions {
  readonly baseUrl: string;
  readonly auth?: AuthStrategy;
  /** Sent on every request (e.g. `Procore-Company-Id`). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Steady request rate for this connection (default 10/s; Infinity disables pacing). */
  readonly requestsPerSecond?: number;
  /** Requests in flight at once for this connection (default 4). */
  readonly concurrency?: number;
  /**
   * Longest wait for a slot and credentials, and longest request on the wire, in ms (default
   * 30 s); the query deadline bounds both. A wait the budget imposes is bounded by the deadline only.
   */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Name used in messages, e.g. `Procore`. */
  readonly service?: string;
  /** The credential's budget, shared by every client and replica that spends it. */
  readonly budget?: UpstreamBudget;
  /** How to ask this upstream for less, said when it rate limits a query (default: a generic hint). */
  readonly narrowing?: string;
  readonly fetch?: typeof fetch;
}

export interface RequestContext {
  readonly signal: AbortSignal;
  /** Epoch ms after which no attempt starts and no wait is begun. */
  readonly deadline: number;
  readonly stats?: { upstreamCalls: number };
}

export interface JsonResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

export type QueryParams = ReadonlyArray<readonly [string, string]>;

/** A JSON write (registering a webhook, for instance): the method and the body to send as JSON. */
export interface JsonWrite {
  readonly method: "POST" | "PUT" | "PATCH" | "DELETE";
  readonly body?: unknown;
}

export class HttpClient {
  readonly service: string;
  private readonly base: URL;
  private readonly bucket: TokenBucket;
  private readonly limit: ConcurrencyLimit;
  private readonly auth: AuthStrategy;

  constructor(private readonly options: HttpClientOptions) {
    this.base = new URL(options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`);
    this.bucket = new TokenBucket(options.requestsPerSecond ?? 10);
    this.limit = new ConcurrencyLimit(Math.max(1, options.concurrency ?? 4));
    this.auth = options.auth ?? NO_AUTH;
    this.service = options.service ?? "The upstream";
  }

  /** An absolute URL for a path relative to the base (or an absolute URL on the same origin). */
  url(pathOrUrl: string, query: QueryParams = []): URL {
    const url = new URL(pathOrUrl.replace(/^\//, ""), this.base);
    if (url.origin !== this.base.origin)
      throw new UpstreamError(
        "body",
        `${this.service} sent a link to another host (${url.origin}); not following it.`,
      );
    for (const [name, value] of query) url.searchParams.append(name, value);
    return url;
  }

  /** The credential's budget as every replica sees it; undefined without a budget. */
  async budget(): Promise<BudgetSnapshot | undefined> {
    return this.options.budget?.snapshot();
  }

  /** GET a JSON document, retrying what is worth retrying until the deadline. */
  getJson(url: URL, ctx: RequestContext): Promise<JsonResponse> {
    return this.request(url, ctx, undefined);
  }

  /**
   * Send a JSON write and read the JSON answer. It is repeated only when the upstream refused it
   * unread (a 429, or a 401 before renewing the token): any other failure may have taken effect.
   */
  sendJson(url: URL, write: JsonWrite, ctx: RequestContext): Promise<JsonResponse> {
    return this.request(url, ctx, write);
  }

  private async request(url: URL, ctx: RequestContext, write: JsonWrite | undefined): Promise<JsonResponse> {
    const maxAttempts = this.options.retry?.maxAttempts ?? 6;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(url, ctx, write);
      if ("response" in outcome) return outcome.response;
      if (outcome.unauthorized && !reauthenticated) {
        reauthenticated = true;
        attempt -= 1;
        continue;
      }
      const retryable = write === undefined ? outcome.retryable : outcome.error.upstreamStatus === 429;
      if (!retryable) throw outcome.error;
      if (attempt >= maxAttempts)
        throw outcome.error.upstreamStatus === 429 ? this.waitRefused(url, outcome, 0) : outcome.error;
      const wait = retryDelayMs(attempt, outcome.headers, this.options.retry ?? {});
      if (Date.now() + wait >= ctx.deadline) throw this.waitRefused(url, outcome, wait);
      await sleep(wait, ctx.signal);
    }
  }

  /**
   * The error for a retry that will not happen: a 429 is the upstream's rate limit and a 503
   * with Retry-After its overload, each answered with when to retry; anything else simply ran
   * out of time.
   */
  private waitRefused(url: URL, failure: Failure, wait: number): UpstreamError {
    const status = failure.error.upstreamStatus;
    const asked = failure.headers === undefined ? undefined : requestedWaitMs(failure.headers);
    if (status !== 429 && (status !== 503 || asked === undefined))
      return this.deadlineError(
        url,
        `${failure.error.message} The retry would have to wait ${Math.round(wait / 1000)} s`,
      );
    const now = Date.now();
    const narrowing = this.options.narrowing ?? this.options.budget?.narrowing;
    return refusalError(
      { kind: status === 429 ? "throttled" : "overloaded", until: now + Math.max(wait, asked ?? 0) },
      {
        service: this.service,
        now,
        target: url.pathname,
        ...(narrowing === undefined ? {} : { narrowing }),
      },
    );
  }

  private async attempt(url: URL, ctx: RequestContext, write: JsonWrite | undefined): Promise<Attempt> {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw this.deadlineError(url, "");
    const waiting = AbortSignal.any([
      ctx.signal,
      AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 30_000, remaining)),
    ]);
    return this.limit
      .run(async () => {
        const auth = await this.ready(url, ctx, waiting);
        // Inside the slot, so that a turn taken in the spike window is spent on the wire at once.
        const ticket = await this.options.budget?.admit({
          signal: ctx.signal,
          deadline: ctx.deadline,
          target: url.pathname,
        });
        return this.send(url, ctx, auth, ticket, write);
      }, waiting)
      .catch((error: unknown) => {
        if (waiting.aborted && !ctx.signal.aborted && !(error instanceof UpstreamError))
          throw this.deadlineError(url, "while waiting for a request slot");
        throw error;
      });
  }

  /** A token of the local bucket, then the credentials, within the attempt's wait. */
  private async ready(url: URL, ctx: RequestContext, waiting: AbortSignal): Promise<Record<string, string>> {
    try {
      await this.bucket.take(waiting);
      return await this.auth.headers(waiting);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (waiting.aborted)
        throw this.deadlineError(url, "while waiting for an access token or a request slot");
      throw error;
    }
  }

  private async send(
    url: URL,
    ctx: RequestContext,
    auth: Record<string, string>,
    ticket: BudgetTicket | undefined,
    write: JsonWrite | undefined,
  ): Promise<Attempt> {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw this.deadlineError(url, "");
    const timeout = AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 30_000, remaining));
    const signal = AbortSignal.any([ctx.signal, timeout]);
    if (ctx.stats) ctx.stats.upstreamCalls += 1;
    const failed = (error: unknown): Attempt => {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (Date.now() >= ctx.deadline) throw this.deadlineError(url, "");
      const reason = timeout.aborted ? "the request timed out" : describe(error);
      return {
        retryable: true,
        error: new UpstreamError("network", `${this.service} could not be reached (${reason}).`),
      };
    };
    let response: Response;
    try {
      const json = write?.body === undefined ? undefined : JSON.stringify(write.body);
      response = await (this.options.fetch ?? fetch)(url, {
        method: write?.method ?? "GET",
        headers: {
          accept: "application/json",
          ...(json === undefined ? {} : { "content-type": "application/json" }),
          ...this.options.headers,
          ...auth,
        },
        ...(json === undefined ? {} : { body: json }),
        signal,
      });
    } catch (error) {
      return failed(error);
    }
    // Learned from the headers before the body, which may still fail to arrive.
    if (ticket !== undefined) await this.options.budget?.observe(ticket, response);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return failed(error);
    }
    return this.judge(url, response, text, auth);
  }

  private judge(url: URL, response: Response, text: string, auth: Record<string, string>): Attempt {
    const { status, headers } = response;
    const failure = (kind: "status" | "auth" | "body", message: string) =>
      new UpstreamError(kind, message, { upstreamStatus: status, target: url.pathname });
    if (status === 401) {
      this.auth.rejected(auth);
      return {
        unauthorized: true,
        retryable: false,
        error: failure(
          "auth",
          `${this.service} refused the credentials (HTTP 401: ${upstreamMessage(text)}).`,
        ),
      };
    }
    if (status < 200 || status >= 300) {
      const error = failure(
        "status",
        `${this.service} answered HTTP ${status} for ${url.pathname}: ${upstreamMessage(text)}.`,
      );
      return { retryable: isRetryableStatus(status), error, headers };
    }
    try {
      return {
        response: { url: url.toString(), status, headers, body: text === "" ? null : JSON.parse(text) },
      };
    } catch {
      return {
        retryable: true,
        error: failure("body", `${this.service} sent a body that is not valid JSON for ${url.pathname}.`),
      };
    }
  }

  private deadlineError(url: URL, cause: string): UpstreamError {
    return new UpstreamError(
      "deadline",
      `${this.service} did not answer ${url.pathname} within the query's time limit${cause ? ` (${cause})` : ""}. Narrow the query with a filter the upstream evaluates, or ask for fewer rows.`,
      { target: url.pathname },
    );
  }
}

interface Failure {
  readonly retryable: boolean;
  readonly error: UpstreamError;
  readonly headers?: Headers;
  readonly unauthorized?: boolean;
}

type Attempt = { readonly response: JsonResponse } | Failure;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
