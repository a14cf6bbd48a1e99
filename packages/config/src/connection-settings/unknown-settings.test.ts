import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { KIND_SETTINGS, type SettingFields } from "./kind-settings.ts";
import { assertKnownSettings, unknownSettings } from "./unknown-settings.ts";

const KINDS = Object.keys(KIND_SETTINGS) as (keyof typeof KIND_SETTINGS)[];
const VALUE = "v4lue-n0t-to-echo";

/** An object of `fields` with some of them set, nested settings filled the same way. */
function knownObject(fields: SettingFields): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([name, spec]) => {
    const value: fc.Arbitrary<unknown> = spec.fields
      ? knownObject(spec.fields)
      : spec.items
        ? fc.array(knownObject(spec.items), { maxLength: 2 })
        : spec.values
          ? fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), knownObject(spec.values), {
              maxKeys: 2,
            })
          : fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    return [name, value] as const;
  });
  return fc.record(Object.fromEntries(entries), { requiredKeys: [] });
}

describe("the settings a connection kind takes", () => {
  it("accepts any combination of the settings and secrets a kind declares, at any depth", () => {
    for (const kind of KINDS) {
      const known = KIND_SETTINGS[kind]!;
      const secrets = fc
        .subarray(Object.keys(known.secrets))
        .map((names) => Object.fromEntries(names.map((n) => [n, VALUE])));
      fc.assert(
        fc.property(knownObject(known.settings), secrets, (settings, given) => {
          expect(unknownSettings(kind, settings, given)).toEqual([]);
        }),
        { numRuns: 50 },
      );
    }
  });

  it("refuses every name a kind does not declare, once each, naming its path and never its value", () => {
    const unknownName = (kind: (typeof KINDS)[number]) =>
      fc
        .string({ minLength: 1, maxLength: 20 })
        .filter(
          (name) =>
            !Object.hasOwn(KIND_SETTINGS[kind]!.settings, name) &&
            !Object.hasOwn(KIND_SETTINGS[kind]!.secrets, name),
        );
    for (const kind of KINDS) {
      fc.assert(
        fc.property(unknownName(kind), unknownName(kind), (setting, secret) => {
          const problems = unknownSettings(kind, { [setting]: VALUE }, { [secret]: VALUE });
          expect(problems.map((p) => p.path)).toEqual([
            ["settings", setting],
            ["secrets", secret],
          ]);
          expect(problems.map((p) => p.message).join()).not.toContain(VALUE);
        }),
        { numRuns: 30 },
      );
    }
  });

  it("suggests the nearest name, and lists the names when none is near", () => {
    expect(unknownSettings("sql", { tabels: [] }, {})).toEqual([
      {
        path: ["settings", "tabels"],
        message: "unknown setting 'tabels' for a sql connection; did you mean 'tables'?",
      },
    ]);
    expect(unknownSettings("memory", { zzz: 1 }, {})[0]?.message).toBe(
      "unknown setting 'zzz' for a memory connection; its settings are: entitySetPrefix, cache, dataset",
    );
    expect(unknownSettings("memory", {}, { token: "x" })[0]?.message).toBe(
      "a memory connection takes no secrets; remove 'token'",
    );
  });

  it("says when a secret is given as a setting, or a setting as a secret", () => {
    expect(unknownSettings("procore", { clientSecret: VALUE }, { baseUrl: "x" })).toEqual([
      {
        path: ["settings", "clientSecret"],
        message:
          "'clientSecret' is a secret of a procore connection: put it under secrets (settings are stored and shown in clear)",
      },
      {
        path: ["secrets", "baseUrl"],
        message: "'baseUrl' is a setting of a procore connection, not a secret: put it under settings",
      },
    ]);
  });

  it("checks the fields of nested settings: tables entries, their properties, union and navigation", () => {
    const settings = {
      tables: [
        { table: "jobs", properties: [{ name: "Job", colum: "job" }] },
        { table: "tx", union: { tables: ["tx2"], source: { property: "Source", valeus: {} } } },
        "not an object: the reader says so",
      ],
    };
    expect(unknownSettings("sql", settings, {}).map((p) => p.path)).toEqual([
      ["settings", "tables", 0, "properties", 0, "colum"],
      ["settings", "tables", 1, "union", "source", "valeus"],
    ]);
  });

  it("checks the cache setting every kind takes, entity sets of any name included", () => {
    const settings = {
      cache: { tll: "5m", entitySets: { Rfis: { ttl: "1h" }, Submittals: { tl: "1m" }, Projects: "off" } },
    };
    for (const kind of KINDS)
      expect(unknownSettings(kind, settings, {})).toEqual([
        {
          path: ["settings", "cache", "tll"],
          message: "unknown field 'tll' in settings.cache; did you mean 'ttl'?",
        },
        {
          path: ["settings", "cache", "entitySets", "Submittals", "tl"],
          message: "unknown field 'tl' in settings.cache.entitySets.Submittals; did you mean 'ttl'?",
        },
      ]);
    expect(unknownSettings("procore", { cache: "off" }, {})).toEqual([]);
  });

  it("knows nothing of a kind that has no connector yet, or of an unknown kind", () => {
    expect(unknownSettings("arcgis", { anything: 1 }, { at: "all" })).toEqual([]);
    expect(unknownSettings("toString", { anything: 1 }, {})).toEqual([]);
  });

  it("throws one 400 naming the connection, every problem as a detail, the first as the target", () => {
    let caught: unknown;
    try {
      assertKnownSettings(
        { name: "erp", kind: "sql", settings: { tabels: [], dialect: "sqlite" } },
        { pasword: VALUE },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toMatchObject({
      code: "InvalidRequest",
      status: 400,
      target: "settings.tabels",
      message:
        "Connection 'erp' has 2 unknown settings or secrets:\nsettings.tabels: unknown setting 'tabels' for a sql connection; did you mean 'tables'?\nsecrets.pasword: unknown secret 'pasword' for a sql connection; did you mean 'password'?",
      details: [
        { code: "InvalidRequest", target: "settings.tabels" },
        { code: "InvalidRequest", target: "secrets.pasword" },
      ],
    });
    expect(() =>
      assertKnownSettings({ name: "erp", kind: "sql", settings: { tables: [] } }, {}),
    ).not.toThrow();
  });
});
