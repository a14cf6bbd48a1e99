/**
 * Delivering webhook events the way procore/documentation `plan_your_app/webhooks.md`
 * ("Reliability and Your Fallback Strategy") describes: each hook has one queue, delivered in
 * order; a failed delivery pauses the queue and is retried with exponential backoff (from 1 s,
 * doubling, up to 1 h); a success resets the backoff; after 12 h of continuous failure the queue
 * is flushed and its events are discarded. The delays are options, so tests use milliseconds.
 * "Continuous failure" is measured as the sum of the backoff delays, which keeps it
 * deterministic. Fault switches can deliver events twice (Procore may) or lose them.
 *
 * Every attempt is kept, in the shape of Procore's deliveries list, plus `hook_id` and `attempt`.
 */
import type { RecordChange } from "../store/procore-store.ts";
import type { Hook, HookRegistry } from "./hook-registry.ts";
import { type AttemptResult, postDelivery } from "./post-delivery.ts";
import { type WebhookEvent, type WebhookPayload, webhookEvent, webhookPayload } from "./webhook-event.ts";

export interface WebhookDeliveryOptions {
  /** How long an endpoint may take to answer (default 5000, Procore's). */
  readonly timeoutMs?: number;
  /** The first retry's delay (default 1000); each further one doubles. */
  readonly initialRetryDelayMs?: number;
  /** The longest retry delay (default 3 600 000). */
  readonly maxRetryDelayMs?: number;
  /** Continuous failure after which a hook's queue is discarded (default 12 h). */
  readonly discardAfterMs?: number;
}

export interface WebhookFaults {
  /** The next `times` events are delivered twice (same id and ulid). */
  readonly duplicate?: { readonly times: number };
  /** The next `times` events are lost: never sent, recorded as discarded. */
  readonly drop?: { readonly times: number };
}

/** `ok`: 2xx; `retried`: failed, to be retried; `discarded`: given up or never sent. */
export type DeliveryOutcome = "ok" | "retried" | "discarded";

export interface WebhookDelivery {
  readonly id: number;
  readonly hook_id: number;
  readonly event_id: number;
  readonly event: WebhookPayload;
  readonly attempt: number;
  readonly outcome: DeliveryOutcome;
  readonly response_status: number | null;
  readonly response_headers: Readonly<Record<string, string>>;
  readonly response_body: string | null;
  readonly response_error: string | null;
  readonly started_at: string | null;
  readonly completed_at: string | null;
}

interface HookQueue {
  readonly hookId: number;
  events: WebhookEvent[];
  failures: number;
  backoffSpent: number;
  running: boolean;
}

const NOT_SENT = {
  ok: false,
  startedAt: null,
  completedAt: null,
  status: null,
  headers: {},
  body: null,
} as const;

export class WebhookDispatcher {
  private readonly options: Required<WebhookDeliveryOptions>;
  private readonly queues = new Map<number, HookQueue>();
  private readonly history: WebhookDelivery[] = [];
  private readonly stopper = new AbortController();
  private faults: WebhookFaults = {};
  private waiters: (() => void)[] = [];
  private nextEventId = 900_000_001;
  private nextDeliveryId = 1;

  constructor(
    private readonly registry: HookRegistry,
    private readonly who: { readonly userId: number; readonly companyId: number },
    options: WebhookDeliveryOptions = {},
  ) {
    this.options = {
      timeoutMs: options.timeoutMs ?? 5000,
      initialRetryDelayMs: options.initialRetryDelayMs ?? 1000,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 3_600_000,
      discardAfterMs: options.discardAfterMs ?? 12 * 3_600_000,
    };
  }

  /** Queues an event for every hook the change fires. */
  publish(change: RecordChange): void {
    const hooks = this.registry.matching(change);
    if (hooks.length === 0 || this.stopper.signal.aborted) return;
    const event = webhookEvent(this.nextEventId++, change, this.who);
    const copies = this.takeFault("drop") ? 0 : this.takeFault("duplicate") ? 2 : 1;
    for (const hook of hooks) {
      if (copies === 0) this.record(hook, event, 1, "discarded", { ...NOT_SENT, error: "Lost (drop fault)" });
      for (let i = 0; i < copies; i++) this.enqueue(hook.id, event);
    }
  }

  deliveries(): readonly WebhookDelivery[] {
    return this.history;
  }

  setFaults(faults: WebhookFaults): void {
    this.faults = { ...this.faults, ...faults };
  }

  resetFaults(): void {
    this.faults = {};
  }

  get currentFaults(): WebhookFaults {
    return this.faults;
  }

  /** Resolves once every queue is empty: nothing in flight, nothing waiting for a retry. */
  settled(): Promise<void> {
    if (this.idle()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Stops delivering: in-flight attempts are aborted and pending retries dropped. */
  stop(): void {
    this.stopper.abort();
    for (const queue of this.queues.values()) queue.events = [];
    this.wakeWaiters();
  }

  private enqueue(hookId: number, event: WebhookEvent): void {
    const queue = this.queues.get(hookId) ?? {
      hookId,
      events: [],
      failures: 0,
      backoffSpent: 0,
      running: false,
    };
    this.queues.set(hookId, queue);
    queue.events.push(event);
    if (!queue.running) void this.drain(queue);
  }

  private async drain(queue: HookQueue): Promise<void> {
    queue.running = true;
    try {
      for (let event = queue.events[0]; event; event = queue.events[0]) {
        const hook = this.registry.find(queue.hookId);
        if (!hook || this.stopper.signal.aborted) break;
        const attempt = queue.failures + 1;
        const result = await postDelivery(
          hook,
          webhookPayload(event, hook.api_version),
          this.options.timeoutMs,
          this.stopper.signal,
        );
        if (this.stopper.signal.aborted) break;
        if (result.ok) {
          this.record(hook, event, attempt, "ok", result);
          queue.events.shift();
          queue.failures = 0;
          queue.backoffSpent = 0;
          continue;
        }
        if (!(await this.backOff(queue, hook, event, attempt, result))) break;
      }
    } finally {
      queue.events = this.stopper.signal.aborted || !this.registry.find(queue.hookId) ? [] : queue.events;
      queue.running = false;
      if (this.idle()) this.wakeWaiters();
    }
  }

  /** Waits before the next attempt; false when the queue was discarded instead. */
  private async backOff(
    queue: HookQueue,
    hook: Hook,
    event: WebhookEvent,
    attempt: number,
    result: AttemptResult,
  ): Promise<boolean> {
    const { initialRetryDelayMs, maxRetryDelayMs, discardAfterMs } = this.options;
    const delay = Math.min(initialRetryDelayMs * 2 ** queue.failures, maxRetryDelayMs);
    if (queue.backoffSpent + delay > discardAfterMs) {
      this.record(hook, event, attempt, "discarded", result);
      for (const rest of queue.events.slice(1))
        this.record(hook, rest, 1, "discarded", { ...NOT_SENT, error: "Discarded with the queue" });
      queue.events = [];
      queue.failures = 0;
      queue.backoffSpent = 0;
      return false;
    }
    this.record(hook, event, attempt, "retried", result);
    queue.failures += 1;
    queue.backoffSpent += delay;
    await this.sleep(delay);
    return true;
  }

  private sleep(ms: number): Promise<void> {
    const signal = this.stopper.signal;
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    });
  }

  private record(
    hook: Hook,
    event: WebhookEvent,
    attempt: number,
    outcome: DeliveryOutcome,
    result: Omit<AttemptResult, "startedAt" | "completedAt"> & {
      readonly startedAt: number | null;
      readonly completedAt: number | null;
    },
  ): void {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    this.history.push({
      id: this.nextDeliveryId++,
      hook_id: hook.id,
      event_id: event.id,
      event: webhookPayload(event, hook.api_version),
      attempt,
      outcome,
      response_status: result.status,
      response_headers: result.headers,
      response_body: result.body,
      response_error: result.error,
      started_at: iso(result.startedAt),
      completed_at: iso(result.completedAt),
    });
  }

  private takeFault(name: keyof WebhookFaults): boolean {
    const fault = this.faults[name];
    if (!fault || fault.times <= 0) return false;
    this.faults = { ...this.faults, [name]: { times: fault.times - 1 } };
    return true;
  }

  private idle(): boolean {
    return [...this.queues.values()].every((queue) => !queue.running && queue.events.length === 0);
  }

  private wakeWaiters(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}
