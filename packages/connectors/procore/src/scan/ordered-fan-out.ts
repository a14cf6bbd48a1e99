/**
 * Reads several sources at once (at most `concurrency` running) but yields their pages in source
 * order, so a fan-out over projects answers in the same order every time (the engine's
 * continuation tokens rely on that). A source that finishes early frees its slot for the next
 * one even while an earlier, slower source is still being read, up to `concurrency * 4` sources
 * ahead of the one being yielded (that bounds what waits in memory). Stopping early aborts the
 * sources still running.
 */

type Source<T> = (signal: AbortSignal) => AsyncIterable<T>;

interface Buffer<T> {
  readonly items: T[];
  done: boolean;
  error?: unknown;
  wake?: () => void;
}

const LOOKAHEAD_PER_SLOT = 4;

export async function* orderedFanOut<T>(
  sources: readonly Source<T>[],
  concurrency: number,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const inner = AbortSignal.any([signal, controller.signal]);
  const slots = Math.max(1, concurrency);
  const buffers: Buffer<T>[] = [];
  let running = 0;
  let yielding = 0;
  const fill = () => {
    while (
      running < slots &&
      buffers.length < sources.length &&
      buffers.length < yielding + slots * LOOKAHEAD_PER_SLOT
    )
      start(sources[buffers.length]!);
  };
  const start = (source: Source<T>) => {
    const buffer: Buffer<T> = { items: [], done: false };
    buffers.push(buffer);
    running += 1;
    void (async () => {
      try {
        for await (const item of source(inner)) {
          buffer.items.push(item);
          buffer.wake?.();
        }
      } catch (error) {
        buffer.error = error;
      } finally {
        buffer.done = true;
        running -= 1;
        if (!inner.aborted) fill();
        buffer.wake?.();
      }
    })();
  };
  try {
    fill();
    for (; yielding < sources.length; yielding++) {
      fill();
      const buffer = buffers[yielding];
      if (!buffer) break;
      yield* drain(buffer);
    }
  } finally {
    controller.abort();
  }
}

async function* drain<T>(buffer: Buffer<T>): AsyncGenerator<T> {
  for (;;) {
    const item = buffer.items.shift();
    if (item !== undefined) {
      yield item;
      continue;
    }
    if (buffer.error !== undefined) throw buffer.error;
    if (buffer.done) return;
    await new Promise<void>((resolve) => {
      buffer.wake = resolve;
    });
    buffer.wake = undefined;
  }
}
