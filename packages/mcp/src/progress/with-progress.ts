/**
 * Long scans keep the client informed: when the request carried a `progressToken`, one progress
 * notification goes out as the work starts and another at every interval while it runs, so
 * clients that reset their timeout on progress do not give up on a slow upstream.
 */
import type { ToolCall } from "../tools/tool-registrar.ts";

export async function withProgress<T>(
  call: ToolCall,
  what: string,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const reportProgress = call.reportProgress;
  if (reportProgress === undefined) return work();
  let progress = 0;
  const started = Date.now();
  const report = (message: string) => {
    progress += 1;
    reportProgress(progress, message);
  };
  report(`${what}: started`);
  const timer = setInterval(
    () => report(`${what}: still running (${Math.round((Date.now() - started) / 1000)} s)`),
    intervalMs,
  );
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
