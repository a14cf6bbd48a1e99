import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { cachedJsonSchema } from "./cached-json-schema.ts";

const OPTIONS = { target: "draft-2020-12" } as const;

describe("tool schemas with a cached JSON Schema form", () => {
  it("gives the JSON Schema zod gives, converting once per direction and target", () => {
    const schema = z.object({ entity_set: z.string().min(1), top: z.number().min(1).optional() });
    const convert = vi.spyOn(schema["~standard"].jsonSchema, "input");
    const cached = cachedJsonSchema(schema);
    const first = cached["~standard"].jsonSchema.input(OPTIONS);
    const { $schema, ...zods } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
    expect($schema).toBe("https://json-schema.org/draft/2020-12/schema");
    // MCP's default dialect goes without saying.
    expect(first).toEqual(zods);
    expect(cached["~standard"].jsonSchema.input(OPTIONS)).toBe(first);
    expect(convert).toHaveBeenCalledTimes(1);
  });

  it("leaves out what zod writes that says nothing: safe-integer bounds, string member names", () => {
    const schema = z.object({
      top: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
      offset: z.number().int(),
      page: z.number().int().min(1).max(500),
      items: z.array(z.object({ id: z.number().int() })),
      row: z.record(z.string(), z.unknown()),
      codes: z.record(z.string().min(2), z.string()),
    });
    const json = cachedJsonSchema(schema)["~standard"].jsonSchema.input(OPTIONS) as {
      properties: Record<string, unknown>;
    };
    expect(json.properties).toEqual({
      top: { type: "integer", minimum: 0 },
      offset: { type: "integer" },
      page: { type: "integer", minimum: 1, maximum: 500 },
      items: {
        type: "array",
        items: {
          type: "object",
          properties: { id: { type: "integer" } },
          required: ["id"],
        },
      },
      row: { type: "object", additionalProperties: {} },
      codes: {
        type: "object",
        propertyNames: { type: "string", minLength: 2 },
        additionalProperties: { type: "string" },
      },
    });
    const valid = { top: 2, offset: 0, page: 1, items: [], row: {}, codes: {} };
    expect(schema.safeParse(valid).success).toBe(true);
    expect(schema.safeParse({ ...valid, top: 2 ** 53 }).success).toBe(false);
  });

  it("shares a frozen schema, so one server cannot change another's", () => {
    const cached = cachedJsonSchema(z.object({ a: z.string() }));
    const json = cached["~standard"].jsonSchema.output(OPTIONS) as { properties: Record<string, unknown> };
    expect(Object.isFrozen(json)).toBe(true);
    expect(Object.isFrozen(json.properties)).toBe(true);
  });

  it("still validates with zod", async () => {
    const cached = cachedJsonSchema(z.object({ entity_set: z.string().min(1) }));
    expect(await cached["~standard"].validate({ entity_set: "Jobs" })).toEqual({
      value: { entity_set: "Jobs" },
    });
    expect(await cached["~standard"].validate({ entity_set: "" })).toHaveProperty("issues");
    expect(cached.safeParse({}).success).toBe(false);
  });
});
