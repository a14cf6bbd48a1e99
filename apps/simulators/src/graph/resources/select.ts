/** `$select` on an entity: keeps the named properties (plus annotations and expansions). */
import { unknownProperty } from "../graph-error.ts";

export function applySelect(
  entity: Record<string, unknown>,
  select: readonly string[] | undefined,
  type: string,
  /** Every property the type has, present on this entity or not. */
  properties: readonly string[],
  /** Kept regardless: expanded navigation properties. */
  expanded: readonly string[] = [],
): Record<string, unknown> {
  if (!select) return entity;
  const lower = new Map(properties.map((p) => [p.toLowerCase(), p]));
  const chosen = select.map((name) => {
    const property = lower.get(name.toLowerCase());
    if (!property) throw unknownProperty(name, type);
    return property;
  });
  const kept = new Set([...chosen, ...expanded]);
  return Object.fromEntries(
    Object.entries(entity).filter(
      ([key]) => key.startsWith("@") || key.endsWith("@odata.context") || kept.has(key),
    ),
  );
}
