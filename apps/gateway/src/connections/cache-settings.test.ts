import { describe, expect, it } from "vitest";
import { GatewayError } from "../errors/gateway-error.ts";
import { defaultCachePolicy, readCacheSettings } from "./cache-settings.ts";

const OFF = { ttlMs: 0, staleWhileRevalidateMs: 0 };
const FIVE_MINUTES = { ttlMs: 300_000, staleWhileRevalidateMs: 0 };

function refusal(cache: unknown, kind = "procore"): { target: string | undefined; message: string } {
  try {
    readCacheSettings({ cache }, kind);
  } catch (error) {
    if (error instanceof GatewayError && error.status === 400)
      return { target: error.target, message: error.message };
    throw error;
  }
  throw new Error("expected the cache settings to be refused");
}

describe("a connection's scan cache settings", () => {
  it("default per kind: SaaS upstreams cache for 5 minutes, databases not at all", () => {
    for (const kind of ["procore", "arcgis", "sharepoint"]) {
      expect(readCacheSettings({}, kind)).toEqual(FIVE_MINUTES);
      expect(defaultCachePolicy(kind)).toEqual(FIVE_MINUTES);
    }
    for (const kind of ["sql", "sage300", "memory", "toString"])
      expect(readCacheSettings({}, kind)).toEqual(OFF);
    expect(readCacheSettings({ cache: null }, "procore")).toEqual(FIVE_MINUTES);
  });

  it("turn caching off with off (or false)", () => {
    expect(readCacheSettings({ cache: "off" }, "procore")).toEqual(OFF);
    expect(readCacheSettings({ cache: "OFF" }, "procore")).toEqual(OFF);
    expect(readCacheSettings({ cache: false }, "procore")).toEqual(OFF);
  });

  it("take durations as seconds or as text with units", () => {
    expect(readCacheSettings({ cache: { ttl: 90 } }, "procore").ttlMs).toBe(90_000);
    expect(readCacheSettings({ cache: { ttl: "30s" } }, "procore").ttlMs).toBe(30_000);
    expect(readCacheSettings({ cache: { ttl: "1h" } }, "sql").ttlMs).toBe(3_600_000);
    expect(readCacheSettings({ cache: { ttl: "1h30m" } }, "sql").ttlMs).toBe(5_400_000);
    expect(readCacheSettings({ cache: { ttl: 0 } }, "procore").ttlMs).toBe(0);
    expect(readCacheSettings({ cache: { ttl: "off" } }, "procore").ttlMs).toBe(0);
  });

  it("fill what is left out from the kind's default", () => {
    expect(readCacheSettings({ cache: { staleWhileRevalidate: "1m" } }, "procore")).toEqual({
      ttlMs: 300_000,
      staleWhileRevalidateMs: 60_000,
    });
    expect(readCacheSettings({ cache: {} }, "sage300")).toEqual(OFF);
  });

  it("set a TTL per entity set, or switch one off, replacing the connection's", () => {
    const policy = readCacheSettings(
      {
        cache: { ttl: "10m", entitySets: { RFIs: { ttl: "30s" }, Vendors: "off", Projects: { ttl: "1h" } } },
      },
      "procore",
    );
    expect(policy).toEqual({
      ttlMs: 600_000,
      staleWhileRevalidateMs: 0,
      entitySets: { RFIs: { ttlMs: 30_000 }, Vendors: { ttlMs: 0 }, Projects: { ttlMs: 3_600_000 } },
    });
    // A database connection caching one slow view only.
    expect(readCacheSettings({ cache: { entitySets: { Costs: { ttl: "5m" } } } }, "sql")).toEqual({
      ttlMs: 0,
      staleWhileRevalidateMs: 0,
      entitySets: { Costs: { ttlMs: 300_000 } },
    });
  });

  it("name entity sets by the connector's own name, whether written with the connection's prefix or not", () => {
    const policy = readCacheSettings(
      { entitySetPrefix: "Procore_", cache: { entitySets: { Procore_RFIs: { ttl: 60 }, Vendors: "off" } } },
      "procore",
    );
    expect(policy.entitySets).toEqual({ RFIs: { ttlMs: 60_000 }, Vendors: { ttlMs: 0 } });
  });

  it("refuse a value that is not off or a mapping, naming the forms accepted", () => {
    expect(refusal("5m")).toEqual({
      target: "settings.cache",
      message:
        'settings.cache must be off, or a mapping { ttl, staleWhileRevalidate, entitySets }; found "5m".',
    });
    expect(refusal(["5m"])).toMatchObject({
      target: "settings.cache",
      message: expect.stringContaining("found a list"),
    });
  });

  it("refuse a duration they cannot read, naming the path, the value and the forms", () => {
    expect(refusal({ ttl: "5 minutes" })).toEqual({
      target: "settings.cache.ttl",
      message:
        'settings.cache.ttl must be off, or a number of seconds, or text such as 30s, 5m, 1h or 1h30m; found "5 minutes".',
    });
    expect(refusal({ ttl: -1 })).toMatchObject({
      target: "settings.cache.ttl",
      message: expect.stringContaining("found -1."),
    });
    expect(refusal({ staleWhileRevalidate: true })).toMatchObject({
      target: "settings.cache.staleWhileRevalidate",
      message: expect.stringContaining("found true."),
    });
  });

  it("refuse entity set entries that are not off or { ttl }", () => {
    expect(refusal({ entitySets: "RFIs" })).toEqual({
      target: "settings.cache.entitySets",
      message:
        'settings.cache.entitySets must be a mapping of entity set names to off or { ttl: <duration> }; found "RFIs".',
    });
    expect(refusal({ entitySets: { RFIs: 60 } })).toEqual({
      target: "settings.cache.entitySets.RFIs",
      message: "settings.cache.entitySets.RFIs must be off, or { ttl: <duration> }; found 60.",
    });
    expect(refusal({ entitySets: { RFIs: {} } })).toEqual({
      target: "settings.cache.entitySets.RFIs.ttl",
      message:
        "settings.cache.entitySets.RFIs.ttl must be off, or a number of seconds, or text such as 30s, 5m, 1h or 1h30m; found nothing.",
    });
    expect(refusal({ entitySets: { RFIs: { ttl: "soon" } } })).toMatchObject({
      target: "settings.cache.entitySets.RFIs.ttl",
    });
  });

  it("keep nothing longer than a day, and say why", () => {
    expect(readCacheSettings({ cache: { ttl: "24h" } }, "procore").ttlMs).toBe(86_400_000);
    const refused = refusal({ ttl: "2d" });
    expect(refused.target).toBe("settings.cache.ttl");
    expect(refused.message).toMatch(
      /^settings\.cache\.ttl is 48h, longer than 24h, the longest Headgate keeps a cached scan/,
    );
    expect(refused.message).toContain(
      "Procore's API usage guidelines call its API transactional and rule out bulk copies",
    );
    expect(refusal({ ttl: 86_401 }).target).toBe("settings.cache.ttl");
    expect(refusal({ entitySets: { RFIs: { ttl: "25h" } } }).target).toBe(
      "settings.cache.entitySets.RFIs.ttl",
    );
    expect(refusal({ staleWhileRevalidate: "2d" }).target).toBe("settings.cache.staleWhileRevalidate");
  });

  it("keep a scan's TTL and its stale answers together within a day", () => {
    expect(readCacheSettings({ cache: { ttl: "20h", staleWhileRevalidate: "4h" } }, "procore")).toEqual({
      ttlMs: 72_000_000,
      staleWhileRevalidateMs: 14_400_000,
    });
    expect(refusal({ ttl: "20h", staleWhileRevalidate: "5h" })).toEqual({
      target: "settings.cache.staleWhileRevalidate",
      message:
        "settings.cache.staleWhileRevalidate: a ttl of 20h plus 5h of stale answers would keep a scan longer than 24h, the longest Headgate keeps one (Procore's API usage guidelines rule out bulk copies). Shorten one of them.",
    });
    expect(
      refusal({ ttl: "1h", staleWhileRevalidate: "4h", entitySets: { RFIs: { ttl: "23h" } } }).target,
    ).toBe("settings.cache.staleWhileRevalidate");
    // Nothing cached: stale answers have nothing to keep.
    expect(readCacheSettings({ cache: { ttl: 0, staleWhileRevalidate: "24h" } }, "procore").ttlMs).toBe(0);
  });
});
