/**
 * Errors of the entity model. A broken model is a configuration fault of a connector or of the
 * deployment, never the caller's, so every message names the offending target and the fix.
 * It is an `ODataError` (status 500), so every door renders it like any other error.
 */
import { ODataError } from "@headgate/odata";

export type ModelErrorCode =
  /** A namespace or a name is not an OData identifier. */
  | "InvalidIdentifier"
  /** Two entity sets, types or members share a name, or a name clashes with a reserved one. */
  | "DuplicateName"
  /** An entity type has no key, or a key property is missing, nullable, a collection or unkeyable. */
  | "InvalidKey"
  /** A navigation targets a missing entity set, or joins on properties that cannot be joined. */
  | "InvalidNavigation"
  /** A facet (maxLength, precision, scale) that the property's type does not have, or out of range. */
  | "InvalidFacet"
  /** An allowed value that is not a literal of the property's type. */
  | "InvalidAllowedValue";

export class ModelError extends ODataError {
  declare readonly code: ModelErrorCode;
  /** What is wrong: a namespace, an entity set (`Jobs`) or a member of its type (`Jobs/Status`). */
  declare readonly target: string;

  /** Status 500: a model error is the server's fault, whoever triggers it. */
  constructor(code: ModelErrorCode, target: string, message: string) {
    super({ code, message, status: 500, target });
  }
}
