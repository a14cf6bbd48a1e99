/**
 * A Redis server a test owns, for what the shared server cannot be put through: being stopped
 * while a gateway uses it, and started again on the same port (issue 16: Redis lost while
 * running). It keeps nothing on disk (`--save ''`, `--appendonly no`), so a restart is empty,
 * as a lost cache server would be, and it listens on loopback only.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";

export const REDIS_SERVER_BINARY = "/usr/bin/redis-server";

export interface TestRedisServer {
  /** redis://127.0.0.1:<port>, with `:<password>@` when one is required */
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM) and resolves once it has exited; nothing when already stopped. */
  stop(): Promise<void>;
  /** Starts it again on the same port and resolves once it accepts connections. */
  start(): Promise<void>;
  /**
   * Freezes the process (SIGSTOP): connections stay open but nothing answers, as with a server
   * that hangs or a network that drops packets. `resume()` (SIGCONT) thaws it.
   */
  pause(): void;
  resume(): void;
}

export interface RedisServerOptions {
  readonly binary?: string;
  /** How long to wait for "Ready to accept connections"; default 10 s. */
  readonly startTimeoutMs?: number;
  /** Makes the server require this password (`--requirepass`); the URL then carries it. */
  readonly password?: string;
}

/** Starts a server on a free loopback port; call `stop()` when done (an exiting test process kills it too). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<TestRedisServer> {
  const port = await freePort();
  const binary = options.binary ?? REDIS_SERVER_BINARY;
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    tmpdir(),
  ];
  if (options.password !== undefined) args.push("--requirepass", options.password);
  const auth = options.password === undefined ? "" : `:${encodeURIComponent(options.password)}@`;
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);
  const server: TestRedisServer = {
    url: `redis://${auth}127.0.0.1:${port}`,
    port,
    start: async () => {
      if (child !== undefined) return;
      child = await spawnReady(binary, args, options.startTimeoutMs ?? 10_000);
      child.once("exit", () => {
        child = undefined;
      });
    },
    pause: () => {
      child?.kill("SIGSTOP");
    },
    resume: () => {
      child?.kill("SIGCONT");
    },
    stop: async () => {
      const running = child;
      if (running === undefined) return;
      running.kill("SIGCONT"); // a paused server would not hear SIGTERM
      await new Promise<void>((resolve) => {
        running.once("exit", () => resolve());
        running.kill("SIGTERM");
      });
      child = undefined;
    },
  };
  try {
    await server.start();
  } catch (error) {
    process.off("exit", killOnExit);
    throw error;
  }
  return server;
}

/** Resolves with the process once its log says it is ready; rejects when it exits or takes too long. */
function spawnReady(binary: string, args: readonly string[], timeoutMs: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${binary} ${args.join(" ")} did not start: ${reason}\n${log.slice(-2_000)}`));
    };
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms`), timeoutMs);
    const listen = (chunk: Buffer) => {
      log += chunk.toString();
      if (settled || !log.includes("Ready to accept connections")) return;
      settled = true;
      clearTimeout(timer);
      log = "";
      // Keep draining both pipes, so a full one never blocks the server.
      child.stdout?.off("data", listen);
      child.stdout?.resume();
      child.stderr?.removeAllListeners("data");
      child.stderr?.resume();
      resolve(child);
    };
    child.stdout?.on("data", listen);
    child.stderr?.on("data", (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code, signal) => fail(`it exited (${signal ?? code})`));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port")),
      );
    });
  });
}
