/**
 * How many requests the simulated Procore has answered, so a benchmark can report the upstream
 * requests a workload cost exactly instead of estimating them. Every `/rest/...` answer counts,
 * whatever its status (refused, failed, or forced by a fault switch), keyed by the bearer token
 * (`address:<ip>` for calls without one); `rateLimited` counts the 429s among them. Token
 * requests (`/oauth/token`) are counted apart: Procore does not rate-limit them as API calls.
 */

export interface UsageCount {
  readonly requests: number;
  readonly rateLimited: number;
}

export interface ProcoreUsage extends UsageCount {
  /** ISO time the counting started (start-up or the last reset). */
  readonly since: string;
  readonly oauthRequests: number;
  readonly byToken: Readonly<Record<string, UsageCount>>;
}

export class UsageCounter {
  private since = Date.now();
  private oauthRequests = 0;
  private byToken = new Map<string, { requests: number; rateLimited: number }>();

  /** Counts one API answer. */
  api(key: string, status: number): void {
    const count = this.byToken.get(key) ?? { requests: 0, rateLimited: 0 };
    count.requests += 1;
    if (status === 429) count.rateLimited += 1;
    this.byToken.set(key, count);
  }

  oauth(): void {
    this.oauthRequests += 1;
  }

  report(): ProcoreUsage {
    const byToken = Object.fromEntries([...this.byToken].map(([key, count]) => [key, { ...count }]));
    const counts = [...this.byToken.values()];
    return {
      since: new Date(this.since).toISOString(),
      requests: counts.reduce((sum, c) => sum + c.requests, 0),
      rateLimited: counts.reduce((sum, c) => sum + c.rateLimited, 0),
      oauthRequests: this.oauthRequests,
      byToken,
    };
  }

  reset(): void {
    this.since = Date.now();
    this.oauthRequests = 0;
    this.byToken = new Map();
  }
}
