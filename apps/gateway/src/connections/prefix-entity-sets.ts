/**
 * `settings.entitySetPrefix`: two connections of one workspace may expose the same names (two
 * SQL databases with a `Jobs` table); a prefix on one of them keeps both. The wrapper renames
 * entity sets, their entity types and the navigation targets inside the connection, and maps
 * scans back.
 */
import type {
  ChangeDestination,
  Connector,
  ConnectorStats,
  ScanRequest,
  UpstreamChange,
} from "@headgate/connector-kit";
import type { EntitySetDef } from "@headgate/model";

export function prefixEntitySets(connector: Connector, prefix: string): Connector {
  let names: ReadonlySet<string> = new Set();
  const rename = (name: string) => (names.has(name) ? `${prefix}${name}` : name);
  const unprefixed = (request: ScanRequest): ScanRequest =>
    request.entitySet.startsWith(prefix)
      ? { ...request, entitySet: request.entitySet.slice(prefix.length) }
      : request;
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
      return connector.scan(unprefixed(request), stats);
    },
    ...(connector.reusableScans
      ? {
          reusableScans: async (request: ScanRequest, stats?: ConnectorStats) => {
            const specs = await connector.reusableScans!(unprefixed(request), stats);
            return specs?.map((spec) => ({ ...spec, entitySet: rename(spec.entitySet) }));
          },
        }
      : {}),
    ...(connector.estimate
      ? {
          estimate: (request: ScanRequest, stats?: ConnectorStats) =>
            connector.estimate!(unprefixed(request), stats),
        }
      : {}),
    ...(connector.budget ? { budget: () => connector.budget!() } : {}),
    ...(connector.affectedScans
      ? {
          affectedScans: async (change: UpstreamChange) =>
            (await connector.affectedScans!(change)).map((spec) => ({
              ...spec,
              entitySet: rename(spec.entitySet),
            })),
        }
      : {}),
    ...(connector.subscribeToChanges
      ? { subscribeToChanges: (destination: ChangeDestination) => connector.subscribeToChanges!(destination) }
      : {}),
    ...(connector.cacheScope === undefined ? {} : { cacheScope: connector.cacheScope }),
    ...(connector.inspect ? { inspect: () => connector.inspect!() } : {}),
    ...(connector.close ? { close: () => connector.close!() } : {}),
  };
}
