/**
 * The time one call takes through each of several doors, for a single client, measured in pairs:
 * every round calls each door once, back to back, so whatever else the machine is doing at that
 * moment slows all doors alike. Alternating whole rounds of seconds (as the load figures do) lets
 * a burst of host noise land on one door only; on this 2-vCPU VM that moved the ratio by ±15 %.
 * The client runs in a process of its own (`paired-call-client.ts`).
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { median } from "./measure.ts";
import type { PairedCallPlan } from "./paired-call-client.ts";

export interface DoorRequest {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

/** Per-call times of one door, in microseconds. */
export interface CallTimes {
  readonly median: number;
  readonly mean: number;
  readonly p90: number;
}

const run = promisify(execFile);
const CLIENT = fileURLToPath(new URL("./paired-call-client.ts", import.meta.url));

export async function measurePairedCalls(
  doors: readonly DoorRequest[],
  options: { readonly rounds: number; readonly warmUpRounds: number },
): Promise<CallTimes[]> {
  const { hostname, port } = new URL(doors[0]!.url);
  const plan: PairedCallPlan = {
    host: hostname,
    port: Number(port),
    requests: doors.map(requestText),
    ...options,
  };
  const { stdout } = await run(process.execPath, ["--import", "tsx", CLIENT, JSON.stringify(plan)], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(stdout) as number[][]).map(callTimesOf);
}

function requestText(door: DoorRequest): string {
  const url = new URL(door.url);
  const headers: Record<string, string> = { host: url.host, ...door.headers };
  if (door.body !== undefined) headers["content-length"] = String(Buffer.byteLength(door.body));
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  const body = door.body === undefined ? "" : Buffer.from(door.body).toString("latin1");
  return `${door.method} ${url.pathname}${url.search} HTTP/1.1\r\n${lines.join("\r\n")}\r\n\r\n${body}`;
}

function callTimesOf(times: readonly number[]): CallTimes {
  const sorted = [...times].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))]!;
  return { median: median(sorted), mean: times.reduce((sum, t) => sum + t, 0) / times.length, p90 };
}
