import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runHeadgate } from "../../testing/headgate-process.ts";
import { createStopper, SAME_STOP_REQUEST_MS } from "./stop-on-signals.ts";

describe("a stop asked for with a signal", () => {
  const setUp = () => {
    let clock = 0;
    const exits: number[] = [];
    let written = "";
    const stopper = createStopper({
      name: "headgate demo",
      stderr: { write: (text: string) => (written += text) },
      exit: (code) => exits.push(code),
      now: () => clock,
    });
    return {
      stopper,
      exits,
      written: () => written,
      advance: (ms: number) => {
        clock += ms;
      },
    };
  };
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  it("closes, says it stopped and exits 0", async () => {
    let closed = false;
    const stop = setUp();
    stop.stopper.started(async () => {
      closed = true;
    });
    stop.stopper.onSignal("SIGINT");
    await settle();
    expect(closed).toBe(true);
    expect(stop.written()).toBe("\nheadgate demo: stopped (SIGINT).\n");
    expect(stop.exits).toEqual([0]);
  });

  it("that comes while starting closes as soon as start-up is over, and exits 0", async () => {
    let closed = false;
    const stop = setUp();
    stop.stopper.onSignal("SIGTERM");
    await settle();
    expect(stop.exits).toEqual([]);
    expect(stop.written()).toContain("SIGTERM while starting; stopping as soon as it has started");
    stop.stopper.started(async () => {
      closed = true;
    });
    await settle();
    expect(closed).toBe(true);
    expect(stop.written()).toContain("headgate demo: stopped (SIGTERM).");
    expect(stop.exits).toEqual([0]);
  });

  it("that came while the modules loaded, before anything started, stops at once with exit 0", () => {
    const stop = setUp();
    stop.stopper.beforeStart("SIGINT");
    expect(stop.written()).toBe("\nheadgate demo: stopped (SIGINT) before it started.\n");
    expect(stop.exits).toEqual([0]);
  });

  it("takes the copies a wrapper relays right after the first signal as the same request", async () => {
    const stop = setUp();
    stop.stopper.started(async () => {});
    stop.stopper.onSignal("SIGINT");
    stop.advance(SAME_STOP_REQUEST_MS - 1);
    stop.stopper.onSignal("SIGINT");
    await settle();
    expect(stop.exits).toEqual([0]);
  });

  it("exits at once with 130 on a second signal later, while requests are still finishing", () => {
    const stop = setUp();
    stop.stopper.started(() => new Promise(() => {}));
    stop.stopper.onSignal("SIGINT");
    stop.advance(SAME_STOP_REQUEST_MS);
    stop.stopper.onSignal("SIGINT");
    expect(stop.exits).toEqual([130]);
    expect(stop.written()).toContain("SIGINT again, exiting without waiting for requests in flight");
  });

  it("exits 1 and says why when closing fails", async () => {
    const stop = setUp();
    stop.stopper.started(async () => {
      throw new Error("the store would not close");
    });
    stop.stopper.onSignal("SIGTERM");
    await settle();
    expect(stop.exits).toEqual([1]);
    expect(stop.written()).toContain("closing failed: the store would not close");
  });
});

describe("Ctrl-C on a running headgate process", () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  const cases: { command: string; ready: string; env: Record<string, string> }[] = [
    { command: "serve", ready: "Server listening at", env: { HEADGATE_PUBLIC_URL: "http://127.0.0.1" } },
    { command: "demo", ready: "Stop with Ctrl-C", env: {} },
  ];

  it.each(cases)(
    "`headgate $command` stops gracefully, says so and exits 0",
    async ({ command, ready, env }) => {
      dataDir = await mkdtemp(join(tmpdir(), "headgate-stop-"));
      const run = runHeadgate([command], {
        env: { ...env, PORT: "0", HOST: "127.0.0.1", HEADGATE_DATA_DIR: dataDir },
      });
      await run.printed(ready);
      run.child.kill("SIGINT");
      const { code, signal } = await run.exit;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(run.stderr()).toContain(`headgate ${command}: stopped (SIGINT).`);
    },
  );
});
