/**
 * Per-connection request pacing: a token bucket (steady rate with a small burst) and a cap on
 * requests in flight. Both wait politely for the caller's signal and deadline.
 */
import { sleep } from "./sleep.ts";

export class TokenBucket {
  private tokens: number;
  private updatedAt = Date.now();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = Math.max(1, Math.ceil(ratePerSecond)),
  ) {
    this.tokens = this.burst;
  }

  /** Waits until a request may start, then spends one token. */
  async take(signal: AbortSignal): Promise<void> {
    if (!(this.ratePerSecond > 0) || !Number.isFinite(this.ratePerSecond)) return;
    for (;;) {
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(((1 - this.tokens) / this.ratePerSecond) * 1000, signal);
    }
  }

  private refill(): void {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.ratePerSecond);
    this.updatedAt = now;
  }
}

export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly max: number) {}

  async run<T>(task: () => Promise<T>, signal: AbortSignal): Promise<T> {
    while (this.active >= this.max) {
      signal.throwIfAborted();
      await new Promise<void>((resolve) => {
        const wake = () => {
          signal.removeEventListener("abort", leave);
          resolve();
        };
        // A waiter that gives up leaves the queue, so the next release wakes someone still waiting.
        const leave = () => {
          const at = this.waiting.indexOf(wake);
          if (at >= 0) this.waiting.splice(at, 1);
          resolve();
        };
        this.waiting.push(wake);
        signal.addEventListener("abort", leave, { once: true });
      });
    }
    signal.throwIfAborted();
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
