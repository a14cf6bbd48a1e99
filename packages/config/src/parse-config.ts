/**
 * `headgate.yaml`: the declarative configuration an admin writes once. Parsing resolves
 * `${ENV}` references inside string values (never in keys, and never by splicing text into the
 * YAML, so a variable's value cannot change the document's structure) and validates the result,
 * reporting every problem with its file, line, column and path.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { ConfigError, type ConfigIssue } from "./config-error.ts";
import { type HeadgateConfig, validateConfig } from "./validate-config.ts";

export interface ParseOptions {
  /** Shown in messages, e.g. `headgate.yaml`. */
  readonly file?: string;
  /** Where `${NAME}` is looked up (default: none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export function parseConfig(text: string, options: ParseOptions = {}): HeadgateConfig {
  const file = options.file ?? "headgate.yaml";
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (offset: number | undefined) => {
    const { line, col } = lines.linePos(offset ?? 0);
    return { line, column: col };
  };
  const syntax = document.errors.map(
    (e): ConfigIssue => ({ ...at(e.pos[0]), path: "", message: e.message.split("\n")[0] ?? e.message }),
  );
  if (syntax.length > 0) throw new ConfigError(file, syntax);
  const issues: ConfigIssue[] = [];
  const value = resolve(document.contents, "", options.env ?? {}, issues, at);
  if (issues.length > 0) throw new ConfigError(file, issues);
  const positionOf = (path: readonly (string | number)[]) => {
    const node = document.getIn(path, true);
    return at(isMap(node) || isSeq(node) || isScalar(node) ? node.range?.[0] : undefined);
  };
  return validateConfig(value, file, positionOf);
}

type Locate = (offset: number | undefined) => { line: number; column: number };

/** The plain JavaScript value of a YAML node, with `${ENV}` resolved in string scalars. */
function resolve(
  node: unknown,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
  issues: ConfigIssue[],
  at: Locate,
): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = String(isScalar(pair.key) ? pair.key.value : pair.key);
      out[key] = resolve(pair.value, path ? `${path}.${key}` : key, env, issues, at);
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item, i) => resolve(item, `${path}[${i}]`, env, issues, at));
  if (!isScalar(node)) return null;
  if (typeof node.value !== "string") return node.value ?? null;
  return node.value.replace(REFERENCE, (_match, name: string, fallback: string | undefined) => {
    const found = env[name];
    if (found !== undefined && found !== "") return found;
    if (fallback !== undefined) return fallback;
    issues.push({
      ...at(node.range?.[0]),
      path,
      message: `environment variable ${name} is not set (write \${${name}:-default} to give a default)`,
    });
    return "";
  });
}
