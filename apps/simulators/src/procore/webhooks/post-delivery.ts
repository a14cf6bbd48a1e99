/**
 * One delivery attempt: `POST destination_url` with the event as JSON and the hook's destination
 * headers. It succeeds on a 2xx answer; any other status, a network error or no answer within the
 * timeout (Procore waits 5 s once connected) is a failure to retry. What the endpoint answered is
 * kept as Procore's deliveries list shows it (`response_status`, `response_headers`,
 * `response_body`, `response_error`).
 */
import type { Hook } from "./hook-registry.ts";
import type { WebhookPayload } from "./webhook-event.ts";

export interface AttemptResult {
  readonly ok: boolean;
  readonly startedAt: number;
  readonly completedAt: number;
  readonly status: number | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | null;
  readonly error: string | null;
}

const BODY_KEPT = 2000;

export async function postDelivery(
  hook: Hook,
  payload: WebhookPayload,
  timeoutMs: number,
  stop: AbortSignal,
): Promise<AttemptResult> {
  const startedAt = Date.now();
  const abort = abortAfter(timeoutMs, stop);
  try {
    const response = await fetch(hook.destination_url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "user-agent": "Procore-Webhooks",
        ...hook.destination_headers,
      },
      body: JSON.stringify(payload),
      redirect: "manual",
      signal: abort.signal,
    });
    const body = (await response.text()).slice(0, BODY_KEPT);
    const { status } = response;
    const headers = Object.fromEntries(response.headers);
    return {
      ok: status >= 200 && status < 300,
      startedAt,
      completedAt: Date.now(),
      status,
      headers,
      body,
      error: null,
    };
  } catch (error) {
    const message = abort.timedOut() ? `No answer within ${timeoutMs} ms` : describe(error);
    return {
      ok: false,
      startedAt,
      completedAt: Date.now(),
      status: null,
      headers: {},
      body: null,
      error: message,
    };
  } finally {
    abort.dispose();
  }
}

/** A signal that aborts after `ms` or when `stop` does, whichever comes first. */
function abortAfter(ms: number, stop: AbortSignal) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, ms);
  const onStop = () => controller.abort();
  stop.addEventListener("abort", onStop, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      stop.removeEventListener("abort", onStop);
    },
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
