import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { cachedJsonSchema } from "./cached-json-schema.ts";

const OPTIONS = { target: "draft-2020-12" } as const;

describe("tool schemas with a cached JSON Schema form", () => {
  it("gives the JSON Schema zod gives, converting once per direction and target", () => {
    const schema = z.object({ entity_set: z.string().min(1), top: z.number().int().optional() });
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
