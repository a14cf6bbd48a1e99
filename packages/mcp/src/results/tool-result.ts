/**
 * The two shapes of a tool answer. Success carries `structuredContent` (matching the tool's
 * `outputSchema`) and the same JSON as text for clients that read only text. Failure is an
 * `isError` result with the engine's code, message and target, so the model can correct its
 * call, and when the same call can succeed later (a budget that refills), a last sentence that
 * says when; protocol errors are left to the SDK for protocol faults only.
 */
import { ODataError } from "@headgate/odata";
import type { CallToolResult } from "@modelcontextprotocol/server";

/** Answers whose text is exactly the JSON of their structured content. */
const mirrored = new WeakSet<CallToolResult>();

/** `text` is `structured` as JSON, when the caller has it already (it measured the answer). */
export function toolSuccess(
  structured: Record<string, unknown>,
  text = JSON.stringify(structured),
): CallToolResult {
  const result: CallToolResult = { content: [{ type: "text", text }], structuredContent: structured };
  mirrored.add(result);
  return result;
}

/** The JSON of a successful answer's structured content, when it is at hand without serializing. */
export function structuredJsonOf(result: CallToolResult): string | undefined {
  const [first] = result.content;
  return mirrored.has(result) && first?.type === "text" ? first.text : undefined;
}

/** A refusal the caller can act on (a bad argument, an unknown name), rather than a failure of ours. */
export function isCallersMistake(error: unknown): error is ODataError {
  return error instanceof ODataError && error.status < 500;
}

/** An error as the caller may see it: ours as they are, anything else as a generic InternalError. */
export function presentable(error: unknown): ODataError {
  if (error instanceof ODataError) return error;
  return new ODataError({
    code: "InternalError",
    status: 500,
    message: "The gateway could not answer this call; try again, and report it if it keeps failing.",
  });
}

/** The text a model reads for a failed call: `Code (target): message`, then when to retry. */
export function toolFailure(error: unknown): CallToolResult {
  const { code, message, target, retryAfterSeconds } = presentable(error);
  const where = target === undefined ? "" : ` (${target})`;
  const text = `${code}${where}: ${message}${retrySentence(message, retryAfterSeconds)}`;
  return { content: [{ type: "text", text }], isError: true };
}

/** ` Retry after 42 seconds.`, unless the message says so already (client rate limits do). */
function retrySentence(message: string, seconds: number | undefined): string {
  if (seconds === undefined || /\bRetry after \d+ s/i.test(message)) return "";
  return ` Retry after ${seconds} second${seconds === 1 ? "" : "s"}.`;
}
