import { describe, expect, it } from "vitest";
import { ConfigError } from "./config-error.ts";
import { parseConfig } from "./parse-config.ts";
import { DEFAULT_LIMITS } from "./validate-config.ts";

const HEAD = "version: 1\nworkspaces: [{name: acme}]\n";

function limitsOf(section: string) {
  return parseConfig(`${HEAD}${section}`).limits;
}

function problems(section: string): string[] {
  try {
    parseConfig(`${HEAD}${section}`);
  } catch (error) {
    if (error instanceof ConfigError)
      return error.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
    throw error;
  }
  throw new Error("expected the limits to be refused");
}

describe("the limits section of headgate.yaml", () => {
  it("limits every key and every workspace by default, far above one person's use", () => {
    expect(limitsOf("")).toEqual({
      maxPageSize: 1000,
      timeoutMs: 30_000,
      perKey: { requestsPerMinute: 600, burst: 300 },
      perWorkspace: { requestsPerMinute: 3000, burst: 1500 },
    });
    expect(limitsOf("limits: {maxPageSize: 50}\n")).toEqual({ ...DEFAULT_LIMITS, maxPageSize: 50 });
  });

  it("takes a rate and a burst per key and per workspace", () => {
    const limits = limitsOf(
      "limits:\n  perKey: {requestsPerMinute: 300, burst: 60}\n  perWorkspace: {requestsPerMinute: 1200, burst: 200}\n",
    );
    expect(limits.perKey).toEqual({ requestsPerMinute: 300, burst: 60 });
    expect(limits.perWorkspace).toEqual({ requestsPerMinute: 1200, burst: 200 });
  });

  it("gives a burst of half a minute of the rate when only the rate is set, the default rate when only the burst is", () => {
    const limits = limitsOf("limits:\n  perKey: {requestsPerMinute: 61}\n  perWorkspace: {burst: 10}\n");
    expect(limits.perKey).toEqual({ requestsPerMinute: 61, burst: 31 });
    expect(limits.perWorkspace).toEqual({ requestsPerMinute: 3000, burst: 10 });
  });

  it("switches either limit off", () => {
    const limits = limitsOf("limits:\n  perKey: off\n  perWorkspace: false\n");
    expect(limits.perKey).toBe("off");
    expect(limits.perWorkspace).toBe("off");
  });

  it("refuses other values, naming the line, the path and the accepted forms", () => {
    expect(
      problems("limits:\n  perKey: {requestsPerMinut: 300, burst: 0}\n  perWorkspace: 1200\n  perkey: off\n"),
    ).toEqual([
      "6:11 limits.perkey: unknown setting 'perkey'; did you mean 'perKey'?",
      "4:30 limits.perKey.requestsPerMinut: unknown setting 'requestsPerMinut'; did you mean 'requestsPerMinute'?",
      "4:42 limits.perKey.burst: expected a whole number from 1 to 1000000, found number 0",
      "5:17 limits.perWorkspace: expected off, or a mapping such as { requestsPerMinute: 3000, burst: 1500 }, found number 1200",
    ]);
  });
});
