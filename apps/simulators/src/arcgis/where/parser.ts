/**
 * A recursive-descent parser for the standardized SQL subset of ArcGIS `where` clauses.
 * Precedence, loosest first: OR, AND, NOT, predicates (comparison, IN, BETWEEN, LIKE, IS NULL),
 * + and -, * and /, unary minus.
 */
import type { CastTarget, CompareOperator, DatePart, Node } from "./ast.ts";
import { type Token, tokenize } from "./lexer.ts";
import { intervalMilliseconds, isIntervalUnit, parseDate, parseTimestamp } from "./sql-dates.ts";
import { WhereSyntaxError } from "./where-errors.ts";

const RESERVED = new Set([
  "AND",
  "OR",
  "NOT",
  "IN",
  "BETWEEN",
  "LIKE",
  "ESCAPE",
  "IS",
  "NULL",
  "DATE",
  "TIMESTAMP",
  "INTERVAL",
  "CURRENT_DATE",
  "CURRENT_TIMESTAMP",
]);
const COMPARE_OPERATORS = new Set(["=", "<>", "!=", "<", "<=", ">", ">="]);
const DATE_PARTS = new Set<DatePart>(["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"]);
const CAST_TARGETS: Record<string, CastTarget> = {
  INT: "integer",
  INTEGER: "integer",
  SMALLINT: "integer",
  FLOAT: "float",
  REAL: "float",
  DOUBLE: "float",
  NUMERIC: "float",
  DECIMAL: "float",
  VARCHAR: "string",
  CHAR: "string",
  DATE: "date",
  TIMESTAMP: "date",
};

export function parseWhere(source: string): Node {
  return new Parser(tokenize(source)).parseClause();
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseClause(): Node {
    const node = this.parseOr();
    const next = this.peek();
    if (next.kind !== "end") this.fail("unexpected input", next);
    return node;
  }

  private parseOr(): Node {
    let left = this.parseAnd();
    while (this.takeKeyword("OR")) left = { kind: "or", left, right: this.parseAnd() };
    return left;
  }

  private parseAnd(): Node {
    let left = this.parseNot();
    while (this.takeKeyword("AND")) left = { kind: "and", left, right: this.parseNot() };
    return left;
  }

  private parseNot(): Node {
    if (this.takeKeyword("NOT")) return { kind: "not", operand: this.parseNot() };
    return this.parsePredicate();
  }

  private parsePredicate(): Node {
    const value = this.parseAdditive();
    const token = this.peek();
    if (token.kind === "operator" && COMPARE_OPERATORS.has(token.text)) {
      this.index++;
      const op = (token.text === "!=" ? "<>" : token.text) as CompareOperator;
      return { kind: "compare", op, left: value, right: this.parseAdditive() };
    }
    if (this.takeKeyword("IS")) {
      const negated = this.takeKeyword("NOT");
      this.expectKeyword("NULL");
      return { kind: "isNull", value, negated };
    }
    const negated = this.takeKeyword("NOT");
    if (this.takeKeyword("IN")) return { kind: "in", value, list: this.parseList(), negated };
    if (this.takeKeyword("BETWEEN")) {
      const low = this.parseAdditive();
      this.expectKeyword("AND");
      return { kind: "between", value, low, high: this.parseAdditive(), negated };
    }
    if (this.takeKeyword("LIKE")) {
      const pattern = this.parseAdditive();
      const escapeChar = this.takeKeyword("ESCAPE") ? this.parseEscape() : null;
      return { kind: "like", value, pattern, escapeChar, negated };
    }
    if (negated) this.fail("expected IN, BETWEEN or LIKE after NOT", this.peek());
    return value;
  }

  private parseList(): Node[] {
    this.expectOperator("(");
    const list = [this.parseAdditive()];
    while (this.takeOperator(",")) list.push(this.parseAdditive());
    this.expectOperator(")");
    return list;
  }

  private parseEscape(): string {
    const token = this.next();
    if (token.kind !== "string" || token.text.length !== 1)
      this.fail("ESCAPE takes a one-character string", token);
    return token.text;
  }

  private parseAdditive(): Node {
    let left = this.parseMultiplicative();
    for (;;) {
      if (this.takeOperator("+"))
        left = { kind: "arithmetic", op: "+", left, right: this.parseMultiplicative() };
      else if (this.takeOperator("-"))
        left = { kind: "arithmetic", op: "-", left, right: this.parseMultiplicative() };
      else return left;
    }
  }

  private parseMultiplicative(): Node {
    let left = this.parseUnary();
    for (;;) {
      if (this.takeOperator("*")) left = { kind: "arithmetic", op: "*", left, right: this.parseUnary() };
      else if (this.takeOperator("/")) left = { kind: "arithmetic", op: "/", left, right: this.parseUnary() };
      else return left;
    }
  }

  private parseUnary(): Node {
    if (this.takeOperator("-")) {
      const operand = this.parseUnary();
      return operand.kind === "number"
        ? { kind: "number", value: -operand.value }
        : { kind: "negate", operand };
    }
    if (this.takeOperator("+")) return this.parseUnary();
    return this.parsePrimary();
  }

  private parsePrimary(): Node {
    const token = this.next();
    if (token.kind === "number") return { kind: "number", value: token.value };
    if (token.kind === "string") return { kind: "string", value: token.text };
    if (token.kind === "operator" && token.text === "(") {
      const inner = this.parseOr();
      this.expectOperator(")");
      return inner;
    }
    if (token.kind !== "identifier") return this.fail("expected a value", token);
    if (token.quoted) return { kind: "field", name: token.text };
    const word = token.text.toUpperCase();
    switch (word) {
      case "NULL":
        return { kind: "null" };
      case "DATE":
      case "TIMESTAMP":
        return this.parseDateLiteral(word);
      case "INTERVAL":
        return this.parseInterval();
      case "CURRENT_DATE":
        return { kind: "now", unit: "date" };
      case "CURRENT_TIMESTAMP":
        return { kind: "now", unit: "timestamp" };
    }
    if (RESERVED.has(word)) return this.fail(`unexpected keyword ${word}`, token);
    if (!this.atOperator("(")) return { kind: "field", name: token.text };
    this.index++;
    return this.parseCall(word, token);
  }

  private parseDateLiteral(word: "DATE" | "TIMESTAMP"): Node {
    const literal = this.next();
    if (literal.kind !== "string") return this.fail(`${word} must be followed by a quoted literal`, literal);
    const value = word === "DATE" ? parseDate(literal.text) : parseTimestamp(literal.text);
    if (value === null) return this.fail(`invalid ${word} literal '${literal.text}'`, literal);
    return { kind: "date", value };
  }

  private parseInterval(): Node {
    const amount = this.next();
    const unit = this.next();
    if (amount.kind !== "string") return this.fail("INTERVAL must be followed by a quoted amount", amount);
    const name = unit.kind === "identifier" ? unit.text.toUpperCase() : "";
    const milliseconds = isIntervalUnit(name) ? intervalMilliseconds(amount.text, name) : null;
    if (milliseconds === null) return this.fail("invalid INTERVAL", amount);
    return { kind: "interval", milliseconds };
  }

  /** After `name(`: the special forms with keywords inside the parentheses, or a plain call. */
  private parseCall(name: string, token: Token): Node {
    let node: Node;
    if (name === "EXTRACT") {
      const part = this.next();
      const partName = part.kind === "identifier" ? part.text.toUpperCase() : "";
      if (!DATE_PARTS.has(partName as DatePart)) return this.fail("EXTRACT needs YEAR..SECOND", part);
      this.expectKeyword("FROM");
      node = { kind: "extract", part: partName as DatePart, source: this.parseAdditive() };
    } else if (name === "SUBSTRING") {
      const source = this.parseAdditive();
      this.expectKeyword("FROM");
      const start = this.parseAdditive();
      node = {
        kind: "substring",
        source,
        start,
        length: this.takeKeyword("FOR") ? this.parseAdditive() : null,
      };
    } else if (name === "POSITION") {
      const needle = this.parseAdditive();
      this.expectKeyword("IN");
      node = { kind: "position", needle, haystack: this.parseAdditive() };
    } else if (name === "CAST") {
      node = this.parseCast();
    } else {
      const args: Node[] = [];
      if (!this.atOperator(")")) {
        args.push(this.parseAdditive());
        while (this.takeOperator(",")) args.push(this.parseAdditive());
      }
      node = { kind: "call", name, args };
    }
    if (!this.takeOperator(")")) this.fail(`unclosed ${name}(`, token);
    return node;
  }

  private parseCast(): Node {
    const source = this.parseAdditive();
    this.expectKeyword("AS");
    const type = this.next();
    const target = type.kind === "identifier" ? CAST_TARGETS[type.text.toUpperCase()] : undefined;
    if (!target) return this.fail("unsupported CAST type", type);
    if (this.takeOperator("(")) {
      if (this.next().kind !== "number") this.fail("expected a length", type);
      if (this.takeOperator(",") && this.next().kind !== "number") this.fail("expected a scale", type);
      this.expectOperator(")");
    }
    return { kind: "cast", source, target };
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== "end") this.index++;
    return token;
  }

  private atOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === "operator" && token.text === text;
  }

  private takeOperator(text: string): boolean {
    if (!this.atOperator(text)) return false;
    this.index++;
    return true;
  }

  private expectOperator(text: string): void {
    if (!this.takeOperator(text)) this.fail(`expected '${text}'`, this.peek());
  }

  private takeKeyword(word: string): boolean {
    const token = this.peek();
    if (token.kind !== "identifier" || token.quoted || token.text.toUpperCase() !== word) return false;
    this.index++;
    return true;
  }

  private expectKeyword(word: string): void {
    if (!this.takeKeyword(word)) this.fail(`expected ${word}`, this.peek());
  }

  private fail(message: string, token: Token): never {
    throw new WhereSyntaxError(message, token.at);
  }
}
