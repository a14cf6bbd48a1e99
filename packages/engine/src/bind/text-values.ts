/**
 * Text a query compares with must not hold the NUL character (U+0000). PostgreSQL cannot receive
 * it at all (it refuses the whole statement) and SQLite's pattern matching stops at it, so a
 * pushed query would fail or match rows the engine's own evaluation would not. Refused here,
 * once, while binding, every door and every connector answers such a query alike: with a 400.
 */
import type { SearchExpr } from "@headgate/odata";
import { EngineError } from "../errors.ts";

const NUL = "\u0000";

/** Throws when `value`, a text literal of `option`, holds a NUL character. */
export function checkTextValue(value: string, option: string): void {
  const at = value.indexOf(NUL);
  if (at < 0) return;
  const shown = value.length > 40 ? `${value.slice(0, 40)}...` : value;
  throw new EngineError(
    "InvalidValue",
    `the text '${shown.replaceAll(NUL, "\\u0000")}' holds the NUL character (U+0000, %00 in a URL) at character ${at + 1}; text values cannot contain it (PostgreSQL refuses it, other databases cut text at it): remove it`,
    option,
  );
}

/** Throws when a word or phrase of a search holds a NUL character. */
export function checkSearchText(search: SearchExpr, option: string): void {
  const pending: SearchExpr[] = [search];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === "term") checkTextValue(node.text, option);
    else if (node.kind === "not") pending.push(node.operand);
    else pending.push(node.left, node.right);
  }
}
