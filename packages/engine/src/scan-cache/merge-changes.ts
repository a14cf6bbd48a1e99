/**
 * Applies an incremental refresh to a cached scan: changed rows replace the rows with their key
 * where they stood, new rows follow in the order the upstream listed them, deleted keys go. An
 * upstream that lists by ascending id (Procore) thus keeps the order a whole read would give.
 */
import type { ScanChanges } from "@headgate/connector-kit";
import type { Row } from "@headgate/model";

export function mergeChanges(rows: readonly Row[], changes: ScanChanges, key: readonly string[]): Row[] {
  const keyOf = (row: Row) => JSON.stringify(key.map((name) => row[name] ?? null));
  const deleted = new Set(changes.deleted.map((values) => JSON.stringify(values.map((v) => v ?? null))));
  const changed = new Map(changes.rows.map((row) => [keyOf(row), row] as const));
  const merged: Row[] = [];
  for (const row of rows) {
    const id = keyOf(row);
    if (deleted.has(id)) continue;
    const update = changed.get(id);
    merged.push(update ?? row);
    changed.delete(id);
  }
  for (const [id, row] of changed) if (!deleted.has(id)) merged.push(row);
  return merged;
}
