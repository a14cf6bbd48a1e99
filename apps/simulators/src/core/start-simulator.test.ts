import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./start-simulator.ts";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({
    name: "echo",
    routes: (app) => {
      app.get("/items", async () => ({ items: [1, 2, 3], note: "a body long enough to cut in half" }));
    },
    renderFailure: (kind, reply, retryAfter) => {
      if (retryAfter !== undefined) reply.header("Retry-After", String(retryAfter));
      const status = kind === "rateLimit" ? 429 : kind === "unavailable" ? 503 : 500;
      return reply.code(status).send({ error: kind });
    },
  });
});
afterAll(() => sim.close());
beforeEach(() => sim.faults.reset());

describe("a simulator's fault switches", () => {
  it("serves normally on loopback with no faults set", async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${sim.url}/items`);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { items: number[] }).items).toEqual([1, 2, 3]);
  });

  it("forces 429 the given number of times, rendered by the simulator, then recovers", async () => {
    sim.faults.set({ rateLimit: { times: 2, retryAfterSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${sim.url}/items`);
      expect(response.status).toBe(429);
      expect(response.headers.get("retry-after")).toBe("3");
    }
    expect((await fetch(`${sim.url}/items`)).status).toBe(200);
  });

  it("forces 503, and a single 500", async () => {
    sim.faults.set({ unavailable: { times: 1 }, serverErrorOnce: true });
    expect((await fetch(`${sim.url}/items`)).status).toBe(503);
    expect((await fetch(`${sim.url}/items`)).status).toBe(500);
    expect((await fetch(`${sim.url}/items`)).status).toBe(200);
  });

  it("truncates or replaces JSON bodies", async () => {
    sim.faults.set({ brokenJson: { times: 1, mode: "truncated" } });
    await expect((await fetch(`${sim.url}/items`)).json()).rejects.toThrow();
    sim.faults.set({ brokenJson: { times: 1, mode: "malformed" } });
    expect(await (await fetch(`${sim.url}/items`)).text()).toContain("<html>");
    expect(((await (await fetch(`${sim.url}/items`)).json()) as { items: number[] }).items).toEqual([
      1, 2, 3,
    ]);
  });

  it("adds latency", async () => {
    sim.faults.set({ latencyMs: 60 });
    const t0 = performance.now();
    await fetch(`${sim.url}/items`);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(55);
  });

  it("can be switched over HTTP on a standalone simulator", async () => {
    await fetch(`${sim.url}/_simulator/faults`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ serverErrorOnce: true }),
    });
    expect((await fetch(`${sim.url}/items`)).status).toBe(500);
    expect(await (await fetch(`${sim.url}/_simulator/faults`)).json()).toEqual({ serverErrorOnce: false });
  });
});
