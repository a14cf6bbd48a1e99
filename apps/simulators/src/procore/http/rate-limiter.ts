/**
 * Procore's rate limits, counted per access token (unauthenticated calls per client address).
 * Procore documents two fixed windows (procore/documentation `plan_your_app/rate_limiting.md`):
 * an hourly one and a 10-second spike one. Its examples show 600 per hour and 25 per 10 s and warn
 * not to rely on 3600 per hour. Every API answer carries `X-Rate-Limit-Limit`, `-Remaining` and
 * `-Reset` (Unix seconds when the window ends) describing whichever window is closer to being
 * exceeded; past either limit the answer is a 429 with `Retry-After` and a plain-text body.
 * Every call counts, including failed and refused ones.
 */
import type { FastifyReply } from "fastify";
import { MESSAGES } from "./procore-error.ts";

export interface RateLimitOptions {
  /** Requests per token per hour. */
  readonly perHour: number;
  /** The spike window; absent means no spike window at all. */
  readonly spike?: { readonly limit: number; readonly seconds: number };
  /** The clock the windows run on (default: the real clock). */
  readonly now?: () => number;
}

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Unix seconds when the described window ends. */
  readonly resetAt: number;
}

export interface RateLimitDecision {
  readonly allowed: boolean;
  /** The window the headers describe: the exceeded one when refused. */
  readonly state: RateLimitState;
  /** Seconds until a refused caller may try again (at least 1). */
  readonly retryAfterSeconds: number;
}

interface WindowSpec {
  readonly limit: number;
  readonly lengthMs: number;
}

interface WindowUse {
  readonly endsAt: number;
  used: number;
}

interface WindowView {
  readonly limit: number;
  readonly used: number;
  readonly endsAt: number;
}

export class RateLimiter {
  private readonly specs: readonly WindowSpec[];
  private readonly uses = new Map<string, WindowUse[]>();
  private readonly now: () => number;

  constructor(options: RateLimitOptions) {
    this.now = options.now ?? Date.now;
    const hourly = { limit: options.perHour, lengthMs: 3_600_000 };
    this.specs = options.spike
      ? [hourly, { limit: options.spike.limit, lengthMs: options.spike.seconds * 1000 }]
      : [hourly];
  }

  /** Counts one request in every window; refused once any window's limit is spent. */
  consume(key: string): RateLimitDecision {
    const now = this.now();
    const uses = this.current(key, now);
    for (const use of uses) use.used += 1;
    const views = this.views(uses);
    const exceeded = views.filter((view) => view.used > view.limit);
    if (exceeded.length === 0) return { allowed: true, state: toState(closest(views)), retryAfterSeconds: 0 };
    // When both are spent, the caller must wait for the later reset.
    const binding = exceeded.reduce((a, b) => (b.endsAt > a.endsAt ? b : a));
    return {
      allowed: false,
      state: toState(binding),
      retryAfterSeconds: Math.max(1, Math.ceil((binding.endsAt - now) / 1000)),
    };
  }

  /** The state the headers show, without counting a request or starting a window. */
  state(key: string): RateLimitState {
    const now = this.now();
    const stored = this.uses.get(key);
    const views = this.specs.map((spec, i) => {
      const use = stored?.[i];
      return use && use.endsAt > now
        ? { limit: spec.limit, used: use.used, endsAt: use.endsAt }
        : { limit: spec.limit, used: 0, endsAt: now + spec.lengthMs };
    });
    return toState(closest(views));
  }

  /** The key's windows, each restarted if it has ended. */
  private current(key: string, now: number): WindowUse[] {
    const stored = this.uses.get(key) ?? [];
    const uses = this.specs.map((spec, i) => {
      const use = stored[i];
      return use && use.endsAt > now ? use : { endsAt: now + spec.lengthMs, used: 0 };
    });
    this.uses.set(key, uses);
    return uses;
  }

  private views(uses: readonly WindowUse[]): WindowView[] {
    return uses.map((use, i) => ({ limit: this.specs[i]?.limit ?? 0, used: use.used, endsAt: use.endsAt }));
  }
}

/** The window with the smallest share left; on a tie the longer one, whose reset is later. */
function closest(views: readonly WindowView[]): WindowView {
  const share = (view: WindowView) => Math.max(0, view.limit - view.used) / Math.max(1, view.limit);
  return views.reduce((a, b) => {
    const difference = share(b) - share(a);
    return difference < 0 || (difference === 0 && b.endsAt > a.endsAt) ? b : a;
  });
}

function toState(view: WindowView): RateLimitState {
  return {
    limit: view.limit,
    remaining: Math.max(0, view.limit - view.used),
    resetAt: Math.ceil(view.endsAt / 1000),
  };
}

export function setRateLimitHeaders(reply: FastifyReply, state: RateLimitState): void {
  reply.header("X-Rate-Limit-Limit", String(state.limit));
  reply.header("X-Rate-Limit-Remaining", String(state.remaining));
  reply.header("X-Rate-Limit-Reset", String(state.resetAt));
}

export function sendRateLimited(
  reply: FastifyReply,
  state: RateLimitState,
  retryAfterSeconds: number,
): FastifyReply {
  setRateLimitHeaders(reply, { ...state, remaining: 0 });
  reply.header("Retry-After", String(retryAfterSeconds));
  return reply.code(429).type("text/plain; charset=utf-8").send(MESSAGES.rateLimited);
}
