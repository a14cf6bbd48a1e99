import { describe, expect, it } from "vitest";
import { TEST_REDIS_VARIABLE, testRedisUrl } from "./test-redis.ts";

describe("the test Redis server", () => {
  it("is the machine's server on 127.0.0.1:6379 when HEADGATE_TEST_REDIS_URL is not set", () => {
    expect(testRedisUrl({}, {})).toBe("redis://127.0.0.1:6379");
  });

  it("follows HEADGATE_TEST_REDIS_URL, and a neighbouring port follows it too", () => {
    const env = { [TEST_REDIS_VARIABLE]: "redis://:s3cret@cache.ci.internal:6380/2" };
    expect(testRedisUrl({}, env)).toBe("redis://:s3cret@cache.ci.internal:6380/2");
    expect(testRedisUrl({ port: 1 }, env)).toBe("redis://:s3cret@cache.ci.internal:1/2");
  });

  it("refuses a variable that is not a redis:// URL, naming it", () => {
    expect(() => testRedisUrl({}, { [TEST_REDIS_VARIABLE]: "localhost:6379" })).toThrow(
      /HEADGATE_TEST_REDIS_URL/,
    );
    expect(() => testRedisUrl({}, { [TEST_REDIS_VARIABLE]: "postgres://x@y/z" })).toThrow(/redis:\/\//);
  });
});
