/**
 * The Redis server the cache's tests use: HEADGATE_TEST_REDIS_URL, else the machine's server at
 * redis://127.0.0.1:6379 (as `.ci/run` starts it). Suites work under a key prefix of their own
 * and delete it afterwards, so one server serves every run. `changes.port` gives a neighbouring
 * address (a closed port) that follows the variable too.
 */

export const TEST_REDIS_VARIABLE = "HEADGATE_TEST_REDIS_URL";
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

type Env = Readonly<Record<string, string | undefined>>;

export function testRedisUrl(changes: { readonly port?: number } = {}, env: Env = process.env): string {
  const text = env[TEST_REDIS_VARIABLE]?.trim() || DEFAULT_TEST_REDIS_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${TEST_REDIS_VARIABLE} is not a URL; expected ${DEFAULT_TEST_REDIS_URL} or alike.`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:")
    throw new Error(`${TEST_REDIS_VARIABLE} must be a redis:// URL, not ${url.protocol}//...`);
  if (changes.port !== undefined) url.port = String(changes.port);
  return url.href;
}
