/**
 * `JSON.stringify` of an object one of whose members is already serialized: a tool answer's rows
 * and structured content are large, and serializing them once instead of three times (to measure,
 * for the text mirror, for the wire) is most of a small answer's cost in the door.
 */

/** Equals `JSON.stringify(value)` when `json` is `JSON.stringify(value[key])`. */
export function jsonWithMember(value: Readonly<Record<string, unknown>>, key: string, json: string): string {
  let out = "{";
  for (const name in value) {
    const member = value[name];
    const text = name === key ? json : JSON.stringify(member);
    // As JSON.stringify does: members that serialize to nothing (undefined, functions) are left out.
    if (text === undefined) continue;
    out += `${out.length === 1 ? "" : ","}${JSON.stringify(name)}:${text}`;
  }
  return `${out}}`;
}
