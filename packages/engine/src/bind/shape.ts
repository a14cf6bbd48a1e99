/**
 * A shape is what a query can refer to at one point of its evaluation: the entity type's
 * properties at first, then whatever `$apply` and `$compute` leave behind.
 */
import type { EdmPrimitiveType, EntityTypeDef, NavigationDef, PropertyDef } from "@headgate/model";

export interface ShapeProperty {
  readonly name: string;
  readonly type: EdmPrimitiveType;
  readonly collection: boolean;
  /** The model's definition, when the property comes from the entity type itself. */
  readonly def?: PropertyDef;
}

export interface Shape {
  readonly properties: ReadonlyMap<string, ShapeProperty>;
  readonly navigation: ReadonlyMap<string, NavigationDef>;
  /** True once `$apply` has replaced the entity with dynamic aggregate rows. */
  readonly aggregated: boolean;
}

export function shapeOfEntityType(entityType: EntityTypeDef): Shape {
  const properties = new Map<string, ShapeProperty>();
  for (const def of entityType.properties) {
    properties.set(def.name, { name: def.name, type: def.type, collection: def.collection ?? false, def });
  }
  const navigation = new Map(entityType.navigation.map((n) => [n.name, n] as const));
  return { properties, navigation, aggregated: false };
}

export function shapeWith(shape: Shape, added: readonly ShapeProperty[]): Shape {
  const properties = new Map(shape.properties);
  for (const p of added) properties.set(p.name, p);
  return { ...shape, properties };
}

export function aggregatedShape(properties: readonly ShapeProperty[]): Shape {
  return {
    properties: new Map(properties.map((p) => [p.name, p] as const)),
    navigation: new Map(),
    aggregated: true,
  };
}

/** Finds a property by exact name, then case-insensitively (names are case-sensitive in OData,
 * but an LLM writing `status` for `Status` deserves an answer, not an error). */
export function lookupProperty(shape: Shape, name: string): ShapeProperty | undefined {
  const exact = shape.properties.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const p of shape.properties.values()) if (p.name.toLowerCase() === lower) return p;
  return undefined;
}

export function lookupNavigation(shape: Shape, name: string): NavigationDef | undefined {
  const exact = shape.navigation.get(name);
  if (exact) return exact;
  const lower = name.toLowerCase();
  for (const n of shape.navigation.values()) if (n.name.toLowerCase() === lower) return n;
  return undefined;
}
