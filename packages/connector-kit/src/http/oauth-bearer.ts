/**
 * OAuth 2.0 bearer tokens for an upstream connection: client credentials, or an authorization
 * code's rotating refresh token. Tokens are renewed proactively before they expire and after a
 * 401, one renewal at a time per connection. Single-use refresh tokens are persisted through
 * the TokenStore's compare-and-swap; a refresh that lost the race (the refresh token was already
 * used by another replica) adopts the winner's tokens from the store instead of failing.
 */
import type { AuthStrategy } from "./auth-strategy.ts";
import { refusalError } from "./budget/budget-errors.ts";
import { requestedWaitMs, retryDelayMs } from "./retry-policy.ts";
import { sleep } from "./sleep.ts";
import type { StoredTokens, TokenStore } from "./token-store.ts";
import { UpstreamError, upstreamMessage } from "./upstream-error.ts";

export interface OAuthOptions {
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly grant: "client_credentials" | "authorization_code";
  /** Where tokens persist; required for `authorization_code` (it holds the refresh token). */
  readonly tokens?: TokenStore;
  /** Renew this long before expiry (default 2 minutes). */
  readonly refreshMarginMs?: number;
  /** How long a refresh that lost a race waits for the winner's tokens to appear (default 5 s). */
  readonly raceWaitMs?: number;
  /** Name used in messages, e.g. `Procore`. */
  readonly service?: string;
  readonly fetch?: typeof fetch;
}

interface TokenAnswer {
  readonly ok: boolean;
  readonly status: number;
  readonly tokens?: StoredTokens;
  readonly message: string;
}

const BEARER = /^Bearer (.+)$/;

/** The longest wait between attempts at the token endpoint. */
const MAX_TOKEN_WAIT_MS = 5_000;

export class OAuthBearer implements AuthStrategy {
  private current: StoredTokens | undefined;
  private rejectedToken: string | undefined;
  private pending: Promise<StoredTokens> | undefined;
  private readonly margin: number;
  private readonly service: string;

  constructor(private readonly options: OAuthOptions) {
    this.margin = options.refreshMarginMs ?? 120_000;
    this.service = options.service ?? "The upstream";
  }

  async headers(signal: AbortSignal): Promise<Record<string, string>> {
    const tokens = await this.valid(signal);
    return { authorization: `Bearer ${tokens.accessToken}` };
  }

  rejected(sent: Record<string, string>): void {
    const token = BEARER.exec(sent.authorization ?? "")?.[1];
    if (token !== undefined) this.rejectedToken = token;
    if (this.current?.accessToken === token) this.current = undefined;
  }

  private usable(tokens: StoredTokens | undefined): boolean {
    if (!tokens || tokens.accessToken === this.rejectedToken) return false;
    return tokens.expiresAt === null || tokens.expiresAt.getTime() - Date.now() > this.margin;
  }

  private async valid(signal: AbortSignal): Promise<StoredTokens> {
    if (this.current && this.usable(this.current)) return this.current;
    // One renewal at a time; it runs to completion even if the request that started it goes away.
    this.pending ??= this.renew().finally(() => {
      this.pending = undefined;
    });
    const renewal = this.pending;
    return await new Promise<StoredTokens>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      if (signal.aborted) return onAbort();
      signal.addEventListener("abort", onAbort, { once: true });
      renewal.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  private async renew(): Promise<StoredTokens> {
    const stored = await this.options.tokens?.load();
    if (stored && this.usable(stored)) return this.adopt(stored);
    if (this.options.grant === "client_credentials") {
      const answer = await this.tokenRequest({ grant_type: "client_credentials" });
      if (!answer.tokens) throw this.refused(answer);
      await this.options.tokens?.save(answer.tokens);
      return this.adopt(answer.tokens);
    }
    const refreshToken = stored?.refreshToken ?? this.current?.refreshToken;
    if (!refreshToken) throw this.notAuthorised();
    return this.refresh(refreshToken, 3);
  }

  private async refresh(refreshToken: string, triesLeft: number): Promise<StoredTokens> {
    const answer = await this.tokenRequest({ grant_type: "refresh_token", refresh_token: refreshToken });
    const store = this.options.tokens;
    if (answer.tokens) {
      if (!store) return this.adopt(answer.tokens);
      const outcome = await store.rotate(refreshToken, answer.tokens);
      return this.adopt(outcome.ok ? answer.tokens : outcome.current);
    }
    if (answer.status >= 500 || !store || triesLeft <= 0) throw this.refused(answer);
    // Most likely another replica used this refresh token first: wait for its tokens to land.
    const winner = await this.awaitRotation(store, refreshToken);
    if (!winner) throw this.refused(answer);
    if (this.usable(winner)) return this.adopt(winner);
    if (!winner.refreshToken) throw this.notAuthorised();
    return this.refresh(winner.refreshToken, triesLeft - 1);
  }

  private async awaitRotation(store: TokenStore, used: string): Promise<StoredTokens | undefined> {
    const until = Date.now() + (this.options.raceWaitMs ?? 5_000);
    for (let delay = 25; Date.now() < until; delay = Math.min(delay * 2, 500)) {
      const stored = await store.load();
      if (stored && stored.refreshToken !== used) return stored;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
    return undefined;
  }

  private adopt(tokens: StoredTokens): StoredTokens {
    this.current = tokens;
    return tokens;
  }

  private async tokenRequest(fields: Record<string, string>): Promise<TokenAnswer> {
    const doFetch = this.options.fetch ?? fetch;
    const body = new URLSearchParams({
      ...fields,
      client_id: this.options.clientId,
      client_secret: this.options.clientSecret,
    });
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await doFetch(this.options.tokenUrl, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: body.toString(),
          signal: AbortSignal.timeout(30_000),
        });
      } catch (error) {
        if (attempt >= 6)
          throw new UpstreamError(
            "network",
            `${this.service}'s token endpoint is unreachable: ${describe(error)}`,
          );
        await sleep(retryDelayMs(attempt, undefined, {}), AbortSignal.timeout(60_000));
        continue;
      }
      const text = await response.text();
      if (response.status === 429) this.checkThrottle(response.headers, attempt);
      if ((response.status >= 500 || response.status === 429) && attempt < 6) {
        await sleep(
          Math.min(MAX_TOKEN_WAIT_MS, retryDelayMs(attempt, response.headers, {})),
          AbortSignal.timeout(60_000),
        );
        continue;
      }
      return parseTokenAnswer(response.status, text);
    }
  }

  /**
   * A rate-limited token endpoint is a 429 saying when to retry, as for any request (never a
   * 504, nor a refusal blamed on the client id): at once when it asks for a longer wait than a
   * token is worth waiting for, else once the attempts are spent.
   */
  private checkThrottle(headers: Headers, attempt: number): void {
    const asked = requestedWaitMs(headers);
    if (attempt < 6 && (asked === undefined || asked <= MAX_TOKEN_WAIT_MS)) return;
    const now = Date.now();
    throw refusalError({ kind: "throttled", until: now + (asked ?? 1_000) }, { service: this.service, now });
  }

  private refused(answer: TokenAnswer): UpstreamError {
    return new UpstreamError(
      "auth",
      `${this.service} refused to issue an access token (HTTP ${answer.status}: ${answer.message}). Check the connection's client id and secret${this.options.grant === "authorization_code" ? ", or authorise the connection again" : ""}.`,
      { upstreamStatus: answer.status },
    );
  }

  private notAuthorised(): UpstreamError {
    return new UpstreamError(
      "auth",
      `${this.service} connection has no refresh token: authorise the connection (authorization code grant) first.`,
    );
  }
}

function parseTokenAnswer(status: number, text: string): TokenAnswer {
  if (status !== 200) return { ok: false, status, message: upstreamMessage(text) };
  try {
    const body = JSON.parse(text) as {
      access_token?: unknown;
      refresh_token?: unknown;
      expires_in?: unknown;
    };
    if (typeof body.access_token !== "string") throw new Error("no access_token");
    const expiresIn = typeof body.expires_in === "number" ? body.expires_in : undefined;
    return {
      ok: true,
      status,
      message: "",
      tokens: {
        accessToken: body.access_token,
        refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : null,
        expiresAt: expiresIn === undefined ? null : new Date(Date.now() + expiresIn * 1000),
      },
    };
  } catch {
    return { ok: false, status, message: "the token endpoint answered with an unreadable body" };
  }
}

function describe(error: unknown): string {
  return error instanceof Error
    ? error.cause instanceof Error
      ? error.cause.message
      : error.message
    : String(error);
}
