/**
 * `$select`: the response rows hold the selected properties (all of them without `$select`)
 * plus expanded navigation properties, in the order the model declares them.
 */

import type { Row } from "@headgate/model";
import type { SelectItem } from "@headgate/odata";
import type { Shape } from "../bind/shape.ts";

export type Projector = (row: Row) => Row;

export function compileProjection(
  shape: Shape,
  select: readonly SelectItem[] | undefined,
  expanded: readonly string[],
): Projector {
  const all = !select || select.some((s) => s.kind === "star");
  const chosen = all
    ? [...shape.properties.keys()]
    : select.flatMap((s) => (s.kind === "path" && shape.properties.has(s.path[0]!) ? [s.path[0]!] : []));
  const names = [...chosen, ...expanded.filter((n) => !chosen.includes(n))];
  return (row) => {
    const out: Record<string, unknown> = {};
    for (const name of names) {
      const value = row[name];
      out[name] = value === undefined ? null : value;
    }
    return out;
  };
}
