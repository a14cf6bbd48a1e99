/**
 * A soft deadline: past it, a page stops gathering rows and answers with what it has instead of
 * failing (ChatGPT Actions give up after 45 s; an honest partial answer beats a timeout). The
 * main scan is cut between upstream pages, without waiting for a slow page in flight, and the
 * query's signal is aborted so connectors stop working for nobody.
 */

const REACHED = Symbol("soft deadline reached");

export interface SoftDeadline {
  /** True once the deadline passed. */
  readonly reached: () => boolean;
  /** Resolves when the deadline passes (never rejects). */
  readonly whenReached: Promise<typeof REACHED>;
}

/** Starts the clock; `onReached` runs once, after `reached()` turned true. */
export function startSoftDeadline(ms: number, onReached: () => void): SoftDeadline & { dispose(): void } {
  let reached = false;
  let resolve: (value: typeof REACHED) => void = () => {};
  const whenReached = new Promise<typeof REACHED>((r) => {
    resolve = r;
  });
  const timer = setTimeout(() => {
    reached = true;
    resolve(REACHED);
    onReached();
  }, ms);
  return { reached: () => reached, whenReached, dispose: () => clearTimeout(timer) };
}

export interface CutStream<T> {
  readonly items: AsyncIterable<T>;
  /** True when the deadline ended the stream before its source did. */
  readonly cutShort: () => boolean;
}

/**
 * The source's items until the deadline; then the stream just ends. A failure the deadline's
 * abort caused (a connector rejecting its aborted request) also just ends it.
 */
export function untilSoftDeadline<T>(
  source: AsyncIterable<T>,
  deadline: SoftDeadline | undefined,
): CutStream<T> {
  if (deadline === undefined) return { items: source, cutShort: () => false };
  const clock = deadline;
  let cut = false;
  async function* items(): AsyncIterable<T> {
    const iterator = source[Symbol.asyncIterator]();
    let finished = false;
    try {
      while (!clock.reached()) {
        const next = await Promise.race([iterator.next(), clock.whenReached]).catch(
          (error: unknown): typeof REACHED => {
            if (clock.reached()) return REACHED;
            throw error;
          },
        );
        if (next === REACHED) break;
        if (next.done) {
          finished = true;
          return;
        }
        yield next.value;
      }
      cut = true;
    } finally {
      if (!finished) await close(iterator, cut);
    }
  }
  return { items: items(), cutShort: () => cut };
}

/** Closes the source; cut short, it may still be awaiting a page: ask it to close, do not wait. */
async function close<T>(iterator: AsyncIterator<T>, cut: boolean): Promise<void> {
  const closing = iterator.return?.();
  if (cut) closing?.catch(() => {});
  else await closing;
}
