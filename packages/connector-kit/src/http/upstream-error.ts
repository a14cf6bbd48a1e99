/**
 * Errors of an upstream HTTP service in the gateway's one error model. The message keeps the
 * upstream's own words (an admin needs them) but never a token, secret or header value.
 */
import { ODataError } from "@headgate/odata";

export type UpstreamErrorKind = "status" | "network" | "deadline" | "auth" | "body";

export class UpstreamError extends ODataError {
  readonly kind: UpstreamErrorKind;
  /** The upstream's HTTP status, when it answered. */
  readonly upstreamStatus: number | undefined;

  constructor(
    kind: UpstreamErrorKind,
    message: string,
    options: { upstreamStatus?: number; target?: string } = {},
  ) {
    super({
      code: "UpstreamError",
      message,
      status: kind === "deadline" ? 504 : 502,
      ...(options.target === undefined ? {} : { target: options.target }),
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
