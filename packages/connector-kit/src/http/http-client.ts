/**
 * The shared upstream HTTP client: authenticated JSON GETs paced by a per-connection token
 * bucket and concurrency cap, retried with backoff on throttling and transient failures, bounded
 * by the query's deadline and signal, and counted in the scan's stats. Failures become
 * `UpstreamError`s that keep the upstream's message and never carry credentials.
 */
import { type AuthStrategy, NO_AUTH } from "./auth-strategy.ts";
import { isRetryableStatus, type RetryOptions, retryDelayMs } from "./retry-policy.ts";
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
  /** Longest single attempt, in ms (default 30 s); the query deadline bounds it too. */
  readonly timeoutMs?: number;
  readonly retry?: RetryOptions;
  /** Name used in messages, e.g. `Procore`. */
  readonly service?: string;
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

  /** GET a JSON document, retrying what is worth retrying until the deadline. */
  async getJson(url: URL, ctx: RequestContext): Promise<JsonResponse> {
    const maxAttempts = this.options.retry?.maxAttempts ?? 6;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(url, ctx);
      if ("response" in outcome) return outcome.response;
      if (outcome.unauthorized && !reauthenticated) {
        reauthenticated = true;
        attempt -= 1;
        continue;
      }
      if (!outcome.retryable || attempt >= maxAttempts) throw outcome.error;
      const wait = retryDelayMs(attempt, outcome.headers, this.options.retry ?? {});
      if (Date.now() + wait >= ctx.deadline)
        throw this.deadlineError(
          url,
          `${outcome.error.message} The retry would have to wait ${Math.round(wait / 1000)} s`,
        );
      await sleep(wait, ctx.signal);
    }
  }

  private async attempt(url: URL, ctx: RequestContext): Promise<Attempt> {
    const remaining = ctx.deadline - Date.now();
    if (remaining <= 0) throw this.deadlineError(url, "");
    const timeout = AbortSignal.timeout(Math.min(this.options.timeoutMs ?? 30_000, remaining));
    const signal = AbortSignal.any([ctx.signal, timeout]);
    return this.limit
      .run(async () => {
        let auth: Record<string, string>;
        try {
          await this.bucket.take(signal);
          auth = await this.auth.headers(signal);
        } catch (error) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          if (timeout.aborted)
            throw this.deadlineError(url, "while waiting for an access token or a request slot");
          throw error;
        }
        if (ctx.stats) ctx.stats.upstreamCalls += 1;
        let response: Response;
        let text: string;
        try {
          response = await (this.options.fetch ?? fetch)(url, {
            headers: { accept: "application/json", ...this.options.headers, ...auth },
            signal,
          });
          text = await response.text();
        } catch (error) {
          if (ctx.signal.aborted) throw ctx.signal.reason;
          if (Date.now() >= ctx.deadline) throw this.deadlineError(url, "");
          const reason = timeout.aborted ? "the request timed out" : describe(error);
          return {
            retryable: true,
            error: new UpstreamError("network", `${this.service} could not be reached (${reason}).`),
          };
        }
        return this.judge(url, response, text, auth);
      }, signal)
      .catch((error: unknown) => {
        if (timeout.aborted && !ctx.signal.aborted && !(error instanceof UpstreamError))
          throw this.deadlineError(url, "while waiting for a request slot");
        throw error;
      });
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

type Attempt =
  | { readonly response: JsonResponse }
  | {
      readonly retryable: boolean;
      readonly error: UpstreamError;
      readonly headers?: Headers;
      readonly unauthorized?: boolean;
    };

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? error.cause.message : error.message;
}
