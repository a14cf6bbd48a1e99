/**
 * One upstream credential's request budget, shared by every replica through the cache. Before a
 * request it refuses at once what cannot be paid before the query's deadline (a spent window,
 * a wait the upstream asked for), waits out what can, and paces requests inside the spike
 * window so that they never burst into 429s. After a response it learns from the rate-limit
 * headers and from 429s and 503s. Every request sent counts, failed ones included, because the
 * upstream counts them too.
 *
 * Upstreams differ only in what they send, so one budget serves them all: Procore's
 * `X-Rate-Limit-*` (hourly and 10-second windows), Microsoft Graph's `RateLimit-*` and
 * `Retry-After`, ArcGIS Online's bare 429s with a cool-off of about a minute.
 */
import { type Cache, CacheUnavailableError, MemoryCache } from "@headgate/cache";
import { sleep } from "../sleep.ts";
import { type BudgetRefusal, refusalError } from "./budget-errors.ts";
import {
  type BlockRecord,
  type BudgetKeys,
  blockRecordOf,
  budgetKeys,
  counterOf,
  estimatedRemaining,
  LEARNED_SPIKE_TTL_MS,
  replacesWindow,
  SENT_COUNTER_TTL_MS,
  spikeRecordOf,
  type WindowRecord,
  windowRecordOf,
} from "./budget-state.ts";
import {
  type RateLimitObservation,
  type RateLimitWindow,
  readRateLimitHeaders,
} from "./rate-limit-headers.ts";
import {
  checkSpikeWindow,
  describesSpike,
  RESET_SLACK_MS,
  type SpikeWindow,
  spikeBucket,
} from "./spike-window.ts";

export interface UpstreamBudgetOptions {
  readonly cache: Cache;
  /**
   * A non-secret id of the credential, e.g. a short hash of the base URL and client id. Every
   * client built with the same id, on any replica, spends the same budget. It is part of cache
   * keys, so it must never be a secret.
   */
  readonly credential: string;
  /** The upstream's name in messages, e.g. `Procore`. */
  readonly service: string;
  /** The short window to pace requests in (Procore: 25 per 10 s); headers that describe it override the limit. */
  readonly spike?: SpikeWindow;
  /** How to ask this upstream for less, said when the budget refuses, e.g. "a filter on project_id …". */
  readonly narrowing?: string;
  /** How long a 429 without Retry-After or rate-limit headers blocks the credential (default 60 s, ArcGIS Online's cool-off). */
  readonly coolOffMs?: number;
  /** The wall clock in epoch ms (default Date.now); requests' deadlines are read against it. */
  readonly now?: () => number;
}

/** What the engine needs to refuse a question it cannot pay for. */
export interface BudgetSnapshot {
  /** The long window's size (Procore's hourly), when the upstream said it. */
  readonly limit?: number;
  /** Requests left in the long window: the last observed remaining less the requests sent since. */
  readonly remaining?: number;
  /** When the long window resets, epoch ms. */
  readonly resetAt?: number;
  /** Until when the upstream asked everyone to wait (a 429, or a 503 with Retry-After), epoch ms. */
  readonly blockedUntil?: number;
  /** The spike window requests are paced in; absent for an upstream that has none. */
  readonly spike?: SpikeWindow;
}

export interface BudgetRequest {
  readonly signal: AbortSignal;
  /** Epoch ms by which the request must have been answered. */
  readonly deadline: number;
  /** The path asked for, named in a refusal. */
  readonly target?: string;
}

/** A request let through; hand it back with the response. */
export interface BudgetTicket {
  /** The request's number among all requests sent with the credential. */
  readonly seq: number;
}

export interface BudgetResponse {
  readonly status: number;
  readonly headers: Headers;
}

interface SharedState {
  readonly window: WindowRecord | undefined;
  readonly blocked: BlockRecord | undefined;
  readonly spike: SpikeWindow | undefined;
  readonly sent: number;
}

/** After a wait the request still has to be answered: a wait ending closer to the deadline is refused. */
const ROOM_TO_ANSWER_MS = 1_000;

const DEFAULT_COOL_OFF_MS = 60_000;

export class UpstreamBudget {
  readonly service: string;
  readonly narrowing: string | undefined;
  readonly #cache: Cache;
  /** Where the budget lives while the shared cache cannot be reached: this process's own limits. */
  readonly #local = new MemoryCache({ maxEntries: 100 });
  readonly #keys: BudgetKeys;
  readonly #spike: SpikeWindow | undefined;
  readonly #coolOffMs: number;
  readonly #now: () => number;

  constructor(options: UpstreamBudgetOptions) {
    this.service = options.service;
    this.narrowing = options.narrowing;
    this.#cache = options.cache;
    this.#keys = budgetKeys(options.credential);
    this.#spike = options.spike;
    this.#coolOffMs = options.coolOffMs ?? DEFAULT_COOL_OFF_MS;
    this.#now = options.now ?? Date.now;
    if (options.spike !== undefined) checkSpikeWindow(options.spike);
  }

  /**
   * Lets a request go once the budget can pay for it: waits out a block or a spent window that
   * ends before the deadline, then takes a turn in the spike window. Throws an UpstreamError
   * (429 `budget`, or 503 `unavailable`) at once, without waiting, when the deadline comes first.
   */
  async admit(request: BudgetRequest): Promise<BudgetTicket> {
    for (;;) {
      const state = await this.#shared((cache) => this.#read(cache));
      const refusal = refusalOf(state, this.#now());
      if (refusal === undefined) {
        await this.#pace(state.spike, request);
        return {
          seq: await this.#shared((cache) => cache.increment(this.#keys.sent, 1, SENT_COUNTER_TTL_MS)),
        };
      }
      await this.#waitOut(refusal, request);
    }
  }

  /** Learns from an answer: its rate-limit headers, and the wait a 429 or 503 asks for. */
  async observe(ticket: BudgetTicket, response: BudgetResponse): Promise<void> {
    const now = this.#now();
    const seen = readRateLimitHeaders(response.headers, now);
    await this.#shared(async (cache) => {
      if (seen.window !== undefined)
        await this.#recordWindow(cache, ticket, seen.window, response.status, now);
      const wait = this.#askedWaitMs(response.status, seen, now);
      if (wait !== undefined && wait > 0) await this.#block(cache, now + wait, response.status, now);
    });
  }

  async snapshot(): Promise<BudgetSnapshot> {
    const state = await this.#shared((cache) => this.#read(cache));
    const now = this.#now();
    const window = state.window !== undefined && state.window.resetAt > now ? state.window : undefined;
    const blocked = state.blocked !== undefined && state.blocked.until > now ? state.blocked : undefined;
    return {
      ...(window?.limit === undefined ? {} : { limit: window.limit }),
      ...(window === undefined
        ? {}
        : { remaining: Math.max(0, estimatedRemaining(window, state.sent)), resetAt: window.resetAt }),
      ...(blocked === undefined ? {} : { blockedUntil: blocked.until }),
      ...(state.spike === undefined ? {} : { spike: state.spike }),
    };
  }

  async #read(cache: Cache): Promise<SharedState> {
    const keys = this.#keys;
    const [window, blocked, spike, sent] = await Promise.all([
      cache.get(keys.window),
      cache.get(keys.blocked),
      cache.get(keys.spike),
      cache.get(keys.sent),
    ]);
    return {
      window: windowRecordOf(window),
      blocked: blockRecordOf(blocked),
      spike: this.#spike === undefined ? undefined : (spikeRecordOf(spike) ?? this.#spike),
      sent: counterOf(sent),
    };
  }

  async #waitOut(refusal: BudgetRefusal, request: BudgetRequest): Promise<void> {
    const now = this.#now();
    if (refusal.until + ROOM_TO_ANSWER_MS > request.deadline)
      throw refusalError(refusal, this.#context(now, request));
    await sleep(refusal.until - now, request.signal);
  }

  /** A turn in the spike window's shared bucket, waiting for it while the deadline allows. */
  async #pace(spike: SpikeWindow | undefined, request: BudgetRequest): Promise<void> {
    if (spike === undefined) return;
    const bucket = spikeBucket(spike);
    for (;;) {
      const take = await this.#shared((cache) => cache.takeToken(this.#keys.pace(spike), bucket));
      if (take.allowed) return;
      const now = this.#now();
      if (now + take.retryAfterMs + ROOM_TO_ANSWER_MS > request.deadline)
        throw refusalError(
          { kind: "paced", until: now + take.retryAfterMs, spike },
          this.#context(now, request),
        );
      await sleep(take.retryAfterMs, request.signal);
    }
  }

  async #recordWindow(
    cache: Cache,
    ticket: BudgetTicket,
    window: RateLimitWindow,
    status: number,
    now: number,
  ): Promise<void> {
    const keys = this.#keys;
    const [storedValue, learnedValue] = await Promise.all([cache.get(keys.window), cache.get(keys.spike)]);
    const stored = windowRecordOf(storedValue);
    const spike = this.#spike === undefined ? undefined : (spikeRecordOf(learnedValue) ?? this.#spike);
    if (spike !== undefined && describesSpike(window, spike, now, stored?.resetAt)) {
      await this.#learnSpike(cache, spike, window, status, stored);
      if (window.remaining <= 0 && window.resetAt > now) await this.#block(cache, window.resetAt, 429, now);
      return;
    }
    if (window.resetAt <= now) return;
    const seen: WindowRecord = { ...window, seq: ticket.seq };
    if (replacesWindow(stored, seen, RESET_SLACK_MS))
      await cache.set(keys.window, { ...seen }, Math.ceil(window.resetAt - now + RESET_SLACK_MS));
  }

  /**
   * A spike window's limit as the upstream states it. Only from a successful answer, and only
   * below the long window's limit: a forced 429 may carry the long window's figures with a near reset.
   */
  async #learnSpike(
    cache: Cache,
    spike: SpikeWindow,
    window: RateLimitWindow,
    status: number,
    stored: WindowRecord | undefined,
  ): Promise<void> {
    const limit = window.limit;
    if (limit === undefined || limit < 1 || limit === spike.limit || status < 200 || status >= 300) return;
    if (stored?.limit !== undefined && limit >= stored.limit) return;
    await cache.set(this.#keys.spike, { limit, windowMs: spike.windowMs }, LEARNED_SPIKE_TTL_MS);
  }

  /** The wait an answer asks of every caller of the credential, in ms. */
  #askedWaitMs(status: number, seen: RateLimitObservation, now: number): number | undefined {
    if (status === 503) return seen.retryAfterMs;
    if (status !== 429) return undefined;
    if (seen.retryAfterMs !== undefined) return seen.retryAfterMs;
    const window = seen.window;
    if (window !== undefined && window.remaining <= 0 && window.resetAt > now) return window.resetAt - now;
    return this.#coolOffMs;
  }

  /** Blocks the credential until `until`, unless it is blocked longer already. */
  async #block(cache: Cache, until: number, status: number, now: number): Promise<void> {
    const stored = blockRecordOf(await cache.get(this.#keys.blocked));
    if (stored !== undefined && stored.until >= until) return;
    await cache.set(this.#keys.blocked, { until, status }, Math.max(1, Math.ceil(until - now)));
  }

  #context(now: number, request: BudgetRequest) {
    return {
      service: this.service,
      now,
      ...(this.narrowing === undefined ? {} : { narrowing: this.narrowing }),
      ...(request.target === undefined ? {} : { target: request.target }),
    };
  }

  /** The shared cache, or this process's memory while it cannot be reached (issue 16: keep answering). */
  async #shared<T>(operation: (cache: Cache) => Promise<T>): Promise<T> {
    try {
      return await operation(this.#cache);
    } catch (error) {
      if (!(error instanceof CacheUnavailableError)) throw error;
      return operation(this.#local);
    }
  }
}

/** Why the budget cannot pay for a request now, if it cannot. */
function refusalOf(state: SharedState, now: number): BudgetRefusal | undefined {
  const { blocked, window } = state;
  if (blocked !== undefined && blocked.until > now)
    return { kind: blocked.status === 503 ? "overloaded" : "throttled", until: blocked.until };
  if (window !== undefined && window.resetAt > now && estimatedRemaining(window, state.sent) <= 0)
    return {
      kind: "spent",
      until: window.resetAt,
      ...(window.limit === undefined ? {} : { limit: window.limit }),
    };
  return undefined;
}
