/** Field names in `outFields`, `orderByFields` and the like match case-insensitively. */
import { invalidParameter } from "../errors.ts";
import type { Field } from "../model.ts";

export class FieldLookup {
  private readonly byName: ReadonlyMap<string, Field>;

  constructor(readonly fields: readonly Field[]) {
    this.byName = new Map(fields.map((f) => [f.name.toUpperCase(), f]));
  }

  find(name: string): Field | undefined {
    return this.byName.get(name.trim().toUpperCase());
  }

  /** The field, or the server's "'parameter' parameter is invalid" error. */
  require(name: string, parameter: string): Field {
    const field = this.find(name);
    if (!field) throw invalidParameter(parameter, `no field named '${name}'`);
    return field;
  }
}

/** Splits a comma list, dropping blanks. */
export function commaList(text: string): string[] {
  return text
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
