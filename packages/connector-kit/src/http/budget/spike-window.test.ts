/**
 * The spike window's bucket and which window a set of headers describes.
 */
import { describe, expect, it } from "vitest";
import { checkSpikeWindow, describesSpike, spikeBucket } from "./spike-window.ts";

const NOW = 1_750_000_000_000;

describe("spikeBucket", () => {
  it("bursts a fifth of the window and refills the rest over a tenth more than it", () => {
    expect(spikeBucket({ limit: 25, windowMs: 10_000 })).toEqual({ burst: 5, ratePerSecond: 20 / 11 });
    for (const limit of [2, 4, 25, 100, 1200]) {
      const { burst, ratePerSecond } = spikeBucket({ limit, windowMs: 10_000 });
      expect(burst).toBeGreaterThanOrEqual(1);
      // A full bucket plus the refill of a window and a tenth: what that span can ever start.
      expect(burst + ratePerSecond * 11).toBeCloseTo(limit, 9);
    }
  });

  it("lets a limit of one go once per window and a tenth", () => {
    expect(spikeBucket({ limit: 1, windowMs: 10_000 })).toEqual({ burst: 1, ratePerSecond: 1 / 11 });
  });

  it("refuses a window no upstream can mean", () => {
    expect(() => checkSpikeWindow({ limit: 0, windowMs: 10_000 })).toThrow(RangeError);
    expect(() => checkSpikeWindow({ limit: 2.5, windowMs: 10_000 })).toThrow(RangeError);
    expect(() => checkSpikeWindow({ limit: 25, windowMs: 0 })).toThrow(RangeError);
  });
});

describe("describesSpike", () => {
  const spike = { limit: 25, windowMs: 10_000 };
  const window = (inMs: number) => ({ remaining: 3, resetAt: NOW + inMs });

  it("is the spike window when the reset is about a spike window away", () => {
    expect(describesSpike(window(7_000), spike, NOW, undefined)).toBe(true);
    expect(describesSpike(window(11_000), spike, NOW, undefined)).toBe(true);
    expect(describesSpike(window(40_000), spike, NOW, undefined)).toBe(false);
    expect(describesSpike(window(3_000_000), spike, NOW, undefined)).toBe(false);
  });

  it("is the long window in its last seconds when the reset is the long window's", () => {
    expect(describesSpike(window(5_000), spike, NOW, NOW + 5_000)).toBe(false);
    expect(describesSpike(window(5_000), spike, NOW, NOW + 3_600_000)).toBe(true);
  });

  it("is never a spike window for an upstream without one", () => {
    expect(describesSpike(window(5_000), undefined, NOW, undefined)).toBe(false);
  });
});
