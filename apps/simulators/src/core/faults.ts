/**
 * Fault switches every simulator honours, settable per test (programmatically) or over HTTP
 * (`PUT /_simulator/faults` on a standalone simulator): forced throttling, unavailability, a
 * one-shot server error, added latency, invalid tokens and broken JSON bodies. Each simulator
 * renders throttling and errors the way its real service does; this module only decides when.
 */

export interface FaultSwitches {
  /** The next `times` requests get the service's 429 with its rate-limit headers. */
  readonly rateLimit?: { readonly times: number; readonly retryAfterSeconds: number };
  /** The next `times` requests get 503 (with `Retry-After` when given). */
  readonly unavailable?: { readonly times: number; readonly retryAfterSeconds?: number };
  /** The next request gets a 500. */
  readonly serverErrorOnce?: boolean;
  /** Milliseconds added before every answer. */
  readonly latencyMs?: number;
  /** Every bearer token is refused as invalid/expired while set. */
  readonly rejectTokens?: boolean;
  /** The next `times` JSON bodies are cut in half (`truncated`) or not JSON at all (`malformed`). */
  readonly brokenJson?: { readonly times: number; readonly mode: "truncated" | "malformed" };
}

export type FaultDecision = "rateLimit" | "unavailable" | "serverError" | null;

export class Faults {
  private switches: FaultSwitches = {};

  set(switches: FaultSwitches): void {
    this.switches = { ...this.switches, ...switches };
  }

  reset(): void {
    this.switches = {};
  }

  get current(): FaultSwitches {
    return this.switches;
  }

  get latencyMs(): number {
    return this.switches.latencyMs ?? 0;
  }

  get rejectTokens(): boolean {
    return this.switches.rejectTokens === true;
  }

  /** Which forced failure the next request gets, consuming one use of it. */
  takeFailure(): { kind: FaultDecision; retryAfterSeconds?: number } {
    const { rateLimit, unavailable, serverErrorOnce } = this.switches;
    if (rateLimit && rateLimit.times > 0) {
      this.switches = { ...this.switches, rateLimit: { ...rateLimit, times: rateLimit.times - 1 } };
      return { kind: "rateLimit", retryAfterSeconds: rateLimit.retryAfterSeconds };
    }
    if (unavailable && unavailable.times > 0) {
      this.switches = { ...this.switches, unavailable: { ...unavailable, times: unavailable.times - 1 } };
      return unavailable.retryAfterSeconds === undefined
        ? { kind: "unavailable" }
        : { kind: "unavailable", retryAfterSeconds: unavailable.retryAfterSeconds };
    }
    if (serverErrorOnce) {
      this.switches = { ...this.switches, serverErrorOnce: false };
      return { kind: "serverError" };
    }
    return { kind: null };
  }

  /** The body to send instead of `json`, consuming one use of the broken-JSON switch. */
  breakJson(json: string): string {
    const broken = this.switches.brokenJson;
    if (!broken || broken.times <= 0) return json;
    this.switches = { ...this.switches, brokenJson: { ...broken, times: broken.times - 1 } };
    return broken.mode === "truncated"
      ? json.slice(0, Math.max(1, Math.floor(json.length / 2)))
      : `<html><body>Bad gateway</body></html>`;
  }
}
