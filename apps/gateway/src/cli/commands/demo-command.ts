/** `headgate demo` (`pnpm start`): starts the demo and prints the banner; Ctrl-C stops it. */
import { resolve } from "node:path";
import { startDemo } from "../../demo/start-demo.ts";
import { HEADGATE_VERSION } from "../../version.ts";
import type { CliIo } from "./cli-io.ts";
import { stopOnSignals } from "./stop-on-signals.ts";

export async function runDemoCommand(_args: readonly string[], io: CliIo): Promise<number | undefined> {
  const port = Number(io.env.PORT ?? "3000");
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    io.stderr.write(`headgate demo: PORT must be a port number, not '${io.env.PORT}'\n`);
    return 2;
  }
  const stopper = stopOnSignals({ name: "headgate demo", stderr: io.stderr });
  io.stdout.write("Generating the demo company and starting its upstreams...\n");
  const demo = await startDemo({
    dataDir: resolve(io.cwd, io.env.HEADGATE_DATA_DIR ?? ".headgate"),
    host: io.env.HOST ?? "127.0.0.1",
    port,
    ...(io.env.HEADGATE_PUBLIC_URL ? { publicUrl: io.env.HEADGATE_PUBLIC_URL } : {}),
    ...(io.env.HEADGATE_API_KEY ? { apiKey: io.env.HEADGATE_API_KEY } : {}),
    ...(io.env.LOG_LEVEL ? { logLevel: io.env.LOG_LEVEL } : {}),
    ...(io.env.REDIS_URL?.trim() ? { redisUrl: io.env.REDIS_URL.trim() } : {}),
    version: HEADGATE_VERSION,
  });
  io.stdout.write(demo.banner);
  stopper.started(() => demo.close());
  return undefined;
}
