/**
 * The annotations of a model, decided once in format-neutral form so that CSDL XML and CSDL JSON
 * carry exactly the same information: each renderer only spells these expressions.
 */
import { type EdmLiteralType, hasLiteralForm } from "./edm-literals.ts";
import type { EntitySetDef, EntityTypeDef, NavigationDef, PropertyDef } from "./types.ts";
import { TERM } from "./vocabularies.ts";

/** The subset of CSDL annotation expressions Headgate writes. */
export type CsdlExpression =
  | { readonly kind: "constant"; readonly type: EdmLiteralType; readonly value: string }
  | { readonly kind: "propertyPath"; readonly path: string }
  | { readonly kind: "record"; readonly members: readonly CsdlRecordMember[] }
  | { readonly kind: "collection"; readonly items: readonly CsdlExpression[] };

export interface CsdlRecordMember {
  readonly property: string;
  readonly value: CsdlExpression;
}

export interface CsdlAnnotation {
  /** Qualified term name, e.g. `Org.OData.Core.V1.Description`. */
  readonly term: string;
  readonly value: CsdlExpression;
}

export function constant(type: EdmLiteralType, value: string): CsdlExpression {
  return { kind: "constant", type, value };
}

export function stringConstant(value: string): CsdlExpression {
  return constant("Edm.String", value);
}

export function boolConstant(value: boolean): CsdlExpression {
  return constant("Edm.Boolean", String(value));
}

export function record(members: Readonly<Record<string, CsdlExpression>>): CsdlExpression {
  return {
    kind: "record",
    members: Object.entries(members).map(([property, value]) => ({ property, value })),
  };
}

export function describedAs(description: string | undefined): CsdlAnnotation[] {
  return description === undefined ? [] : [{ term: TERM.description, value: stringConstant(description) }];
}

/** Validation.AllowedValues: a collection of records whose `Value` has the property's type. */
export function allowedValuesAnnotation(type: EdmLiteralType, values: readonly string[]): CsdlAnnotation {
  const items = values.map((value) => record({ Value: constant(type, value) }));
  return { term: TERM.allowedValues, value: { kind: "collection", items } };
}

/**
 * What the upstream evaluates itself. Absent when it evaluates nothing: every property stays
 * filterable and sortable, because the engine evaluates the rest (a hint, not a restriction).
 */
function allowedValuesAnnotations(property: PropertyDef): CsdlAnnotation[] {
  const { allowedValues, type } = property;
  // Geography allowed values never pass validation; there is no constant to write them as.
  if (allowedValues === undefined || !hasLiteralForm(type)) return [];
  return [allowedValuesAnnotation(type, allowedValues)];
}

function pushdownAnnotations(property: PropertyDef): CsdlAnnotation[] {
  const { filter, sortable } = property.capabilities;
  if (filter.length === 0 && !sortable) return [];
  const operators = filter.map((operator) => stringConstant(operator));
  const value = record({
    Filter: { kind: "collection", items: operators },
    Sortable: boolConstant(sortable),
  });
  return [{ term: TERM.pushdown, value }];
}

function searchableAnnotations(property: PropertyDef): CsdlAnnotation[] {
  return property.capabilities.searchable ? [{ term: TERM.searchable, value: boolConstant(true) }] : [];
}

export function propertyAnnotations(property: PropertyDef): CsdlAnnotation[] {
  return [
    ...describedAs(property.description),
    ...allowedValuesAnnotations(property),
    ...pushdownAnnotations(property),
    ...searchableAnnotations(property),
  ];
}

export function navigationAnnotations(navigation: NavigationDef): CsdlAnnotation[] {
  return describedAs(navigation.description);
}

export function entityTypeAnnotations(entityType: EntityTypeDef): CsdlAnnotation[] {
  return describedAs(entityType.description);
}

/**
 * Capabilities.FilterRestrictions only for properties the upstream cannot list without: that is
 * the one true restriction. Non-filterable/non-sortable lists are never written (see above).
 */
function filterRestrictions(entitySet: EntitySetDef): CsdlAnnotation[] {
  const required = entitySet.entityType.properties.filter((p) => p.capabilities.requiredInFilter);
  if (required.length === 0) return [];
  const paths = required.map((p): CsdlExpression => ({ kind: "propertyPath", path: p.name }));
  const value = record({
    RequiresFilter: boolConstant(true),
    RequiredProperties: { kind: "collection", items: paths },
  });
  return [{ term: TERM.filterRestrictions, value }];
}

export function entitySetAnnotations(entitySet: EntitySetDef): CsdlAnnotation[] {
  return [...describedAs(entitySet.description), ...filterRestrictions(entitySet)];
}
