/**
 * `settings.entitySetPrefix`: two connections of one workspace may expose the same names (two
 * SQL databases with a `Jobs` table); a prefix on one of them keeps both. The wrapper renames
 * entity sets, their entity types and the navigation targets inside the connection, and maps
 * scans back.
 */
import type { Connector, ScanRequest } from "@headgate/connector-kit";
import type { EntitySetDef } from "@headgate/model";

export function prefixEntitySets(connector: Connector, prefix: string): Connector {
  let names: ReadonlySet<string> = new Set();
  const rename = (name: string) => (names.has(name) ? `${prefix}${name}` : name);
  return {
    kind: connector.kind,
    capabilities: connector.capabilities,
    async describe(): Promise<readonly EntitySetDef[]> {
      const sets = await connector.describe();
      names = new Set(sets.map((s) => s.name));
      return sets.map((set) => ({
        ...set,
        name: rename(set.name),
        entityType: {
          ...set.entityType,
          name: `${prefix}${set.entityType.name}`,
          navigation: set.entityType.navigation.map((n) => ({ ...n, target: rename(n.target) })),
        },
      }));
    },
    scan(request: ScanRequest, stats) {
      const original = request.entitySet.startsWith(prefix)
        ? request.entitySet.slice(prefix.length)
        : request.entitySet;
      return connector.scan({ ...request, entitySet: original }, stats);
    },
    ...(connector.inspect ? { inspect: () => connector.inspect!() } : {}),
    ...(connector.close ? { close: () => connector.close!() } : {}),
  };
}
