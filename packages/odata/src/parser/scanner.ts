/**
 * The cursor every parser in this folder walks: decoded characters of one source text (see
 * `source-text.ts`), a position in them, and the error helpers that turn a decoded position back
 * into an offset in the raw text the client sent.
 *
 * Also home of the per-parse `Session`: the limits that keep hostile input from exhausting the
 * stack, the parameter aliases in scope, and the option name errors are reported against.
 */

import type { Expr } from "../ast.ts";
import { ODataLimitError, type ODataNotImplementedError, ODataSyntaxError } from "../errors.ts";
import { limitMessage, MAX_COUNT, QUERY_LIMITS, type QueryLimit } from "../limits.ts";
import { asciiLower, EOF, identifierCharLength, isDigit, isWhitespace } from "./chars.ts";
import { decodeSource, rawOffsetOf, type SourceText } from "./source-text.ts";
import { notImplemented, type UnsupportedKey } from "./unsupported.ts";

/** `odataIdentifier = identifierLeadingCharacter *127identifierCharacter` */
const MAX_IDENTIFIER_LENGTH = 128;

/** Resolves `@name` references; see `aliases.ts`. */
export interface AliasScope {
  resolve(name: string, at: number, from: Scanner): Expr;
}

/**
 * The counts `QUERY_LIMITS` bounds, over the parse of one query option value and the parameter
 * aliases it uses.
 */
export interface Limits {
  /** Current nesting depth. */
  nesting: number;
  /** Deepest nesting reached so far (what a parameter alias adds where it is used). */
  peak: number;
  operators: number;
  listValues: number;
  applySteps: number;
  /** Current depth of `$expand` inside `$expand`. */
  expandDepth: number;
}

/** What parsing a piece of text added to the counts: charged again wherever it is reused. */
export interface Cost {
  readonly depth: number;
  readonly operators: number;
  readonly listValues: number;
}

export function newLimits(): Limits {
  return { nesting: 0, peak: 0, operators: 0, listValues: 0, applySteps: 0, expandDepth: 0 };
}

export interface Session {
  /** Canonical name of the query option being parsed (`$filter`), reported as the error target. */
  readonly target: string | undefined;
  readonly urlEncoded: boolean;
  readonly aliases: AliasScope | undefined;
  readonly limits: Limits;
}

export function newSession(
  target: string | undefined,
  urlEncoded: boolean,
  aliases?: AliasScope,
  limits: Limits = newLimits(),
): Session {
  return { target, urlEncoded, aliases, limits };
}

export class Scanner {
  readonly text: string;
  readonly length: number;
  pos = 0;

  constructor(
    readonly source: SourceText,
    readonly session: Session,
  ) {
    this.text = source.text;
    this.length = source.text.length;
  }

  /** A scanner over `raw[start, end)`, decoded as the session says. */
  static over(raw: string, session: Session, start = 0, end = raw.length): Scanner {
    return new Scanner(decodeSource(raw, start, end, session.urlEncoded, session.target), session);
  }

  // -- reading ---------------------------------------------------------------------------------

  peek(): number {
    return this.pos < this.length ? this.text.charCodeAt(this.pos) : EOF;
  }

  peekAt(offset: number): number {
    const at = this.pos + offset;
    return at < this.length ? this.text.charCodeAt(at) : EOF;
  }

  atEnd(): boolean {
    return this.pos >= this.length;
  }

  eat(c: number): boolean {
    if (this.peek() !== c) return false;
    this.pos++;
    return true;
  }

  skipBws(): void {
    while (this.pos < this.length && isWhitespace(this.text.charCodeAt(this.pos))) this.pos++;
  }

  /** Skips required whitespace; false (and nothing consumed) when there is none. */
  skipRws(): boolean {
    const start = this.pos;
    this.skipBws();
    return this.pos > start;
  }

  /** Is `word` (lower-case ASCII) at `pos`, in any case, and not the start of a longer identifier? */
  isWordAt(word: string, pos = this.pos): boolean {
    if (pos + word.length > this.length) return false;
    for (let i = 0; i < word.length; i++) {
      if (asciiLower(this.text.charCodeAt(pos + i)) !== word.charCodeAt(i)) return false;
    }
    return identifierCharLength(this.text, pos + word.length, false) === 0;
  }

  eatWord(word: string): boolean {
    if (!this.isWordAt(word)) return false;
    this.pos += word.length;
    return true;
  }

  /** Length of the identifier at `pos`, without consuming it (0 when none starts there). */
  identifierLengthAt(pos: number): number {
    let end = pos;
    let step = identifierCharLength(this.text, end, true);
    while (step > 0) {
      end += step;
      step = identifierCharLength(this.text, end, false);
    }
    return end - pos;
  }

  /** `odataIdentifier`, or null when none starts here. */
  readIdentifier(): string | null {
    const start = this.pos;
    const length = this.identifierLengthAt(start);
    if (length === 0) return null;
    if (length > MAX_IDENTIFIER_LENGTH) {
      throw this.error(
        start,
        `identifier at ${this.at(start)} is ${length} characters long; at most ${MAX_IDENTIFIER_LENGTH} are allowed`,
        [],
      );
    }
    this.pos = start + length;
    return this.text.slice(start, this.pos);
  }

  /** `odataIdentifier *( "." odataIdentifier )`: a simple or namespace-qualified name. */
  readQualifiedName(): string | null {
    const start = this.pos;
    if (this.readIdentifier() === null) return null;
    while (this.peek() === 0x2e && this.identifierLengthAt(this.pos + 1) > 0) {
      this.pos++;
      this.readIdentifier();
    }
    return this.text.slice(start, this.pos);
  }

  readDigits(): string {
    const start = this.pos;
    while (isDigit(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** `1*DIGIT` as a number up to `MAX_COUNT`, for `$top`, `$skip`, `top(n)`; `what` names it in errors. */
  readUnsignedInteger(what: string): number {
    const start = this.pos;
    const digits = this.readDigits();
    if (digits.length === 0) throw this.expected(start, ["a non-negative integer"], ` for ${what}`);
    const value = Number(digits);
    if (value > MAX_COUNT) {
      throw this.error(start, `${what} ${digits} at ${this.at(start)} is too large (at most ${MAX_COUNT})`, [
        "a smaller integer",
      ]);
    }
    return value;
  }

  // -- positions and errors --------------------------------------------------------------------

  /** The raw offset of decoded position `pos`: what error messages and `position` report. */
  at(pos: number): number {
    return rawOffsetOf(this.source, pos);
  }

  /** What the text holds at `pos`, for "found ..." in messages. */
  found(pos: number): string {
    if (pos >= this.length) return "end of input";
    let length = this.identifierLengthAt(pos);
    if (length === 0) {
      while (isDigit(this.text.charCodeAt(pos + length))) length++;
    }
    if (length === 0) length = this.text.codePointAt(pos)! > 0xffff ? 2 : 1;
    const shown = this.text.slice(pos, pos + Math.min(length, 40));
    return `'${shown}'`;
  }

  error(pos: number, message: string, expected: readonly string[]): ODataSyntaxError {
    return new ODataSyntaxError(message, this.at(pos), expected, this.session.target);
  }

  /** "expected ')' to close 'contains(' opened at 7, found end of input at 19" */
  expected(pos: number, expected: readonly string[], context = ""): ODataSyntaxError {
    return this.error(
      pos,
      `expected ${describeAlternatives(expected)}${context}, found ${this.found(pos)} at ${this.at(pos)}`,
      expected,
    );
  }

  expect(c: number, shown: string, context = ""): void {
    if (!this.eat(c)) throw this.expected(this.pos, [shown], context);
  }

  /** Expects the `)` that closes something opened at `openPos`, named `opened` (e.g. `contains(`). */
  expectClose(openPos: number, opened: string, close = 0x29, shown = "')'"): void {
    this.skipBws();
    if (!this.eat(close))
      throw this.expected(this.pos, [shown], ` to close '${opened}' opened at ${this.at(openPos)}`);
  }

  unsupported(key: UnsupportedKey, pos: number): ODataNotImplementedError {
    return notImplemented(key, this.at(pos), this.session.target);
  }

  // -- limits (see limits.ts) -------------------------------------------------------------------

  limitError(limit: QueryLimit, pos: number): ODataLimitError {
    const at = this.at(pos);
    return new ODataLimitError(limitMessage(limit, at), at, limit, QUERY_LIMITS[limit], this.session.target);
  }

  /** Marks one more level of nesting at `pos`; pair with `leave()`. */
  enter(pos: number): void {
    const limits = this.session.limits;
    if (++limits.nesting > QUERY_LIMITS.depth) throw this.limitError("depth", pos);
    if (limits.nesting > limits.peak) limits.peak = limits.nesting;
  }

  leave(): void {
    this.session.limits.nesting--;
  }

  countOperator(pos: number): void {
    if (++this.session.limits.operators > QUERY_LIMITS.operators) throw this.limitError("operators", pos);
  }

  /** One more value of an `in` list or JSON array, at `pos`. */
  countListValue(pos: number): void {
    if (++this.session.limits.listValues > QUERY_LIMITS.listValues) throw this.limitError("listValues", pos);
  }

  /** One more `$apply` transformation, at `pos`. */
  countApplyStep(pos: number): void {
    if (++this.session.limits.applySteps > QUERY_LIMITS.applySteps) throw this.limitError("applySteps", pos);
  }

  /** The `count`th item of a comma-separated list, at `pos`. */
  checkListItem(count: number, pos: number): void {
    if (count > QUERY_LIMITS.listItems) throw this.limitError("listItems", pos);
  }

  /** Marks one more level of `$expand` inside `$expand` at `pos`; pair with `leaveExpand()`. */
  enterExpand(pos: number): void {
    if (++this.session.limits.expandDepth > QUERY_LIMITS.expandDepth)
      throw this.limitError("expandDepth", pos);
  }

  leaveExpand(): void {
    this.session.limits.expandDepth--;
  }

  /** Runs `parse` and reports what it added to the counts. */
  measure<T>(parse: () => T): { value: T; cost: Cost } {
    const limits = this.session.limits;
    const { nesting, peak, operators, listValues } = limits;
    limits.peak = nesting;
    const value = parse();
    const cost = {
      depth: limits.peak - nesting,
      operators: limits.operators - operators,
      listValues: limits.listValues - listValues,
    };
    limits.peak = Math.max(peak, limits.peak);
    return { value, cost };
  }

  /** Counts `cost` again at `pos`: a piece of text parsed once and used here once more. */
  charge(cost: Cost, pos: number): void {
    const limits = this.session.limits;
    if (limits.nesting + cost.depth > QUERY_LIMITS.depth) throw this.limitError("depth", pos);
    limits.peak = Math.max(limits.peak, limits.nesting + cost.depth);
    limits.operators += cost.operators;
    if (limits.operators > QUERY_LIMITS.operators) throw this.limitError("operators", pos);
    limits.listValues += cost.listValues;
    if (limits.listValues > QUERY_LIMITS.listValues) throw this.limitError("listValues", pos);
  }
}

/** `["')'", "','"]` -> `')' or ','`; three or more -> `a, b or c`. */
export function describeAlternatives(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "nothing";
  return `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
}
