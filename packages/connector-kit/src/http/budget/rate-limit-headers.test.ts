/**
 * Reading the three families of rate-limit headers (Procore's `X-Rate-Limit-*`, the IETF
 * `RateLimit-*` Microsoft Graph sends, the common `X-RateLimit-*`) and `Retry-After`.
 */
import { describe, expect, it } from "vitest";
import { readRateLimitHeaders, readRetryAfter } from "./rate-limit-headers.ts";

const NOW = Date.parse("2025-06-01T14:00:00Z");
const headers = (values: Record<string, string>) => new Headers(values);

describe("readRateLimitHeaders", () => {
  it("reads Procore's X-Rate-Limit-* with the reset in Unix seconds", () => {
    const seen = readRateLimitHeaders(
      headers({
        "X-Rate-Limit-Limit": "600",
        "X-Rate-Limit-Remaining": "412",
        "X-Rate-Limit-Reset": String(NOW / 1000 + 1800),
      }),
      NOW,
    );
    expect(seen).toEqual({ window: { limit: 600, remaining: 412, resetAt: NOW + 1_800_000 } });
  });

  it("reads the IETF RateLimit-* with the reset in seconds from now, and Retry-After", () => {
    const seen = readRateLimitHeaders(
      headers({
        "Retry-After": "31",
        "RateLimit-Limit": "1200",
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": "31",
      }),
      NOW,
    );
    expect(seen).toEqual({
      window: { limit: 1200, remaining: 0, resetAt: NOW + 31_000 },
      retryAfterMs: 31_000,
    });
  });

  it("reads the combined RateLimit header, in both of the draft's forms", () => {
    expect(
      readRateLimitHeaders(headers({ RateLimit: "limit=100, remaining=50, reset=5" }), NOW).window,
    ).toEqual({
      limit: 100,
      remaining: 50,
      resetAt: NOW + 5_000,
    });
    expect(readRateLimitHeaders(headers({ RateLimit: '"default";r=7;t=12' }), NOW).window).toEqual({
      remaining: 7,
      resetAt: NOW + 12_000,
    });
  });

  it("reads X-RateLimit-*, taking a reset that large as an epoch and a small one as a delay", () => {
    const epoch = readRateLimitHeaders(
      headers({ "X-RateLimit-Remaining": "3", "X-RateLimit-Reset": String(NOW / 1000 + 60) }),
      NOW,
    );
    expect(epoch.window).toEqual({ remaining: 3, resetAt: NOW + 60_000 });
    const delay = readRateLimitHeaders(
      headers({ "X-RateLimit-Remaining": "3", "X-RateLimit-Reset": "60" }),
      NOW,
    );
    expect(delay.window).toEqual({ remaining: 3, resetAt: NOW + 60_000 });
  });

  it("ignores a family missing its remaining or reset, and values that are not numbers", () => {
    expect(
      readRateLimitHeaders(headers({ "X-Rate-Limit-Limit": "600", "X-Rate-Limit-Remaining": "5" }), NOW),
    ).toEqual({});
    expect(
      readRateLimitHeaders(headers({ "RateLimit-Remaining": "-1", "RateLimit-Reset": "10" }), NOW),
    ).toEqual({});
    expect(
      readRateLimitHeaders(headers({ "RateLimit-Remaining": "many", "RateLimit-Reset": "10" }), NOW),
    ).toEqual({});
    expect(readRateLimitHeaders(headers({}), NOW)).toEqual({});
  });
});

describe("readRetryAfter", () => {
  it("reads seconds and HTTP dates, never a negative wait", () => {
    expect(readRetryAfter("120", NOW)).toBe(120_000);
    expect(readRetryAfter("0", NOW)).toBe(0);
    expect(readRetryAfter("Sun, 01 Jun 2025 14:01:30 GMT", NOW)).toBe(90_000);
    expect(readRetryAfter("Sun, 01 Jun 2025 13:59:00 GMT", NOW)).toBe(0);
  });

  it("is undefined when absent or unreadable", () => {
    expect(readRetryAfter(null, NOW)).toBeUndefined();
    expect(readRetryAfter(" ", NOW)).toBeUndefined();
    expect(readRetryAfter("soon", NOW)).toBeUndefined();
  });
});
