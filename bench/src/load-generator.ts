/**
 * HTTP load from autocannon running in a process of its own: inside the servers' process its
 * own CPU use would be charged to whichever route it is measuring, on a machine with few cores.
 */
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { promisify } from "node:util";

export interface LoadRequest {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly method?: "GET" | "POST";
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface Load {
  /** Mean requests per second. */
  readonly rps: number;
  readonly meanMs: number;
  readonly p99: number;
  /** Connection errors, timeouts and non-2xx answers. */
  readonly errors: number;
}

const run = promisify(execFile);
const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

export async function generateLoad(request: LoadRequest): Promise<Load> {
  const args = [AUTOCANNON, "--json", "-c", String(request.connections), "-d", String(request.seconds)];
  if (request.method) args.push("-m", request.method);
  for (const [name, value] of Object.entries(request.headers ?? {})) args.push("-H", `${name}=${value}`);
  if (request.body !== undefined) args.push("-b", request.body);
  const { stdout } = await run(process.execPath, [...args, request.url], { maxBuffer: 16 * 1024 * 1024 });
  const result = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { mean: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    rps: result.requests.average,
    meanMs: result.latency.mean,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}
