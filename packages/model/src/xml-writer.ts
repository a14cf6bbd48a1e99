/**
 * Just enough XML writing for $metadata: elements, attributes, text, escaping. Written by hand
 * because the package takes no dependencies.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: readonly (readonly [string, string])[];
  readonly children: readonly XmlElement[];
  readonly text?: string;
}

/** Attributes in writing order; `undefined` ones are left out. */
export type XmlAttributes = Readonly<Record<string, string | number | undefined>>;

export function xmlElement(
  name: string,
  attributes: XmlAttributes = {},
  children: readonly XmlElement[] = [],
): XmlElement {
  const written = Object.entries(attributes).flatMap(([key, value]) =>
    value === undefined ? [] : [[key, String(value)] as const],
  );
  return { name, attributes: written, children };
}

export function xmlTextElement(name: string, text: string): XmlElement {
  return { name, attributes: [], children: [], text };
}

// XML 1.0 Char production: these code points cannot appear in a document, even as references.
function isXmlCharacter(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // Character references survive attribute-value normalization, which turns raw ones into spaces.
  "\t": "&#9;",
  "\n": "&#10;",
  "\r": "&#13;",
};

/**
 * Escapes text for an attribute value or character data. Characters XML cannot carry at all
 * (most control characters, lone surrogates) become U+FFFD rather than breaking the document.
 */
export function escapeXml(text: string): string {
  let escaped = "";
  for (const character of text) {
    const codePoint = character.codePointAt(0) ?? 0;
    escaped += isXmlCharacter(codePoint) ? (ESCAPES[character] ?? character) : "\uFFFD";
  }
  return escaped;
}

function openTag(element: XmlElement): string {
  const attributes = element.attributes.map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join("");
  return `<${element.name}${attributes}`;
}

/** One element per line, children indented by two spaces. */
export function serializeXml(element: XmlElement, indent = ""): string {
  const open = `${indent}${openTag(element)}`;
  if (element.text !== undefined) return `${open}>${escapeXml(element.text)}</${element.name}>`;
  if (element.children.length === 0) return `${open}/>`;
  const children = element.children.map((child) => serializeXml(child, `${indent}  `));
  return [`${open}>`, ...children, `${indent}</${element.name}>`].join("\n");
}
