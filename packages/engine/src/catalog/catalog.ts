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

/**
 * A navigation declared by configuration between entity sets, usually of two connections
 * (`sage.Jobs.Job` to `procore.Projects.project_number`): the engine plans `$expand` over it as
 * batched key lookups on the target, as for a connector's own navigation.
 */
export interface RelationshipDef {
  /** The navigation property's name on the source entity set. */
  readonly name: string;
  readonly from: { readonly entitySet: string; readonly property: string };
  readonly to: { readonly entitySet: string; readonly property: string };
  /** True when a source row has many target rows. */
  readonly collection: boolean;
  readonly description?: string;
}

export interface CatalogOptions {
  readonly namespace?: string;
  readonly relationships?: readonly RelationshipDef[];
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

  static async build(
    connections: readonly ConnectionEntry[],
    options: CatalogOptions = {},
  ): Promise<Catalog> {
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
    const catalog = new Catalog(
      options.namespace ?? "Headgate",
      addRelationships(entries, options.relationships ?? []),
    );
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

function addRelationships(
  entries: CatalogEntry[],
  relationships: readonly RelationshipDef[],
): CatalogEntry[] {
  const byName = new Map(entries.map((e) => [e.entitySet.name, e] as const));
  for (const relationship of relationships) {
    for (const end of [relationship.from, relationship.to]) {
      const entry = byName.get(end.entitySet);
      if (!entry)
        throw new EngineError(
          "InvalidQuery",
          `relationship '${relationship.name}' names entity set '${end.entitySet}', which no connection exposes${didYouMean(end.entitySet, [...byName.keys()]) || "."}`,
          relationship.name,
        );
      if (!entry.entitySet.entityType.properties.some((p) => p.name === end.property))
        throw new EngineError(
          "InvalidQuery",
          `relationship '${relationship.name}': entity set '${end.entitySet}' has no property '${end.property}'${
            didYouMean(
              end.property,
              entry.entitySet.entityType.properties.map((p) => p.name),
            ) || "."
          }`,
          relationship.name,
        );
    }
    const source = byName.get(relationship.from.entitySet)!;
    const navigation = {
      name: relationship.name,
      target: relationship.to.entitySet,
      collection: relationship.collection,
      on: [{ local: relationship.from.property, remote: relationship.to.property }],
      ...(relationship.description === undefined ? {} : { description: relationship.description }),
    };
    const entityType = source.entitySet.entityType;
    byName.set(source.entitySet.name, {
      ...source,
      entitySet: {
        ...source.entitySet,
        entityType: { ...entityType, navigation: [...entityType.navigation, navigation] },
      },
    });
  }
  return entries.map((e) => byName.get(e.entitySet.name)!);
}
