export type * from "./types.ts";
export { EDM_PRIMITIVE_TYPES, NO_PUSHDOWN, PUSHABLE_OPERATORS } from "./types.ts";
