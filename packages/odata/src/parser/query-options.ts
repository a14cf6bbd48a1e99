/**
 * The public parsing entry points: a whole query string (`parseQueryOptions`) and one option value
 * at a time (`parseFilter`, `parseOrderBy`, ...).
 *
 * Input is URL text by default: percent-encoded, with a raw `+` meaning a space (see
 * `source-text.ts`). Pass `{ urlEncoded: false }` for text that was never URL-encoded, such as an
 * MCP tool argument. Error positions are offsets into the text passed in; for a whole query string
 * the error's `target` is the canonical option name (`$filter`) or the alias (`@p`).
 */

import type {
  ComputeItem,
  ExpandItem,
  Expr,
  Literal,
  OrderByItem,
  QueryOptionName,
  QueryOptions,
  SearchExpr,
  SelectItem,
  Transformation,
} from "../ast.ts";
import { ODataSyntaxError } from "../errors.ts";
import { MAX_COUNT } from "../limits.ts";
import { type AliasDefinition, AliasTable } from "./aliases.ts";
import { AT, DOLLAR, isDigit, QUESTION } from "./chars.ts";
import { parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import { isUnsupportedOptionName, suggestOption, systemOptionNamed } from "./option-names.ts";
import { type MutableQueryOptions, readOptionValue, unexpectedAfterValue } from "./option-values.ts";
import { newLimits, newSession, Scanner } from "./scanner.ts";
import { decodeSource } from "./source-text.ts";
import { notImplemented } from "./unsupported.ts";

export interface ParseOptions {
  /** `true` (the default): the text is percent-encoded URL text, `+` is a space. */
  readonly urlEncoded?: boolean;
  /** Parameter alias values (`{ p: "5" }` for `@p=5`), in the same encoding as the text. */
  readonly aliases?: Readonly<Record<string, string>>;
}

// ---------------------------------------------------------------------------------------------
// A whole query string
// ---------------------------------------------------------------------------------------------

interface RawOption {
  readonly name: string;
  readonly nameStart: number;
  /** Offset of the value (after `=`), or -1 when the option has no `=`. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Parses `$filter=...&$top=5&@p=...&custom=x` (a leading `?` is allowed) into `QueryOptions`. */
export function parseQueryOptions(query: string): QueryOptions {
  const parts = splitQuery(query);
  const aliases = new Map<string, AliasDefinition>();
  const system: { option: QueryOptionName; part: RawOption }[] = [];
  const custom = new Map<string, string>();
  const seen = new Map<string, RawOption>();
  for (const part of parts) {
    const key = classify(query, part);
    const first = seen.get(key);
    if (first !== undefined) throw duplicate(part, first);
    seen.set(key, part);
    if (key.startsWith("@"))
      aliases.set(key.slice(1), { raw: query, start: part.valueStart, end: part.valueEnd });
    else if (key.startsWith("$")) system.push({ option: key.slice(1) as QueryOptionName, part });
    else custom.set(part.name, part.valueStart < 0 ? "" : decodeValue(query, part, part.name));
  }
  const table = new AliasTable(aliases);
  const result: MutableQueryOptions = {};
  for (const { option, part } of system) {
    // Limits count per option, as they do where a door parses its options one by one.
    const session = newSession(`$${option}`, true, table, newLimits());
    parseValue(
      Scanner.over(query, session, part.valueStart, part.valueEnd),
      option,
      result,
      `the end of the $${option} value`,
    );
  }
  if (custom.size > 0) result.custom = Object.fromEntries(custom);
  return result;
}

/** Splits on raw `&` and the first raw `=` of each part; empty parts are skipped. */
function splitQuery(query: string): RawOption[] {
  const parts: RawOption[] = [];
  let start = query.charCodeAt(0) === QUESTION ? 1 : 0;
  // Remembered across parts so that many `=`-less parts do not rescan the rest of the query.
  let equals = -1;
  while (start <= query.length) {
    let end = query.indexOf("&", start);
    if (end < 0) end = query.length;
    if (equals < start) equals = query.indexOf("=", start);
    if (equals < 0) equals = query.length;
    if (end > start) {
      const hasValue = equals < end;
      const name = decodeSource(query, start, hasValue ? equals : end, true).text;
      parts.push({ name, nameStart: start, valueStart: hasValue ? equals + 1 : -1, valueEnd: end });
    }
    start = end + 1;
  }
  return parts;
}

/** `$filter` for system options (however written), `@p` for aliases, the name for custom options. */
function classify(query: string, part: RawOption): string {
  const { name, nameStart } = part;
  if (name.length === 0) throw syntaxError(`empty query option name at ${nameStart}`, nameStart, ["a name"]);
  if (name.charCodeAt(0) === AT) {
    if (!/^@[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}\p{Cf}]{0,127}$/u.test(name)) {
      throw syntaxError(`invalid parameter alias name '${name}' at ${nameStart}`, nameStart, [
        "@ and an identifier",
      ]);
    }
    return name;
  }
  const option = systemOptionNamed(name);
  if (option === "levels") {
    throw syntaxError(
      `'${name}' at ${nameStart} is only allowed in the options of an $expand item`,
      nameStart,
      [],
    );
  }
  if (option !== undefined) {
    const at = part.valueEnd;
    if (part.valueStart < 0) {
      const found = at >= query.length ? "end of input" : "'&'";
      throw new ODataSyntaxError(
        `expected '=' after '${name}', found ${found} at ${at}`,
        at,
        ["'='"],
        `$${option}`,
      );
    }
    return `$${option}`;
  }
  const unsupported = isUnsupportedOptionName(name);
  if (unsupported !== undefined) throw notImplemented(unsupported, nameStart, name);
  if (name.charCodeAt(0) === DOLLAR) {
    throw syntaxError(
      `unknown system query option '${name}' at ${nameStart}${suggestOption(name)}`,
      nameStart,
      ["a system query option"],
    );
  }
  return name;
}

function duplicate(part: RawOption, first: RawOption): ODataSyntaxError {
  const option = systemOptionNamed(part.name);
  const what =
    option !== undefined
      ? "system query option"
      : part.name.startsWith("@")
        ? "parameter alias"
        : "query option";
  const shown = option !== undefined ? `$${option}` : part.name;
  return new ODataSyntaxError(
    `duplicate ${what} '${shown}' at ${part.nameStart} (first given at ${first.nameStart})`,
    part.nameStart,
    [],
    option === undefined ? undefined : shown,
  );
}

function decodeValue(query: string, part: RawOption, target: string): string {
  return decodeSource(query, part.valueStart, part.valueEnd, true, target).text;
}

function syntaxError(message: string, position: number, expected: readonly string[]): ODataSyntaxError {
  return new ODataSyntaxError(message, position, expected);
}

/** Reads one option's whole value; anything left over is an error. */
function parseValue(sc: Scanner, option: QueryOptionName, into: MutableQueryOptions, end: string): void {
  if (option !== "skiptoken" && option !== "format") sc.skipBws();
  readOptionValue(sc, option, into);
  sc.skipBws();
  if (!sc.atEnd()) throw unexpectedAfterValue(sc, option, [end]);
  if (option === "format" && into.format !== undefined) checkFormat(sc, into.format);
}

/** `"atom" / "json" / "xml" / 1*pchar "/" 1*pchar` */
function checkFormat(sc: Scanner, format: string): void {
  const lower = format.toLowerCase();
  const slash = format.indexOf("/");
  if (lower === "json" || lower === "xml" || lower === "atom" || (slash > 0 && slash < format.length - 1))
    return;
  throw sc.error(
    0,
    `invalid $format '${format}' at ${sc.at(0)}; expected json, xml, atom or a media type such as application/json`,
    ["'json'", "'xml'", "'atom'", "a media type"],
  );
}

// ---------------------------------------------------------------------------------------------
// One option value at a time
// ---------------------------------------------------------------------------------------------

function scannerFor(text: string, options: ParseOptions | undefined, target: string | undefined): Scanner {
  const aliases = options?.aliases === undefined ? undefined : AliasTable.fromRecord(options.aliases);
  return Scanner.over(text, newSession(target, options?.urlEncoded ?? true, aliases));
}

/** The value of one system query option, given on its own (without `$name=`). */
function parseOptionText<K extends QueryOptionName>(
  text: string,
  options: ParseOptions | undefined,
  option: K,
): NonNullable<QueryOptions[K]> {
  const into: MutableQueryOptions = {};
  parseValue(scannerFor(text, options, `$${option}`), option, into, "end of input");
  return into[option] as NonNullable<QueryOptions[K]>;
}

/** A `$filter` value (a `boolCommonExpr`; the binder checks it is Boolean). */
export function parseFilter(text: string, options?: ParseOptions): Expr {
  return parseOptionText(text, options, "filter");
}

export function parseOrderBy(text: string, options?: ParseOptions): readonly OrderByItem[] {
  return parseOptionText(text, options, "orderby");
}

export function parseSelect(text: string, options?: ParseOptions): readonly SelectItem[] {
  return parseOptionText(text, options, "select");
}

export function parseExpand(text: string, options?: ParseOptions): readonly ExpandItem[] {
  return parseOptionText(text, options, "expand");
}

export function parseSearch(text: string, options?: ParseOptions): SearchExpr {
  return parseOptionText(text, options, "search");
}

export function parseApply(text: string, options?: ParseOptions): readonly Transformation[] {
  return parseOptionText(text, options, "apply");
}

export function parseCompute(text: string, options?: ParseOptions): readonly ComputeItem[] {
  return parseOptionText(text, options, "compute");
}

/** Any `commonExpr`, in no particular option (errors carry no target). */
export function parseExpression(text: string, options?: ParseOptions): Expr {
  const sc = scannerFor(text, options, undefined);
  sc.skipBws();
  const expr = parseCommonExpr(sc);
  sc.skipBws();
  if (!sc.atEnd()) throw unexpectedAfterExpression(sc, ["end of input"]);
  return expr;
}

/**
 * A count given apart from a query string (`top` and `skip` of the Action API, a page size):
 * read by the rule `$top` and `$skip` follow, digits only and at most `MAX_COUNT`, so every door
 * takes the same numbers. `name` is the parameter as the caller spelt it (the error's target).
 */
export function parseCount(text: string, name: string): number {
  const sc = Scanner.over(text, newSession(name, false));
  const whole = () =>
    sc.error(0, `${name} must be a whole number from 0 to ${MAX_COUNT}, written in digits; found '${text}'`, [
      "a non-negative integer",
    ]);
  if (!isDigit(sc.peek())) throw whole();
  const value = sc.readUnsignedInteger(name);
  if (!sc.atEnd()) throw whole();
  return value;
}

/** One primitive literal, e.g. a key value from a resource path: `5`, `'abc'`, `2024-01-31`. */
export function parseLiteral(text: string, options?: ParseOptions): Literal {
  const sc = scannerFor(text, options, undefined);
  const expr = parseCommonExpr(sc);
  if (expr.kind !== "literal")
    throw sc.error(0, `expected a literal value at ${sc.at(0)}`, ["a literal value"]);
  if (!sc.atEnd()) throw sc.expected(sc.pos, ["end of input"], " after the literal");
  return expr.literal;
}
