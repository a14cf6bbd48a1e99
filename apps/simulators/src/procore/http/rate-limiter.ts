/**
 * Procore's hourly rate limit, counted per access token (unauthenticated calls per client
 * address). Every API answer carries `X-Rate-Limit-Limit`, `-Remaining` and `-Reset` (Unix
 * seconds when the window ends); past the limit the answer is a 429 with a plain-text body.
 */
import type { FastifyReply } from "fastify";
import { MESSAGES } from "./procore-error.ts";

const WINDOW_MS = 3_600_000;

interface Window {
  readonly endsAt: number;
  used: number;
}

export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  readonly resetAt: number;
}

export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(readonly limit: number) {}

  private window(key: string): Window {
    const now = Date.now();
    const current = this.windows.get(key);
    if (current && current.endsAt > now) return current;
    const fresh = { endsAt: now + WINDOW_MS, used: 0 };
    this.windows.set(key, fresh);
    return fresh;
  }

  /** Counts one request; `allowed` is false once the window's limit is spent. */
  consume(key: string): { allowed: boolean; state: RateLimitState } {
    const window = this.window(key);
    window.used += 1;
    return { allowed: window.used <= this.limit, state: this.state(key) };
  }

  state(key: string): RateLimitState {
    const window = this.window(key);
    return {
      limit: this.limit,
      remaining: Math.max(0, this.limit - window.used),
      resetAt: Math.ceil(window.endsAt / 1000),
    };
  }
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
