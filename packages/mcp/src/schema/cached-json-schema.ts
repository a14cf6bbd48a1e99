/**
 * Tool schemas whose JSON Schema form is computed once. The SDK converts a tool's zod schemas
 * to JSON Schema when a server first needs them (to list tools, and to check `Mcp-Param-*`
 * headers before every call); the gateway builds a server per stateless HTTP request, so that
 * conversion ran on every call and cost more than the rest of the door. The wrapper answers the
 * SDK's Standard JSON Schema calls from a cache kept with the schema; validation is zod's own.
 *
 * The `$schema` keyword is left out of 2020-12 schemas: 2020-12 is MCP's default dialect (since
 * revision 2025-11-25, the oldest we serve), and `tools/list` goes into every model turn, where
 * fourteen copies of the dialect URL would cost about 800 characters for nothing. For the same
 * reason two things zod writes that say nothing are left out: the safe-integer bounds of every
 * integer (`maximum: 9007199254740991`; zod still enforces them when it parses the arguments),
 * and a record's `propertyNames: {type: "string"}` (every JSON member name is a string).
 */
import type * as z from "zod";

type Converter = (options: { readonly target: string }) => Record<string, unknown>;

export function cachedJsonSchema<T extends z.ZodType>(schema: T): T {
  const standard = schema["~standard"];
  const convert = standard.jsonSchema as { input: Converter; output: Converter };
  const cached = new Map<string, Record<string, unknown>>();
  const once =
    (io: "input" | "output"): Converter =>
    (options) => {
      const key = `${io} ${options.target}`;
      let json = cached.get(key);
      if (json === undefined) {
        json = deepFreeze(withoutTruisms(withoutDefaultDialect(convert[io](options), options.target)));
        cached.set(key, json);
      }
      return json;
    };
  // The wrapper inherits everything else (parsing, `_zod`, types) from the schema itself.
  const wrapper = Object.create(schema) as T;
  Object.defineProperty(wrapper, "~standard", {
    value: { ...standard, jsonSchema: { input: once("input"), output: once("output") } },
  });
  return wrapper;
}

function withoutDefaultDialect(json: Record<string, unknown>, target: string): Record<string, unknown> {
  if (target !== "draft-2020-12") return json;
  const { $schema: _dialect, ...rest } = json;
  return rest;
}

/** The schema without keywords that hold for every value they could apply to, at any depth. */
function withoutTruisms<V>(value: V): V {
  if (Array.isArray(value)) return value.map(withoutTruisms) as V;
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  const integer = (value as Record<string, unknown>).type === "integer";
  for (const [key, child] of Object.entries(value)) {
    if (integer && key === "maximum" && child === Number.MAX_SAFE_INTEGER) continue;
    if (integer && key === "minimum" && child === Number.MIN_SAFE_INTEGER) continue;
    if (key === "propertyNames" && isBareStringSchema(child)) continue;
    kept[key] = withoutTruisms(child);
  }
  return kept as V;
}

function isBareStringSchema(schema: unknown): boolean {
  return (
    typeof schema === "object" &&
    schema !== null &&
    Object.keys(schema).length === 1 &&
    (schema as Record<string, unknown>).type === "string"
  );
}

/** Shared between servers, so nobody may change it. */
function deepFreeze<V>(value: V): V {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
