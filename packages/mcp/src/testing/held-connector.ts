/**
 * For tests of long calls: the memory connector over a dozen jobs, except that each scan waits
 * for `release()` (or for its own abort), and counts scans started and aborted.
 */
import { createMemoryConnector } from "@headgate/engine";
import { JOBS, jobRows } from "@headgate/engine/testing";

export type MemoryConnector = ReturnType<typeof createMemoryConnector>;

/** The memory connector, but each scan waits for `release()` (or for its own abort). */
export function heldConnector() {
  // Jobs alone: its navigation to Rfis has no target here.
  const jobs = { ...JOBS, entityType: { ...JOBS.entityType, navigation: [] } };
  const inner = createMemoryConnector({ entitySets: [{ definition: jobs, rows: jobRows(12) }] });
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const state = { started: 0, aborted: 0, release: () => release() };
  const connector: MemoryConnector = {
    ...inner,
    scan(request, stats) {
      return (async function* () {
        state.started++;
        await new Promise<void>((resolve, reject) => {
          void released.then(resolve);
          request.signal.addEventListener(
            "abort",
            () => {
              state.aborted++;
              reject(request.signal.reason);
            },
            { once: true },
          );
        });
        yield* inner.scan(request, stats);
      })();
    },
  };
  return { connector, state };
}
