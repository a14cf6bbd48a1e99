import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runHeadgate } from "../../testing/headgate-process.ts";
import { SAME_STOP_REQUEST_MS, signalHandler } from "./stop-on-signals.ts";

describe("a stop asked for with a signal", () => {
  const setUp = (close: () => Promise<void> = async () => {}) => {
    let clock = 0;
    const exits: number[] = [];
    let written = "";
    const onSignal = signalHandler({
      name: "headgate demo",
      close,
      stderr: { write: (text: string) => (written += text) },
      exit: (code) => exits.push(code),
      now: () => clock,
    });
    return {
      onSignal,
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
    const stop = setUp(async () => {
      closed = true;
    });
    stop.onSignal("SIGINT");
    await settle();
    expect(closed).toBe(true);
    expect(stop.written()).toBe("\nheadgate demo: stopped (SIGINT).\n");
    expect(stop.exits).toEqual([0]);
  });

  it("takes the copies a wrapper relays right after the first signal as the same request", async () => {
    const stop = setUp();
    stop.onSignal("SIGINT");
    stop.advance(SAME_STOP_REQUEST_MS - 1);
    stop.onSignal("SIGINT");
    await settle();
    expect(stop.exits).toEqual([0]);
  });

  it("exits at once with 130 on a second signal later, while requests are still finishing", () => {
    const stop = setUp(() => new Promise(() => {}));
    stop.onSignal("SIGINT");
    stop.advance(SAME_STOP_REQUEST_MS);
    stop.onSignal("SIGINT");
    expect(stop.exits).toEqual([130]);
    expect(stop.written()).toContain("SIGINT again, exiting without waiting for requests in flight");
  });

  it("exits 1 and says why when closing fails", async () => {
    const stop = setUp(async () => {
      throw new Error("the store would not close");
    });
    stop.onSignal("SIGTERM");
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
