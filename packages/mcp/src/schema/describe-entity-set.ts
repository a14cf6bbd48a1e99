/**
 * An entity set as a model needs it before querying: properties with types and meanings, the
 * key, relationships to expand, and per property what the upstream does itself (cheap) versus
 * what the gateway must evaluate after scanning (slow on big sets). Shared by the
 * `describe_entity_set` tool and the schema resources.
 */
import type { EntitySetDef, PropertyDef } from "@headgate/model";

export interface PropertyDescription {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
  readonly description?: string;
  readonly values?: readonly string[];
  /** Filter operators the upstream evaluates itself; others still work, in the gateway. */
  readonly pushedFilters: readonly string[];
  readonly sortable: boolean;
  /** Queries must filter this property with eq/in. */
  readonly requiredFilter?: true;
  readonly searchable?: true;
}

export interface RelationshipDescription {
  readonly name: string;
  readonly target: string;
  readonly collection: boolean;
  readonly on: string;
  readonly description?: string;
}

export interface EntitySetDescription {
  readonly name: string;
  readonly description?: string;
  readonly key: readonly string[];
  readonly properties: readonly PropertyDescription[];
  readonly relationships: readonly RelationshipDescription[];
  readonly hints: readonly string[];
}

export function describeEntitySet(set: EntitySetDef): EntitySetDescription {
  const type = set.entityType;
  const description = set.description ?? type.description;
  return {
    name: set.name,
    ...(description ? { description } : {}),
    key: type.key,
    properties: type.properties.map(describeProperty),
    relationships: type.navigation.map((nav) => ({
      name: nav.name,
      target: nav.target,
      collection: nav.collection,
      on: nav.on.map((pair) => `${pair.local} = ${nav.target}.${pair.remote}`).join(" and "),
      ...(nav.description ? { description: nav.description } : {}),
    })),
    hints: hintsFor(set),
  };
}

function describeProperty(property: PropertyDef): PropertyDescription {
  const caps = property.capabilities;
  const type = property.collection ? `Collection(${property.type})` : property.type;
  return {
    name: property.name,
    type,
    nullable: property.nullable,
    ...(property.description ? { description: property.description } : {}),
    ...(property.allowedValues ? { values: property.allowedValues } : {}),
    pushedFilters: caps.filter,
    sortable: caps.sortable,
    ...(caps.requiredInFilter ? { requiredFilter: true as const } : {}),
    ...(caps.searchable ? { searchable: true as const } : {}),
  };
}

function hintsFor(set: EntitySetDef): string[] {
  const props = set.entityType.properties;
  const required = props.filter((p) => p.capabilities.requiredInFilter).map((p) => p.name);
  const pushed = props.filter((p) => p.capabilities.filter.length > 0).map((p) => p.name);
  const searchable = props.filter((p) => p.capabilities.searchable).map((p) => p.name);
  const hints: string[] = [];
  if (required.length > 0)
    hints.push(`Every query must filter ${required.join(" or ")} with eq or in (the upstream needs it).`);
  hints.push(
    pushed.length > 0
      ? `Filters on ${pushed.join(", ")} run upstream (cheap); filters on other properties run in the gateway after a scan.`
      : "No filter runs upstream: every filter is evaluated in the gateway after a scan; use top.",
  );
  if (searchable.length > 0) hints.push(`search matches ${searchable.join(", ")}.`);
  const key = set.entityType.key;
  hints.push(`get_entity key: ${key.length === 1 ? "'value'" : key.map((k) => `${k}=...`).join(",")}.`);
  return hints;
}
