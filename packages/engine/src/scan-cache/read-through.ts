/**
 * Reading one scan through the shared cache: a fresh entry answers at once; a missing one is
 * read by exactly one caller on any replica (a lease in the cache) while the others wait for its
 * entry; a stale one answers while one caller refreshes it in the background, when the policy
 * allows stale answers at all. An expired entry is kept a while longer than it answers (the
 * `retainMs`), so that a connector that can list changes refreshes it instead of reading it whole.
 */
import type { Cache } from "@headgate/cache";
import { sleep } from "@headgate/connector-kit";
import { type CachedScan, decodeCachedScan, encodeCachedScan } from "./cached-scan-entry.ts";

export interface ReadThrough {
  readonly cache: Cache;
  readonly ttlMs: number;
  readonly staleWhileRevalidateMs: number;
  /** How long an entry stays in the cache: at least its TTL and stale time, longer to be refreshed. */
  readonly retainMs: number;
  /** Largest scan kept, in rows; larger scans are answered but not kept. */
  readonly maxRows: number;
  /** Epoch ms. */
  readonly now: () => number;
}

export type Lookup =
  | { readonly state: "fresh"; readonly scan: CachedScan }
  | { readonly state: "stale"; readonly scan: CachedScan }
  /** Too old to answer; the base of an incremental refresh. */
  | { readonly state: "expired"; readonly scan: CachedScan }
  | { readonly state: "missing" };

export async function lookUp(rt: ReadThrough, key: string): Promise<Lookup> {
  const scan = decodeCachedScan(await rt.cache.get(key));
  if (scan === undefined) return { state: "missing" };
  const age = rt.now() - scan.fetchedAt;
  if (age <= rt.ttlMs) return { state: "fresh", scan };
  return age <= rt.ttlMs + rt.staleWhileRevalidateMs ? { state: "stale", scan } : { state: "expired", scan };
}

export interface LoadContext {
  readonly signal: AbortSignal;
  readonly deadline: number;
  /** A waiting caller accepts another caller's entry only if it was read at or after this. */
  readonly notBefore: number;
}

/** Reads the scan upstream once across replicas and keeps it; waits for another reader's entry. */
export async function loadShared(
  rt: ReadThrough,
  key: string,
  load: () => Promise<CachedScan>,
  ctx: LoadContext,
): Promise<CachedScan> {
  let pollMs = 25;
  for (;;) {
    const lease = await rt.cache.tryLock(key, leaseMs(ctx.deadline, rt.now()));
    if (lease !== undefined) {
      try {
        const scan = await load();
        await keep(rt, key, scan);
        return scan;
      } finally {
        await rt.cache.unlock(key, lease);
      }
    }
    await sleep(pollMs, ctx.signal);
    pollMs = Math.min(pollMs * 2, 400);
    const found = decodeCachedScan(await rt.cache.get(key));
    if (found !== undefined && found.fetchedAt >= ctx.notBefore) return found;
    ctx.signal.throwIfAborted();
  }
}

/** One background refresh of a stale entry, unless another caller is already refreshing it. */
export async function refreshInBackground(
  rt: ReadThrough,
  key: string,
  load: (signal: AbortSignal, deadline: number) => Promise<CachedScan>,
  onError: (error: unknown) => void,
): Promise<void> {
  const deadline = rt.now() + BACKGROUND_DEADLINE_MS;
  const lease = await rt.cache.tryLock(key, BACKGROUND_DEADLINE_MS);
  if (lease === undefined) return;
  try {
    await keep(rt, key, await load(AbortSignal.timeout(BACKGROUND_DEADLINE_MS), deadline));
  } catch (error) {
    onError(error);
  } finally {
    await rt.cache.unlock(key, lease);
  }
}

const BACKGROUND_DEADLINE_MS = 120_000;

async function keep(rt: ReadThrough, key: string, scan: CachedScan): Promise<void> {
  if (scan.rows.length > rt.maxRows) return;
  const entry = encodeCachedScan(scan);
  if (entry === undefined) return;
  await rt.cache.set(key, entry, rt.retainMs);
}

/** The lease outlives the load it guards, or a second replica would start the same read. */
function leaseMs(deadline: number, now: number): number {
  return Math.max(1_000, Math.min(deadline - now + 1_000, BACKGROUND_DEADLINE_MS));
}
