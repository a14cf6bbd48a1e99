/**
 * Name resolution in a model, for the engine's binder and the renderers.
 */
import { ModelError } from "./errors.ts";
import type { EntitySetDef, EntityTypeDef, NavigationDef, PropertyDef, ServiceModel } from "./types.ts";

/**
 * The entity set called `name`: exactly, else ignoring case, because assistants and people
 * often write `jobs` for `Jobs`. An ambiguous case-insensitive match finds nothing (a validated
 * model has none: set names must differ in more than case).
 */
export function findEntitySet(model: ServiceModel, name: string): EntitySetDef | undefined {
  const exact = model.entitySets.find((set) => set.name === name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  const matches = model.entitySets.filter((set) => set.name.toLowerCase() === lower);
  return matches.length === 1 ? matches[0] : undefined;
}

/** The structural property called exactly `name` (OData member names are case-sensitive). */
export function findProperty(entityType: EntityTypeDef, name: string): PropertyDef | undefined {
  return entityType.properties.find((property) => property.name === name);
}

/** The navigation property called exactly `name`. */
export function findNavigation(entityType: EntityTypeDef, name: string): NavigationDef | undefined {
  return entityType.navigation.find((navigation) => navigation.name === name);
}

/** Structural property names in declaration order (no navigation properties). */
export function propertyNames(entityType: EntityTypeDef): string[] {
  return entityType.properties.map((property) => property.name);
}

/** The entity types of a model, each once (sets may share one type object), in set order. */
export function entityTypes(model: ServiceModel): EntityTypeDef[] {
  return [...new Set(model.entitySets.map((set) => set.entityType))];
}

/** The first entity set of each entity type: the set through which a type's navigations resolve. */
export function firstSetOfEachType(model: ServiceModel): EntitySetDef[] {
  const seen = new Set<EntityTypeDef>();
  return model.entitySets.filter((set) => {
    if (seen.has(set.entityType)) return false;
    seen.add(set.entityType);
    return true;
  });
}

/** The entity set a navigation of `source` leads to; a `ModelError` names it when missing. */
export function navigationTarget(
  model: ServiceModel,
  source: EntitySetDef,
  navigation: NavigationDef,
): EntitySetDef {
  const target = model.entitySets.find((set) => set.name === navigation.target);
  if (target !== undefined) return target;
  const known = model.entitySets.map((set) => set.name).join(", ");
  throw new ModelError(
    "InvalidNavigation",
    `${source.name}/${navigation.name}`,
    `Entity set "${source.name}": navigation "${navigation.name}" targets entity set "${navigation.target}", ` +
      `which is not in the model; target one of: ${known}.`,
  );
}
