/**
 * The catalog: every entity set the engine can answer, with the connector that serves it. Built
 * once from the configured connections; the model it yields is what the doors publish.
 */
import type { Connector } from "@headgate/connector-kit";
import { type EntitySetDef, type ServiceModel, validateModel } from "@headgate/model";
import { didYouMean } from "@headgate/odata";
import { EngineError } from "../errors.ts";

export interface ConnectionEntry {
  /** The connection's name, as the admin configured it. */
  readonly name: string;
  readonly connector: Connector;
}

export interface CatalogEntry {
  readonly entitySet: EntitySetDef;
  readonly connection: string;
  readonly connector: Connector;
}

export class Catalog {
  readonly model: ServiceModel;
  private readonly entries: ReadonlyMap<string, CatalogEntry>;

  private constructor(namespace: string, entries: readonly CatalogEntry[]) {
    this.entries = new Map(entries.map((e) => [e.entitySet.name, e] as const));
    this.model = { namespace, entitySets: entries.map((e) => e.entitySet) };
  }

  static async build(connections: readonly ConnectionEntry[], namespace = "Headgate"): Promise<Catalog> {
    const entries: CatalogEntry[] = [];
    const seen = new Map<string, string>();
    for (const { name, connector } of connections) {
      for (const entitySet of await connector.describe()) {
        const owner = seen.get(entitySet.name);
        if (owner !== undefined) {
          throw new EngineError(
            "InvalidQuery",
            `entity set '${entitySet.name}' is exposed by both '${owner}' and '${name}'; rename one of them`,
            entitySet.name,
          );
        }
        seen.set(entitySet.name, name);
        entries.push({ entitySet, connection: name, connector });
      }
    }
    const catalog = new Catalog(namespace, entries);
    validateModel(catalog.model);
    return catalog;
  }

  /** The entry for a name (exact, then case-insensitive), or undefined. */
  find(name: string): CatalogEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const entry of this.entries.values()) if (entry.entitySet.name.toLowerCase() === lower) return entry;
    return undefined;
  }

  /** The entry for a name, or an error listing the nearest valid names. */
  get(name: string): CatalogEntry {
    const entry = this.find(name);
    if (entry) return entry;
    const names = [...this.entries.keys()];
    throw new EngineError(
      "UnknownEntitySet",
      `unknown entity set '${name}'${didYouMean(name, names) || "."} Available entity sets: ${names.join(", ")}.`,
      name,
    );
  }
}
