/**
 * The shared cache on Redis through ioredis, for replicas that must agree on budgets, leases and
 * cached scans. Every key is under the instance's `keyPrefix`, so gateways (and test runs) can
 * share a server without meeting. Counters and leases are Lua scripts: one round trip each, and
 * atomic on the server, which is the point of sharing them.
 *
 * A server that cannot be reached is a CacheUnavailableError naming the URL with its password
 * masked. Commands fail fast instead of waiting: none is queued while the connection is down,
 * none in flight is retried when it drops, and none waits longer than commandTimeoutMs on a
 * server that stopped answering. FallbackCache (fallback/) builds the gateway's behaviour on that:
 * local limits while Redis is away, and back to Redis once ioredis has reconnected.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import {
  bucketKey,
  type Cache,
  type CacheHealth,
  CacheUnavailableError,
  checkIncrement,
  checkTokenBucket,
  checkTtl,
  type JsonValue,
  lockKey,
  TOKEN_BUCKET_EXPIRY_MARGIN_MS,
  type TokenBucketSpec,
  type TokenTake,
} from "../cache.ts";

export interface RedisCacheOptions {
  readonly url: string;
  /** Put before every key; default `headgate:`. */
  readonly keyPrefix?: string;
  /** How long connecting may take; default 5 s. */
  readonly connectTimeoutMs?: number;
  /** How long a command may wait for its answer on an open connection; default 1 s. */
  readonly commandTimeoutMs?: number;
}

/** What watchConnection reports: the connection became ready, or a ready one was lost. */
export type RedisConnectionEvent =
  | { readonly ready: true }
  | { readonly ready: false; readonly reason: string };

export const DEFAULT_KEY_PREFIX = "headgate:";

/** INCRBY, and the window's expiry only when the counter has none yet (it was just created). */
const INCREMENT = `
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return value`;

/** Deletes the lease only when it still holds the caller's token. */
const UNLOCK = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/**
 * takeFromBucket (cache.ts) in Lua, on the server's clock (TIME) so that every replica refills
 * the same bucket at the same pace whatever its own clock says. The state is a hash of fractional
 * tokens and the ms they were counted at; it expires once the bucket would be full again.
 */
const TAKE_TOKEN = `
local rate, burst, cost, margin = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if state[1] and state[2] then
  local elapsed = math.max(0, now - tonumber(state[2]))
  tokens = math.min(burst, tonumber(state[1]) + elapsed * rate / 1000)
end
local allowed, retry = 0, 0
if tokens >= cost then
  tokens = tokens - cost
  allowed = 1
else
  retry = math.max(1, math.ceil((cost - tokens) * 1000 / rate - 1e-6))
end
redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
redis.call('PEXPIRE', KEYS[1], string.format('%d', math.ceil((burst - tokens) * 1000 / rate) + margin))
return {allowed, math.floor(tokens), retry}`;

/** Connects and PINGs; rejects with CacheUnavailableError when the server does not answer. */
export async function openRedisCache(options: RedisCacheOptions): Promise<RedisCache> {
  const cache = new RedisCache(options);
  try {
    await cache.connect();
    await cache.ping();
    return cache;
  } catch (error) {
    await cache.close();
    throw error;
  }
}

export class RedisCache implements Cache {
  readonly kind = "redis";
  readonly #client: Redis;
  readonly #shownUrl: string;
  readonly #watchers = new Set<(event: RedisConnectionEvent) => void>();
  /** Whether the connection was ready when last heard of, so a loss is reported once. */
  #ready = false;
  /** The connection's last error: ioredis rejects commands with a bare "Connection is closed". */
  #lastError: Error | undefined;
  /** When the connection last stopped being ready. */
  #unreadySince: Date | undefined;

  constructor(options: RedisCacheOptions) {
    this.#shownUrl = maskPassword(options.url);
    this.#client = new Redis(options.url, {
      keyPrefix: options.keyPrefix ?? DEFAULT_KEY_PREFIX,
      lazyConnect: true,
      connectTimeout: options.connectTimeoutMs ?? 5_000,
      commandTimeout: options.commandTimeoutMs ?? 1_000,
      // Fail the commands in flight when the connection drops (0 retries), and queue none while
      // it is down: a cache that waits is worse than a miss.
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      enableOfflineQueue: false,
      // Reconnect in the background, at most every 2 s, so a returning server is picked up.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
    });
    // Errors reach callers through their commands; an unheard "error" event would crash the process.
    this.#client.on("error", (error: Error) => {
      this.#lastError = error;
      this.#unreadySince ??= new Date();
    });
    this.#client.on("close", () => {
      this.#unreadySince ??= new Date();
      if (!this.#ready) return;
      this.#ready = false;
      const reason = this.#lastError?.message ?? "the server closed the connection";
      for (const watcher of this.#watchers) watcher({ ready: false, reason });
    });
    this.#client.on("ready", () => {
      this.#lastError = undefined;
      this.#unreadySince = undefined;
      this.#ready = true;
      for (const watcher of this.#watchers) watcher({ ready: true });
    });
  }

  /** The server's URL as messages and logs may show it (password masked). */
  get url(): string {
    return this.#shownUrl;
  }

  /**
   * Calls `listener` when a ready connection is lost (once per loss) and whenever it is ready
   * again after ioredis reconnects. Returns the way to stop listening.
   */
  watchConnection(listener: (event: RedisConnectionEvent) => void): () => void {
    this.#watchers.add(listener);
    return () => this.#watchers.delete(listener);
  }

  async connect(): Promise<void> {
    await this.#run(() => this.#client.connect());
  }

  async get(key: string): Promise<JsonValue | undefined> {
    const text = await this.#run(() => this.#client.get(key));
    return text === null ? undefined : (JSON.parse(text) as JsonValue);
  }

  async set(key: string, value: JsonValue, ttlMs: number): Promise<void> {
    checkTtl(ttlMs);
    await this.#run(() => this.#client.set(key, JSON.stringify(value), "PX", ttlMs));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.#run(() => this.#client.del(key))) > 0;
  }

  async increment(key: string, by: number, ttlMs: number): Promise<number> {
    checkIncrement(by);
    checkTtl(ttlMs);
    return Number(await this.#run(() => this.#client.eval(INCREMENT, 1, key, by, ttlMs)));
  }

  async tryLock(key: string, ttlMs: number): Promise<string | undefined> {
    checkTtl(ttlMs);
    const token = randomUUID();
    const stored = JSON.stringify(token);
    const answer = await this.#run(() => this.#client.set(lockKey(key), stored, "PX", ttlMs, "NX"));
    return answer === "OK" ? token : undefined;
  }

  async unlock(key: string, token: string): Promise<boolean> {
    const stored = JSON.stringify(token);
    return Number(await this.#run(() => this.#client.eval(UNLOCK, 1, lockKey(key), stored))) === 1;
  }

  async takeToken(key: string, bucket: TokenBucketSpec, cost = 1): Promise<TokenTake> {
    checkTokenBucket(bucket, cost);
    const { ratePerSecond, burst } = bucket;
    const margin = TOKEN_BUCKET_EXPIRY_MARGIN_MS;
    const answer = await this.#run(() =>
      this.#client.eval(TAKE_TOKEN, 1, bucketKey(key), ratePerSecond, burst, cost, margin),
    );
    const [allowed, remaining, retryAfterMs] = (answer as unknown[]).map(Number);
    return { allowed: allowed === 1, remaining: remaining ?? 0, retryAfterMs: retryAfterMs ?? 0 };
  }

  /** From the connection's state as last seen; never sends a command. */
  health(): CacheHealth {
    if (this.#client.status === "ready") return { state: "up" };
    const reason = this.#lastError?.message ?? `the connection is ${this.#client.status}`;
    return { state: "degraded", since: this.#unreadySince ?? new Date(), reason };
  }

  async ping(): Promise<void> {
    await this.#run(() => this.#client.ping());
  }

  async close(): Promise<void> {
    this.#watchers.clear();
    // quit() waits for a server that may be gone; disconnect() only closes the socket.
    if (this.#client.status === "ready") await this.#client.quit().catch(() => {});
    this.#client.disconnect();
  }

  /** A command's errors: connection trouble becomes CacheUnavailableError, the rest pass. */
  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      if (this.#client.status === "ready" && !isConnectionError(error)) throw error;
      const cause: unknown = this.#lastError ?? error;
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new CacheUnavailableError(`Redis at ${this.#shownUrl} is unavailable: ${reason}`, {
        cause: error,
        reason,
      });
    }
  }
}

function isConnectionError(error: unknown): boolean {
  return (
    error instanceof Error &&
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|Command timed out|max retries per request|enableOfflineQueue|NOAUTH|WRONGPASS/.test(
      error.message,
    )
  );
}

/** The URL as messages and logs may show it: the password replaced by `***`. */
export function maskPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.href;
  } catch {
    return "(an unreadable URL)";
  }
}
