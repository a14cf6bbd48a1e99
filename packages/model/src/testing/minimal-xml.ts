/**
 * A strict, minimal XML reader for the specifications: it accepts only well-formed documents of
 * the kind $metadata is (a declaration, elements, attributes, text, character references), so a
 * test that reads a document back both proves it well-formed and can assert its structure.
 */

export interface ParsedElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly ParsedElement[];
  /** Concatenated character data directly inside the element. */
  readonly text: string;
}

const NAME = /[A-Za-z_][\w.:-]*/y;
const NAMED_ENTITIES: Readonly<Record<string, string>> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

class Reader {
  position = 0;

  constructor(readonly source: string) {}

  fail(message: string): never {
    throw new Error(`XML not well-formed at ${this.position}: ${message}`);
  }

  startsWith(text: string): boolean {
    return this.source.startsWith(text, this.position);
  }

  expect(text: string): void {
    if (!this.startsWith(text)) this.fail(`expected ${JSON.stringify(text)}`);
    this.position += text.length;
  }

  skipWhitespace(): void {
    while (/\s/.test(this.source[this.position] ?? "")) this.position++;
  }

  name(): string {
    NAME.lastIndex = this.position;
    const match = NAME.exec(this.source);
    if (match === null) this.fail("expected a name");
    this.position += match[0].length;
    return match[0];
  }
}

/** Replaces entity and character references; a bare `&` or `<` is not well-formed. */
function decode(reader: Reader, raw: string): string {
  if (raw.includes("<")) reader.fail(`raw "<" in ${JSON.stringify(raw)}`);
  return raw.replace(/&([^;]*);?/g, (reference, body: string) => {
    if (!reference.endsWith(";")) reader.fail(`bare "&" in ${JSON.stringify(raw)}`);
    if (body.startsWith("#x")) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith("#")) return String.fromCodePoint(Number.parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body] ?? reader.fail(`unknown entity &${body};`);
  });
}

function readAttributes(reader: Reader): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (;;) {
    reader.skipWhitespace();
    if (reader.startsWith("/>") || reader.startsWith(">")) return attributes;
    const name = reader.name();
    if (Object.hasOwn(attributes, name)) reader.fail(`duplicate attribute ${name}`);
    reader.skipWhitespace();
    reader.expect("=");
    reader.skipWhitespace();
    const quote = reader.source[reader.position];
    if (quote !== '"' && quote !== "'") reader.fail("expected a quoted attribute value");
    const end = reader.source.indexOf(quote, reader.position + 1);
    if (end < 0) reader.fail("unterminated attribute value");
    // Attribute-value normalization: literal tabs and line breaks read as spaces.
    const raw = reader.source.slice(reader.position + 1, end).replace(/[\t\n\r]/g, " ");
    attributes[name] = decode(reader, raw);
    reader.position = end + 1;
  }
}

function readElement(reader: Reader): ParsedElement {
  reader.expect("<");
  const name = reader.name();
  const attributes = readAttributes(reader);
  if (reader.startsWith("/>")) {
    reader.position += 2;
    return { name, attributes, children: [], text: "" };
  }
  reader.expect(">");
  const children: ParsedElement[] = [];
  let text = "";
  while (!reader.startsWith("</")) {
    if (reader.position >= reader.source.length) reader.fail(`<${name}> is never closed`);
    if (reader.startsWith("<")) {
      children.push(readElement(reader));
      continue;
    }
    const next = reader.source.indexOf("<", reader.position);
    const end = next < 0 ? reader.source.length : next;
    text += decode(reader, reader.source.slice(reader.position, end));
    reader.position = end;
  }
  reader.expect("</");
  const closing = reader.name();
  if (closing !== name) reader.fail(`</${closing}> closes <${name}>`);
  reader.skipWhitespace();
  reader.expect(">");
  return { name, attributes, children, text: children.length > 0 ? text.trim() : text };
}

/** Parses a whole document (optional XML declaration, one root element); throws if malformed. */
export function parseXml(source: string): ParsedElement {
  const reader = new Reader(source);
  if (reader.startsWith("<?xml")) {
    const end = source.indexOf("?>");
    if (end < 0) reader.fail("unterminated XML declaration");
    reader.position = end + 2;
  }
  reader.skipWhitespace();
  const root = readElement(reader);
  reader.skipWhitespace();
  if (reader.position !== source.length) reader.fail("content after the root element");
  return root;
}

/** The children of `element` named `name` whose attributes include `where`. */
export function childrenOf(
  element: ParsedElement,
  name: string,
  where: Readonly<Record<string, string>> = {},
): ParsedElement[] {
  return element.children.filter(
    (child) =>
      child.name === name && Object.entries(where).every(([key, value]) => child.attributes[key] === value),
  );
}

/** The one child named `name` matching `where`; throws if there is none or several. */
export function childOf(
  element: ParsedElement,
  name: string,
  where: Readonly<Record<string, string>> = {},
): ParsedElement {
  const matches = childrenOf(element, name, where);
  const [only] = matches;
  if (matches.length !== 1 || only === undefined) {
    throw new Error(
      `expected one <${name}> ${JSON.stringify(where)} in <${element.name}>, found ${matches.length}`,
    );
  }
  return only;
}
