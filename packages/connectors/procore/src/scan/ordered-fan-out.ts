/**
 * Reads several sources at once (at most `concurrency` in flight) but yields their pages in
 * source order, so a fan-out over projects answers in the same order every time (the engine's
 * continuation tokens rely on that). Stopping early aborts the sources still running.
 */

type Source<T> = (signal: AbortSignal) => AsyncIterable<T>;

interface Buffer<T> {
  readonly items: T[];
  done: boolean;
  error?: unknown;
  wake?: () => void;
}

export async function* orderedFanOut<T>(
  sources: readonly Source<T>[],
  concurrency: number,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const controller = new AbortController();
  const inner = AbortSignal.any([signal, controller.signal]);
  const buffers: Buffer<T>[] = [];
  let started = 0;
  const start = () => {
    const source = sources[started];
    if (!source) return;
    started += 1;
    const buffer: Buffer<T> = { items: [], done: false };
    buffers.push(buffer);
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
        buffer.wake?.();
      }
    })();
  };
  try {
    for (let i = 0; i < Math.max(1, concurrency); i++) start();
    for (let index = 0; index < sources.length; index++) {
      const buffer = buffers[index];
      if (!buffer) break;
      for (;;) {
        const item = buffer.items.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (buffer.error !== undefined) throw buffer.error;
        if (buffer.done) break;
        await new Promise<void>((resolve) => {
          buffer.wake = resolve;
        });
        buffer.wake = undefined;
      }
      start();
    }
  } finally {
    controller.abort();
  }
}
