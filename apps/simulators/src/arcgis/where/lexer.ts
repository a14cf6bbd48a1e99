/**
 * Tokens of the standardized SQL ArcGIS accepts in `where`: identifiers (bare or double-quoted),
 * single-quoted strings with `''` for a quote, numbers, and operators.
 */
import { WhereSyntaxError } from "./where-errors.ts";

export type Token =
  | { readonly kind: "identifier"; readonly text: string; readonly quoted: boolean; readonly at: number }
  | { readonly kind: "string"; readonly text: string; readonly at: number }
  | { readonly kind: "number"; readonly value: number; readonly at: number }
  | { readonly kind: "operator"; readonly text: string; readonly at: number }
  | { readonly kind: "end"; readonly at: number };

const OPERATORS = ["<>", "<=", ">=", "!=", "=", "<", ">", "(", ")", ",", "+", "-", "*", "/"];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < source.length) {
    const rest = source.slice(at);
    const space = /^\s+/.exec(rest);
    if (space) {
      at += space[0].length;
      continue;
    }
    const char = rest[0]!;
    if (char === "'") {
      const { text, length } = readQuoted(source, at, "'");
      tokens.push({ kind: "string", text, at });
      at += length;
    } else if (char === '"') {
      const { text, length } = readQuoted(source, at, '"');
      tokens.push({ kind: "identifier", text, quoted: true, at });
      at += length;
    } else if (NUMBER.test(rest)) {
      const text = NUMBER.exec(rest)![0];
      tokens.push({ kind: "number", value: Number(text), at });
      at += text.length;
    } else if (IDENTIFIER.test(rest)) {
      const text = IDENTIFIER.exec(rest)![0];
      tokens.push({ kind: "identifier", text, quoted: false, at });
      at += text.length;
    } else {
      const operator = OPERATORS.find((op) => rest.startsWith(op));
      if (!operator) throw new WhereSyntaxError(`unexpected character '${char}'`, at);
      tokens.push({ kind: "operator", text: operator, at });
      at += operator.length;
    }
  }
  tokens.push({ kind: "end", at });
  return tokens;
}

/** Reads a `quote`-delimited literal starting at `start`; a doubled quote stands for one. */
function readQuoted(source: string, start: number, quote: string): { text: string; length: number } {
  let text = "";
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === quote) {
      if (source[i + 1] === quote) {
        text += quote;
        i += 2;
        continue;
      }
      return { text, length: i + 1 - start };
    }
    text += source[i];
    i++;
  }
  throw new WhereSyntaxError("unterminated quoted literal", start);
}
