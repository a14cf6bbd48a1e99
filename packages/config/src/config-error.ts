/**
 * A configuration file that cannot be applied: every problem found, each with where it is
 * (line, column, path) and what to do about it. Values of secrets never appear in messages.
 */
import { ODataError } from "@headgate/odata";

export interface ConfigIssue {
  readonly line: number;
  readonly column: number;
  /** Dotted path into the document, e.g. `connections[1].kind`. */
  readonly path: string;
  readonly message: string;
}

export class ConfigError extends ODataError {
  readonly file: string;
  readonly issues: readonly ConfigIssue[];

  constructor(file: string, issues: readonly ConfigIssue[]) {
    const lines = issues.map(
      (i) => `${file}:${i.line}:${i.column}: ${i.path ? `${i.path}: ` : ""}${i.message}`,
    );
    super({
      code: "InvalidConfiguration",
      message: `${file} has ${issues.length} problem${issues.length === 1 ? "" : "s"}:\n${lines.join("\n")}`,
      status: 400,
      target: file,
      details: issues.map((i, n) => ({ code: "InvalidConfiguration", message: lines[n]!, target: i.path })),
    });
    this.file = file;
    this.issues = issues;
  }
}
