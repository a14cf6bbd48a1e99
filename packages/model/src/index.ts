export { type CsdlJsonDocument, type JsonObject, type JsonValue, renderCsdlJson } from "./csdl-json.ts";
export { CSDL_VERSION, type CsdlVersion } from "./csdl-version.ts";
export { renderCsdlXml } from "./csdl-xml.ts";
export { ModelError, type ModelErrorCode } from "./errors.ts";
export {
  entityTypes,
  findEntitySet,
  findNavigation,
  findProperty,
  navigationTarget,
  propertyNames,
} from "./model-lookup.ts";
export { isNamespace, isSimpleIdentifier, validateModel } from "./model-validation.ts";
export {
  renderServiceDocument,
  type ServiceDocument,
  type ServiceDocumentEntry,
} from "./service-document.ts";
export type * from "./types.ts";
export { EDM_PRIMITIVE_TYPES, NO_PUSHDOWN, PUSHABLE_OPERATORS } from "./types.ts";
export { HEADGATE_VOCABULARY, TERM } from "./vocabularies.ts";
