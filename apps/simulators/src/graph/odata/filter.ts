/**
 * The `$filter` subset SharePoint list items accept through Graph: comparisons
 * (`eq ne lt gt le ge`) of a property with a literal, `startswith(property,'text')`, combined
 * with `and`/`or` and parentheses. Strings are single-quoted with `''` for a quote. Anything else
 * (`not`, `contains`, arithmetic...) is refused. A hand-written parser: no text is evaluated.
 */
import { invalidRequest } from "../graph-error.ts";

export type ComparisonOperator = "eq" | "ne" | "lt" | "gt" | "le" | "ge";

export type Literal =
  | { readonly type: "string"; readonly value: string }
  | { readonly type: "number"; readonly value: number }
  | { readonly type: "boolean"; readonly value: boolean }
  | { readonly type: "null" };

export type FilterExpression =
  | { readonly kind: "and" | "or"; readonly left: FilterExpression; readonly right: FilterExpression }
  | {
      readonly kind: "compare";
      readonly operator: ComparisonOperator;
      readonly property: string;
      readonly literal: Literal;
    }
  | { readonly kind: "startswith"; readonly property: string; readonly prefix: string };

type Token =
  | { readonly kind: "open" | "close" | "comma" }
  | { readonly kind: "word"; readonly text: string }
  | { readonly kind: "literal"; readonly literal: Literal };

const OPERATORS: readonly string[] = ["eq", "ne", "lt", "gt", "le", "ge"];

function isOperator(word: string): word is ComparisonOperator {
  return OPERATORS.includes(word);
}

export function parseFilter(text: string): FilterExpression {
  const parser = new FilterParser(tokenize(text), text);
  return parser.parse();
}

export function filterProperties(expression: FilterExpression): string[] {
  switch (expression.kind) {
    case "and":
    case "or":
      return [...filterProperties(expression.left), ...filterProperties(expression.right)];
    default:
      return [expression.property];
  }
}

function invalid(text: string, detail: string) {
  return invalidRequest(`Invalid filter clause: ${detail} in '${text}'.`);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    if (char === " ") i++;
    else if (char === "(" || char === ")" || char === ",") {
      tokens.push({ kind: char === "(" ? "open" : char === ")" ? "close" : "comma" });
      i++;
    } else if (char === "'") {
      const [value, next] = readString(text, i);
      tokens.push({ kind: "literal", literal: { type: "string", value } });
      i = next;
    } else {
      const match =
        /^(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:\d{2})?)?|-?\d+(?:\.\d+)?|[A-Za-z_][\w/]*)/.exec(
          text.slice(i),
        );
      if (!match) throw invalid(text, `unexpected character '${char}' at position ${i}`);
      tokens.push(wordOrLiteral(match[1]!));
      i += match[1]!.length;
    }
  }
  return tokens;
}

function readString(text: string, start: number): [string, number] {
  let value = "";
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === "'") {
      if (text[i + 1] !== "'") return [value, i + 1];
      value += "'";
      i += 2;
    } else value += text[i++];
  }
  throw invalid(text, "unterminated string literal");
}

function wordOrLiteral(word: string): Token {
  if (/^\d{4}-\d{2}-\d{2}/.test(word)) return { kind: "literal", literal: { type: "string", value: word } };
  if (/^-?\d/.test(word)) return { kind: "literal", literal: { type: "number", value: Number(word) } };
  if (word === "true" || word === "false")
    return { kind: "literal", literal: { type: "boolean", value: word === "true" } };
  if (word === "null") return { kind: "literal", literal: { type: "null" } };
  return { kind: "word", text: word };
}

class FilterParser {
  private position = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly text: string,
  ) {}

  parse(): FilterExpression {
    const expression = this.or();
    if (this.position < this.tokens.length) throw invalid(this.text, "unexpected trailing input");
    return expression;
  }

  private or(): FilterExpression {
    let left = this.and();
    while (this.keyword("or")) left = { kind: "or", left, right: this.and() };
    return left;
  }

  private and(): FilterExpression {
    let left = this.primary();
    while (this.keyword("and")) left = { kind: "and", left, right: this.primary() };
    return left;
  }

  private primary(): FilterExpression {
    const token = this.next();
    if (token?.kind === "open") {
      const inner = this.or();
      this.expect("close");
      return inner;
    }
    if (token?.kind !== "word") throw invalid(this.text, "expected a property or function");
    if (this.tokens[this.position]?.kind === "open") return this.call(token.text);
    const operator = this.next();
    if (operator?.kind !== "word" || !isOperator(operator.text))
      throw invalid(this.text, `unsupported operator after '${token.text}'`);
    const literal = this.next();
    if (literal?.kind !== "literal") throw invalid(this.text, `expected a literal after '${operator.text}'`);
    return { kind: "compare", operator: operator.text, property: token.text, literal: literal.literal };
  }

  private call(name: string): FilterExpression {
    if (name !== "startswith") throw invalid(this.text, `unsupported function '${name}'`);
    this.expect("open");
    const property = this.next();
    this.expect("comma");
    const prefix = this.next();
    this.expect("close");
    if (property?.kind !== "word" || prefix?.kind !== "literal" || prefix.literal.type !== "string")
      throw invalid(this.text, "startswith expects a property and a string");
    return { kind: "startswith", property: property.text, prefix: prefix.literal.value };
  }

  private keyword(word: string): boolean {
    const token = this.tokens[this.position];
    if (token?.kind !== "word" || token.text !== word) return false;
    this.position++;
    return true;
  }

  private next(): Token | undefined {
    return this.tokens[this.position++];
  }

  private expect(kind: "open" | "close" | "comma"): void {
    if (this.next()?.kind !== kind)
      throw invalid(this.text, `expected '${kind === "open" ? "(" : kind === "close" ? ")" : ","}'`);
  }
}
