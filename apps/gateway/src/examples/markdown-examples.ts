/**
 * The examples a Markdown page shows, found the way a reader finds them, so that none can be
 * left out of the check by accident:
 * - requests: a URL or path under `/odata` or `/api`, as a whole code span (`GET ` in front is
 *   allowed) or as a quoted string in a code block (curl commands; `\$` is read as `$`);
 * - calls: a code span holding a tool or operation name and its arguments as JSON
 *   (`query_entity_set {"entity_set":"Jobs","top":5}`).
 * A door's bare root (`/api`, `/odata`) names the door rather than shows a request, and path
 * templates (`/api/entity-sets/{entitySet}`) describe a route: both are left out.
 */

export interface ExampleRequest {
  readonly kind: "request";
  /** `file:line`. */
  readonly where: string;
  /** The path and query, from `/odata` or `/api` on, as written. */
  readonly path: string;
}

export interface ExampleCall {
  readonly kind: "call";
  readonly where: string;
  /** A tool (`query_entity_set`) or an Action operation (`queryEntitySet`). */
  readonly name: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export type MarkdownExample = ExampleRequest | ExampleCall;

const GATEWAY_PATH = /^(?:https?:\/\/[^/\s"'`]+)?(\/(?:odata|api)[/?(].+)$/s;
const PATH_TEMPLATE = /\{[A-Za-z]+\}/;
const CALL = /^([A-Za-z][A-Za-z_]*) (\{.*\})$/s;
const FENCE = /^\s*```/;

export function examplesInMarkdown(text: string, file: string): MarkdownExample[] {
  const examples: MarkdownExample[] = [];
  let inBlock = false;
  for (const [index, line] of text.split("\n").entries()) {
    const where = `${file}:${index + 1}`;
    if (FENCE.test(line)) {
      inBlock = !inBlock;
      continue;
    }
    for (const span of codeSpans(line)) {
      const example = exampleIn(span, where);
      if (example) examples.push(example);
    }
    if (!inBlock) continue;
    for (const quoted of line.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
      const request = requestIn((quoted[1] ?? "").replaceAll("\\$", "$"), where);
      if (request) examples.push(request);
    }
  }
  return examples;
}

/** The text of each code span (`...`) on a line. */
export function codeSpans(text: string): string[] {
  return [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? "");
}

/** A request or a call written as one code span. */
export function exampleIn(span: string, where: string): MarkdownExample | undefined {
  const request = requestIn(span.replace(/^GET /, ""), where);
  if (request) return request;
  const call = CALL.exec(span.trim());
  if (!call) return undefined;
  let args: unknown;
  try {
    args = JSON.parse(call[2] ?? "");
  } catch {
    return undefined;
  }
  if (typeof args !== "object" || args === null || Array.isArray(args)) return undefined;
  return { kind: "call", where, name: call[1] ?? "", args: args as Record<string, unknown> };
}

function requestIn(text: string, where: string): ExampleRequest | undefined {
  const match = GATEWAY_PATH.exec(text.trim());
  const path = match?.[1];
  if (path === undefined || PATH_TEMPLATE.test(path)) return undefined;
  return { kind: "request", where, path };
}
