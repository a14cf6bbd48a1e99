/**
 * Errors of an upstream HTTP service in the gateway's one error model. The message keeps the
 * upstream's own words (an admin needs them) but never a token, secret or header value.
 */
import { ODataError } from "@headgate/odata";

/**
 * - `status`, `network`, `body`, `auth`: the upstream failed (502);
 * - `deadline`: it did not answer within the query's time limit (504);
 * - `budget`: the credential's request budget is spent, or the upstream is rate limiting it, so
 *   the request was not sent or not retried (429, with `retryAfterSeconds`);
 * - `unavailable`: the upstream is overloaded and asked callers to wait longer than the query
 *   can (503, with `retryAfterSeconds`).
 */
export type UpstreamErrorKind =
  | "status"
  | "network"
  | "deadline"
  | "auth"
  | "body"
  | "budget"
  | "unavailable";

const STATUS: Readonly<Record<UpstreamErrorKind, number>> = {
  status: 502,
  network: 502,
  body: 502,
  auth: 502,
  deadline: 504,
  budget: 429,
  unavailable: 503,
};

const CODE: Partial<Record<UpstreamErrorKind, string>> = {
  budget: "UpstreamRateLimited",
  unavailable: "UpstreamUnavailable",
};

export interface UpstreamErrorOptions {
  readonly upstreamStatus?: number;
  readonly target?: string;
  /** When the same request can succeed again (doors send it as `Retry-After`). */
  readonly retryAfterSeconds?: number;
}

export class UpstreamError extends ODataError {
  readonly kind: UpstreamErrorKind;
  /** The upstream's HTTP status, when it answered. */
  readonly upstreamStatus: number | undefined;

  constructor(kind: UpstreamErrorKind, message: string, options: UpstreamErrorOptions = {}) {
    super({
      code: CODE[kind] ?? "UpstreamError",
      message,
      status: STATUS[kind],
      ...(options.target === undefined ? {} : { target: options.target }),
      ...(options.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: options.retryAfterSeconds }),
    });
    this.kind = kind;
    this.upstreamStatus = options.upstreamStatus;
  }
}

/** Removes anything that looks like a bearer token, secret or credential parameter from text. */
export function redactSecrets(text: string): string {
  return text
    .replace(/(bearer\s+)[\w.~+/=-]+/gi, "$1[redacted]")
    .replace(/((?:access_token|refresh_token|client_secret|code|token)=)[^&\s"]+/gi, "$1[redacted]")
    .replace(/("(?:access_token|refresh_token|client_secret)"\s*:\s*")[^"]*/gi, "$1[redacted]");
}

/** The upstream's own message from a JSON (`errors`/`message`/`error`) or text body, shortened. */
export function upstreamMessage(body: string): string {
  let text = body.trim();
  try {
    const parsed: unknown = JSON.parse(text);
    text = messageOf(parsed) ?? text;
  } catch {
    if (text.startsWith("<"))
      text = text
        .replace(/<[^>]*>/g, " ")
        .replace(/\s+/g, " ")
        .trim();
  }
  const safe = redactSecrets(text);
  return safe.length > 300 ? `${safe.slice(0, 300)}…` : safe;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(messageOf).filter(Boolean).join("; ") || undefined;
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  for (const field of ["errors", "message", "error_description", "error"]) {
    const found = messageOf(record[field]);
    if (found) return found;
  }
  return undefined;
}
