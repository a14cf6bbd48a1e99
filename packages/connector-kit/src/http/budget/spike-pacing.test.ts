/**
 * Pacing inside the spike window, across two replicas sharing one cache: the server counts
 * when each request arrived, and no window-long span holds more requests than the limit.
 * Counts per window are checked, never durations.
 */
import { afterEach, describe, expect, it } from "vitest";
import { contextFor, type LocalServer, startLocalServer } from "../testing/local-server.ts";
import { CACHE_BACKENDS, replicaOf, type SharedCaches } from "./testing/budget-replicas.ts";

let server: LocalServer | undefined;
let caches: SharedCaches | undefined;
afterEach(async () => {
  await server?.close();
  await caches?.close();
  server = undefined;
  caches = undefined;
});

/** The most arrivals within any span of `windowMs` starting at an arrival (half-open, as upstreams count). */
function busiestWindow(arrivals: readonly number[], windowMs: number): number {
  const sorted = [...arrivals].sort((a, b) => a - b);
  return Math.max(...sorted.map((start) => sorted.filter((t) => t >= start && t < start + windowMs).length));
}

describe.each(CACHE_BACKENDS)("requests paced through $name", (backend) => {
  it("never start more than the spike limit within any window, whichever replica sends them", async () => {
    const spike = { limit: 4, windowMs: 500 };
    const arrivals: number[] = [];
    server = await startLocalServer((request) => {
      if (request.url !== "/warm-up") arrivals.push(performance.now());
      return { body: [] };
    });
    // The process's first fetch loads its HTTP client; that one-off delay is not what is tested.
    await (await fetch(`${server.url}/warm-up`)).text();
    caches = await backend.open();
    const replicas = caches.replicas.map((cache) => replicaOf(server!, cache, { spike }, { concurrency: 4 }));
    const reads = Array.from({ length: 14 }, (_, i) => {
      const { client } = replicas[i % 2]!;
      return client.getJson(client.url(`/rest/v1.0/projects/${i}/rfis`), contextFor(20_000));
    });
    await Promise.all(reads);
    expect(arrivals).toHaveLength(14);
    expect(busiestWindow(arrivals, spike.windowMs)).toBeLessThanOrEqual(spike.limit);
  });
});
