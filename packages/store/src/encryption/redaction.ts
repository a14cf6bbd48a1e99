/**
 * Values that hold secrets carry a `toJSON` and an inspect hook that print the names only, so
 * a stray `JSON.stringify`, a logger or a `console.log` cannot spill them. Both are
 * non-enumerable: iterating the object (which a connector does on purpose) still sees exactly
 * the secret entries and nothing else.
 */
import { inspect } from "node:util";

export const REDACTED = "••••";

export function redactedView<T extends object>(value: T, redacted: () => unknown): T {
  Object.defineProperty(value, "toJSON", { value: redacted, enumerable: false });
  Object.defineProperty(value, inspect.custom, {
    value: () => inspect(redacted()),
    enumerable: false,
  });
  return value;
}

/** `{ name: "••••" }` for every key of a record of secret strings. */
export function redactRecord(record: Readonly<Record<string, unknown>>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).map((name) => [name, REDACTED]));
}
