/**
 * Name resolution for tools that read the model directly (describe, resources, ids): the same
 * leniency and the same actionable error as the engine's own lookup.
 */
import { EngineError } from "@headgate/engine";
import { type EntitySetDef, findEntitySet, type ServiceModel } from "@headgate/model";
import { didYouMean } from "@headgate/odata";

export function entitySetOf(model: ServiceModel, name: string): EntitySetDef {
  const set = findEntitySet(model, name);
  if (set) return set;
  const names = model.entitySets.map((s) => s.name);
  throw new EngineError(
    "UnknownEntitySet",
    `unknown entity set '${name}'${didYouMean(name, names) || "."} Available entity sets: ${names.join(", ")}.`,
    name,
  );
}
