/**
 * Graceful shutdown: on SIGINT/SIGTERM stop accepting requests, let the ones in flight finish
 * (Fastify's close waits for them), close upstream connections and the store, say so in one line,
 * and exit 0. A stop that was asked for is a normal end, so whatever started the process (pnpm,
 * npm, a shell, systemd, Docker) reports success rather than a failure.
 *
 * One Ctrl-C can arrive more than once: the terminal signals the whole process group, and a
 * wrapper in it may pass the signal on to its child as well (npm does; pnpm does unless it runs
 * scripts through its shell emulator). Signals within a moment of the first are that same request.
 * A signal after that, a second Ctrl-C, exits at once without waiting for requests in flight.
 */

/** How long after the first signal a second one is taken as a relayed copy of it. */
export const SAME_STOP_REQUEST_MS = 1_000;

export interface StopOptions {
  /** What stops, as the user started it: `headgate demo`. */
  readonly name: string;
  readonly close: () => Promise<void>;
  readonly stderr: { write(text: string): unknown };
}

export function stopOnSignals(options: StopOptions): void {
  const onSignal = signalHandler({
    ...options,
    exit: (code) => process.exit(code),
    now: () => performance.now(),
  });
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
}

export interface SignalHandlerOptions extends StopOptions {
  readonly exit: (code: number) => void;
  /** Milliseconds on a monotonic clock. */
  readonly now: () => number;
}

/** The decision behind stopOnSignals, with the process's exit and clock passed in. */
export function signalHandler({ name, close, stderr, exit, now }: SignalHandlerOptions) {
  let firstSignalAt: number | undefined;
  return (signal: NodeJS.Signals): void => {
    if (firstSignalAt !== undefined) {
      if (now() - firstSignalAt < SAME_STOP_REQUEST_MS) return;
      stderr.write(`\n${name}: ${signal} again, exiting without waiting for requests in flight\n`);
      exit(130);
      return;
    }
    firstSignalAt = now();
    close().then(
      () => {
        stderr.write(`\n${name}: stopped (${signal}).\n`);
        exit(0);
      },
      (error: unknown) => {
        stderr.write(`\n${name}: stopped (${signal}), but closing failed: ${(error as Error).message}\n`);
        exit(1);
      },
    );
  };
}
