/**
 * The entity set a path names, found in the model without binding a query: describing a set
 * must work even for sets that cannot be listed without a filter (Procore RFIs need a project).
 */
import { EngineError } from "@headgate/engine";
import { type EntitySetDef, findEntitySet, type ServiceModel } from "@headgate/model";
import { didYouMean } from "@headgate/odata";

export function entitySetNamed(model: ServiceModel, name: string): EntitySetDef {
  const set = findEntitySet(model, name);
  if (set !== undefined) return set;
  const names = model.entitySets.map((s) => s.name);
  throw new EngineError(
    "UnknownEntitySet",
    `unknown entity set '${name}'${didYouMean(name, names) || "."} Available entity sets: ${names.join(", ")}.`,
    name,
  );
}
