/**
 * Long scans keep the client informed: when the request carried a `progressToken`, one progress
 * notification goes out as the work starts and another at every interval while it runs, so
 * clients that reset their timeout on progress do not give up on a slow upstream.
 */
import type { ServerContext } from "@modelcontextprotocol/server";

export async function withProgress<T>(
  ctx: ServerContext,
  what: string,
  intervalMs: number,
  work: () => Promise<T>,
): Promise<T> {
  const token = ctx.mcpReq._meta?.progressToken;
  if (token === undefined) return work();
  let progress = 0;
  const started = Date.now();
  const report = (message: string) => {
    progress += 1;
    ctx.mcpReq
      .notify({ method: "notifications/progress", params: { progressToken: token, progress, message } })
      .catch(() => {});
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
