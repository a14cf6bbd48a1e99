/**
 * `$expand` with nested options, as Graph clients write it for SharePoint:
 * `fields(select=Title,JobNumber)`, `fields($select=Title)`,
 * `listItem($expand=fields($select=DocumentType))`, `columns`.
 */
import { badRequest } from "../graph-error.ts";

export interface ExpandNode {
  readonly name: string;
  readonly select?: readonly string[];
  readonly expand: readonly ExpandNode[];
}

export function parseExpand(text: string): ExpandNode[] {
  if (text.trim() === "") return [];
  const parser = new ExpandParser(text);
  const nodes = parser.list();
  parser.end();
  return nodes;
}

class ExpandParser {
  private position = 0;

  constructor(private readonly text: string) {}

  list(): ExpandNode[] {
    const nodes = [this.node()];
    while (this.peek() === ",") {
      this.position++;
      nodes.push(this.node());
    }
    return nodes;
  }

  end(): void {
    if (this.position < this.text.length) this.fail();
  }

  private node(): ExpandNode {
    const name = this.name();
    if (this.peek() !== "(") return { name, expand: [] };
    this.position++;
    let select: string[] | undefined;
    let expand: ExpandNode[] = [];
    for (;;) {
      const option = this.name().replace(/^\$/, "").toLowerCase();
      this.expect("=");
      if (option === "select") select = this.names();
      else if (option === "expand") expand = this.list();
      else this.fail();
      if (this.peek() === ";") {
        this.position++;
        continue;
      }
      this.expect(")");
      return { name, ...(select ? { select } : {}), expand };
    }
  }

  /** A select list ends at `;` or `)`. */
  private names(): string[] {
    const names = [this.name()];
    while (this.peek() === ",") {
      this.position++;
      names.push(this.name());
    }
    return names;
  }

  private name(): string {
    this.skipSpaces();
    const match = /^[$A-Za-z_][\w.$]*/.exec(this.text.slice(this.position));
    if (!match) this.fail();
    this.position += match[0].length;
    this.skipSpaces();
    return match[0];
  }

  private peek(): string | undefined {
    this.skipSpaces();
    return this.text[this.position];
  }

  private expect(char: string): void {
    if (this.peek() !== char) this.fail();
    this.position++;
  }

  private skipSpaces(): void {
    while (this.text[this.position] === " ") this.position++;
  }

  private fail(): never {
    throw badRequest(
      `Invalid $expand query option: syntax error at position ${this.position} in '${this.text}'.`,
    );
  }
}
