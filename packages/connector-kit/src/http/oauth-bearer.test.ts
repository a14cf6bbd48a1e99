/**
 * OAuth bearer tokens against a real token endpoint on 127.0.0.1: client credentials, proactive
 * renewal before expiry, renewal after a 401, one renewal at a time, and rotating single-use
 * refresh tokens kept through the TokenStore's compare-and-swap when two connections (or
 * replicas) refresh at once: the live refresh token is never lost.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OAuthBearer, type OAuthOptions } from "./oauth-bearer.ts";
import { contextFor, type LocalServer, startLocalServer } from "./testing/local-server.ts";
import { memoryTokenStore, type StoredTokens } from "./token-store.ts";
import { UpstreamError } from "./upstream-error.ts";

const CLIENT = { clientId: "app-1", clientSecret: "s3cret-value" };

/**
 * A token endpoint: client credentials, and refresh tokens that are single-use (Procore's
 * rotation) unless `reusable`. Counts the grants it issued.
 */
class TokenEndpoint {
  issued = 0;
  refreshed = 0;
  expiresIn = 5400;
  private live = new Set<string>();
  server!: LocalServer;

  constructor(private readonly reusable = false) {}

  async start(): Promise<this> {
    this.server = await startLocalServer(async (request) => {
      const form = new URLSearchParams(request.body);
      if (form.get("client_id") !== CLIENT.clientId || form.get("client_secret") !== CLIENT.clientSecret)
        return {
          status: 401,
          body: { error: "invalid_client", error_description: "Client authentication failed" },
        };
      // Let concurrent refreshes overlap, as they do between replicas.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (form.get("grant_type") === "client_credentials") return { body: this.grant(false) };
      const used = form.get("refresh_token") ?? "";
      if (!this.live.has(used))
        return {
          status: 400,
          body: { error: "invalid_grant", error_description: "The refresh token is invalid" },
        };
      if (!this.reusable) this.live.delete(used);
      this.refreshed += 1;
      return { body: this.grant(true) };
    });
    return this;
  }

  /** A refresh token the endpoint accepts, as if a user had just authorised the app. */
  authorise(): string {
    const token = `rt-${++this.issued}`;
    this.live.add(token);
    return token;
  }

  isLive(token: string | null | undefined): boolean {
    return token !== null && token !== undefined && this.live.has(token);
  }

  private grant(withRefresh: boolean) {
    const n = ++this.issued;
    const refresh = withRefresh ? `rt-${n}` : undefined;
    if (refresh) this.live.add(refresh);
    return {
      access_token: `at-${n}`,
      token_type: "bearer",
      expires_in: this.expiresIn,
      ...(refresh ? { refresh_token: refresh } : {}),
    };
  }

  get url(): string {
    return `${this.server.url}/oauth/token`;
  }

  get tokenRequests(): number {
    return this.server.requests.length;
  }
}

let endpoint: TokenEndpoint;
afterEach(() => endpoint.server.close());

const bearer = (options: Partial<OAuthOptions> = {}) =>
  new OAuthBearer({
    tokenUrl: endpoint.url,
    ...CLIENT,
    grant: "client_credentials",
    service: "Procore",
    ...options,
  });

const expired = (refreshToken: string): StoredTokens => ({
  accessToken: "at-stale",
  refreshToken,
  expiresAt: new Date(0),
});

const { signal } = contextFor();

describe("client credentials", () => {
  beforeEach(async () => {
    endpoint = await new TokenEndpoint().start();
  });

  it("asks once for a token, sends the client's credentials in the form, and reuses the token", async () => {
    const store = memoryTokenStore();
    const auth = bearer({ tokens: store });
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-1" });
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-1" });
    expect(endpoint.tokenRequests).toBe(1);
    const form = new URLSearchParams(endpoint.server.requests[0]?.body);
    expect(Object.fromEntries(form)).toEqual({
      grant_type: "client_credentials",
      client_id: CLIENT.clientId,
      client_secret: CLIENT.clientSecret,
    });
    expect((await store.load())?.accessToken).toBe("at-1");
  });

  it("renews once for many requests arriving together", async () => {
    const auth = bearer();
    const all = await Promise.all(Array.from({ length: 20 }, () => auth.headers(contextFor().signal)));
    expect(new Set(all.map((h) => h.authorization))).toEqual(new Set(["Bearer at-1"]));
    expect(endpoint.tokenRequests).toBe(1);
  });

  it("renews a token the upstream rejected (a 401), even before it expires", async () => {
    const auth = bearer();
    const sent = await auth.headers(signal);
    auth.rejected(sent);
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-2" });
    // A stale rejection of the old token does not throw away the new one.
    auth.rejected(sent);
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-2" });
    expect(endpoint.tokenRequests).toBe(2);
  });

  it("fails with an auth UpstreamError that keeps the endpoint's words and not the secret", async () => {
    const auth = bearer({ clientSecret: "wrong-secret-value" });
    const failure = await auth.headers(signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    const error = failure as UpstreamError;
    expect(error.kind).toBe("auth");
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/HTTP 401: Client authentication failed/);
    expect(error.message).not.toMatch(/wrong-secret-value|s3cret-value/);
  });
});

describe("a rate-limited token endpoint", () => {
  beforeEach(async () => {
    endpoint = await new TokenEndpoint().start();
  });

  it("fails at once with a 429 saying when to retry when it asks for a longer wait than a token is worth", async () => {
    const throttled = await startLocalServer(() => ({
      status: 429,
      headers: { "Retry-After": "120" },
      body: "You have surpassed the max number of requests for an hour.",
    }));
    try {
      const failure = await bearer({ tokenUrl: `${throttled.url}/oauth/token` })
        .headers(signal)
        .catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(UpstreamError);
      const error = failure as UpstreamError;
      expect([error.kind, error.status, error.code]).toEqual(["budget", 429, "UpstreamRateLimited"]);
      expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(120);
      expect(error.message).toMatch(/^Procore is rate limiting this connection \(HTTP 429\)/);
      expect(throttled.requests).toHaveLength(1);
    } finally {
      await throttled.close();
    }
  });
});

describe("renewing before expiry", () => {
  beforeEach(async () => {
    endpoint = await new TokenEndpoint().start();
    // Only the clock is faked: sockets and timers stay real.
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps a token until the margin before its expiry, then renews it ahead of time", async () => {
    const start = Date.now();
    const auth = bearer({ refreshMarginMs: 120_000 });
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-1" });
    vi.setSystemTime(start + 5400_000 - 121_000);
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-1" });
    vi.setSystemTime(start + 5400_000 - 119_000);
    expect(await auth.headers(signal)).toEqual({ authorization: "Bearer at-2" });
    expect(endpoint.tokenRequests).toBe(2);
  });
});

describe("authorization code with single-use refresh tokens", () => {
  beforeEach(async () => {
    endpoint = await new TokenEndpoint().start();
  });

  it("refreshes an expired token and rotates the refresh token in the store", async () => {
    const first = endpoint.authorise();
    const store = memoryTokenStore(expired(first));
    const auth = bearer({ grant: "authorization_code", tokens: store });
    const { authorization } = await auth.headers(signal);
    const stored = await store.load();
    expect(authorization).toBe(`Bearer ${stored?.accessToken}`);
    expect(stored?.refreshToken).not.toBe(first);
    expect(endpoint.isLive(stored?.refreshToken)).toBe(true);
    expect(endpoint.isLive(first)).toBe(false);
  });

  it("does not lose the token when two connections refresh with the same refresh token at once", async () => {
    const store = memoryTokenStore(expired(endpoint.authorise()));
    const [a, b] = [
      bearer({ grant: "authorization_code", tokens: store }),
      bearer({ grant: "authorization_code", tokens: store }),
    ];
    const [fromA, fromB] = await Promise.all([a.headers(signal), b.headers(signal)]);
    const stored = await store.load();
    expect(endpoint.refreshed).toBe(1);
    expect(fromA).toEqual(fromB);
    expect(fromA.authorization).toBe(`Bearer ${stored?.accessToken}`);
    expect(endpoint.isLive(stored?.refreshToken)).toBe(true);

    // The stored refresh token is the live one: a third connection can refresh with it later.
    await store.save({ ...stored!, expiresAt: new Date(0) });
    const later = await bearer({ grant: "authorization_code", tokens: store }).headers(signal);
    expect(later.authorization).toBe(`Bearer ${(await store.load())?.accessToken}`);
    expect(endpoint.refreshed).toBe(2);
  });

  it("fails clearly when the connection was never authorised", async () => {
    const failure = await bearer({ grant: "authorization_code", tokens: memoryTokenStore() })
      .headers(signal)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).message).toMatch(/authorise the connection/);
  });

  it("fails without waiting for ever when the refresh token is simply invalid", async () => {
    const auth = bearer({
      grant: "authorization_code",
      tokens: memoryTokenStore(expired("rt-revoked")),
      raceWaitMs: 100,
    });
    const failure = await auth.headers(signal).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(UpstreamError);
    expect((failure as UpstreamError).message).toMatch(
      /The refresh token is invalid.*authorise the connection again/,
    );
    expect((failure as UpstreamError).message).not.toMatch(/rt-revoked/);
  });
});

describe("the store's compare-and-swap", () => {
  beforeEach(async () => {
    endpoint = await new TokenEndpoint(true).start();
  });

  it("keeps one winner when both refreshes succeed upstream: the loser adopts the stored tokens", async () => {
    const store = memoryTokenStore(expired(endpoint.authorise()));
    const [a, b] = [
      bearer({ grant: "authorization_code", tokens: store }),
      bearer({ grant: "authorization_code", tokens: store }),
    ];
    const [fromA, fromB] = await Promise.all([a.headers(signal), b.headers(signal)]);
    const stored = await store.load();
    expect(endpoint.refreshed).toBe(2);
    expect(fromA).toEqual({ authorization: `Bearer ${stored?.accessToken}` });
    expect(fromB).toEqual(fromA);
  });

  it("memoryTokenStore swaps only while the refresh token is the one the caller used", async () => {
    const one: StoredTokens = { accessToken: "a1", refreshToken: "r1", expiresAt: null };
    const two: StoredTokens = { accessToken: "a2", refreshToken: "r2", expiresAt: null };
    const three: StoredTokens = { accessToken: "a3", refreshToken: "r3", expiresAt: null };
    const store = memoryTokenStore(one);
    expect(await store.rotate("r1", two)).toEqual({ ok: true });
    expect(await store.rotate("r1", three)).toEqual({ ok: false, current: two });
    expect(await store.load()).toEqual(two);
    const empty = memoryTokenStore();
    expect(await empty.rotate("anything", one)).toEqual({ ok: true });
    expect(await empty.load()).toEqual(one);
  });
});
