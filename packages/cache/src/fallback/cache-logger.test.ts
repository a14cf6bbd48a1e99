import { describe, expect, it } from "vitest";
import { type CacheLogger, DeferredCacheLogger } from "./cache-logger.ts";

function recording(): CacheLogger & { readonly lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    warn: (details, message) => lines.push(`warn ${JSON.stringify(details)} ${message}`),
    info: (details, message) => lines.push(`info ${JSON.stringify(details)} ${message}`),
  };
}

describe("DeferredCacheLogger", () => {
  it("keeps what it is told until a logger is attached, then forwards", () => {
    const deferred = new DeferredCacheLogger();
    deferred.warn({ reason: "gone" }, "lost");
    const target = recording();
    deferred.attach(target);
    deferred.info({ degradedForMs: 5 }, "back");
    expect(target.lines).toEqual(['warn {"reason":"gone"} lost', 'info {"degradedForMs":5} back']);
  });

  it("keeps at most MAX_KEPT lines before it is attached", () => {
    const deferred = new DeferredCacheLogger();
    for (let i = 0; i < DeferredCacheLogger.MAX_KEPT + 5; i++) deferred.warn({ i }, "flap");
    const target = recording();
    deferred.attach(target);
    expect(target.lines).toHaveLength(DeferredCacheLogger.MAX_KEPT);
  });
});
