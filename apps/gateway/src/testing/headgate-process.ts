/**
 * The `headgate` command as a user runs it: the package's `bin` executed as its own process, so
 * tests see what a shell sees (exit code, signal, stdout, stderr). The environment is the test
 * runner's without the settings that would point the command at shared state (a DATABASE_URL,
 * REDIS_URL, a data directory, pnpm's INIT_CWD), plus what the test passes.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const PACKAGE_DIR = join(import.meta.dirname, "../..");

/** The executable the package's `bin.headgate` names, as an absolute path. */
export function headgateBin(): string {
  const manifest = JSON.parse(readFileSync(join(PACKAGE_DIR, "package.json"), "utf8")) as {
    bin?: Record<string, string>;
  };
  const bin = manifest.bin?.headgate;
  if (!bin) throw new Error("apps/gateway/package.json declares no bin.headgate");
  return join(PACKAGE_DIR, bin);
}

export interface HeadgateProcess {
  readonly child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout has printed `text`; rejects if the process ends first. */
  printed(text: string): Promise<void>;
  /** Resolves when the process has ended. */
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export interface RunOptions {
  /** The command to execute; the package's bin when left out. */
  readonly command?: string;
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
}

const SHARED_STATE_VARIABLES = /^(DATABASE_URL|REDIS_URL|HEADGATE_.*|INIT_CWD|PORT|HOST)$/;

export function runHeadgate(args: readonly string[], options: RunOptions = {}): HeadgateProcess {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !SHARED_STATE_VARIABLES.test(name)),
  );
  const child = spawn(options.command ?? headgateBin(), [...args], {
    cwd: options.cwd ?? PACKAGE_DIR,
    env: { ...env, ...options.env },
  });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const check of waiters) check();
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal }));
  });
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!stdout.includes(text)) return;
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
      void exit.then(() => {
        if (!waiters.has(check)) return;
        waiters.delete(check);
        reject(
          new Error(`headgate ended before printing '${text}'.\nstdout:\n${stdout}\nstderr:\n${stderr}`),
        );
      });
    });
  return { child, stdout: () => stdout, stderr: () => stderr, printed, exit };
}
