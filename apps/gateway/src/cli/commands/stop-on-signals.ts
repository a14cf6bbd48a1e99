/**
 * Graceful shutdown: on SIGINT/SIGTERM stop accepting requests, let the ones in flight finish
 * (Fastify's close waits for them), close upstream connections and the store, say so in one line,
 * and exit 0. A stop that was asked for is a normal end, so whatever started the process (pnpm,
 * npm, a shell, systemd, Docker) reports success rather than a failure.
 *
 * The handlers are installed before start-up begins, so a Ctrl-C that comes while the server is
 * starting (or the instant it says it is ready) is a stop too, carried out once it has started,
 * rather than the default that kills the process. One that came even earlier, while the modules
 * loaded, was held by the executable (bin/early-signals.mjs): nothing has started, so the command
 * stops at once.
 *
 * One Ctrl-C can arrive more than once: the terminal signals the whole process group, and a
 * wrapper in it may pass the signal on to its child as well (npm does; pnpm does unless it runs
 * scripts through its shell emulator). Signals within a moment of the first are that same request.
 * A signal after that, a second Ctrl-C, exits at once without waiting for requests in flight.
 */

import { releaseSignals } from "../../../bin/early-signals.mjs";

/** How long after the first signal a second one is taken as a relayed copy of it. */
export const SAME_STOP_REQUEST_MS = 1_000;

export interface StopOptions {
  /** What stops, as the user started it: `headgate demo`. */
  readonly name: string;
  readonly stderr: { write(text: string): unknown };
}

export interface Stopper {
  /** Start-up is over: a stop closes what `close` closes, at once if a signal already came. */
  started(close: () => Promise<void>): void;
}

export function stopOnSignals(options: StopOptions): Stopper {
  const stopper = createStopper({
    ...options,
    exit: (code) => process.exit(code),
    now: () => performance.now(),
  });
  process.on("SIGINT", stopper.onSignal);
  process.on("SIGTERM", stopper.onSignal);
  const [early] = releaseSignals();
  if (early !== undefined) stopper.beforeStart(early);
  return stopper;
}

export interface StopperOptions extends StopOptions {
  readonly exit: (code: number) => void;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
}

/** The decisions behind stopOnSignals, with the process's exit and clock passed in. */
export function createStopper({ name, stderr, exit, now }: StopperOptions) {
  let first: { readonly signal: NodeJS.Signals; readonly at: number } | undefined;
  let close: (() => Promise<void>) | undefined;
  const stop = (signal: NodeJS.Signals, closing: () => Promise<void>) =>
    closing().then(
      () => {
        stderr.write(`\n${name}: stopped (${signal}).\n`);
        exit(0);
      },
      (error: unknown) => {
        stderr.write(`\n${name}: stopped (${signal}), but closing failed: ${(error as Error).message}\n`);
        exit(1);
      },
    );
  return {
    onSignal(signal: NodeJS.Signals): void {
      if (first !== undefined) {
        if (now() - first.at < SAME_STOP_REQUEST_MS) return;
        stderr.write(`\n${name}: ${signal} again, exiting without waiting for requests in flight\n`);
        exit(130);
        return;
      }
      first = { signal, at: now() };
      if (close) void stop(signal, close);
      else stderr.write(`\n${name}: ${signal} while starting; stopping as soon as it has started\n`);
    },
    started(closing: () => Promise<void>): void {
      close = closing;
      if (first !== undefined) void stop(first.signal, closing);
    },
    /** A signal came before start-up began: there is nothing to close. */
    beforeStart(signal: NodeJS.Signals): void {
      first = { signal, at: now() };
      stderr.write(`\n${name}: stopped (${signal}) before it started.\n`);
      exit(0);
    },
  };
}
