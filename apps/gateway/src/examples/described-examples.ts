/**
 * Examples inside descriptions (the OpenAPI document's parameters and operations, MCP tools and
 * their arguments) are code spans, so that every one can be found: words announcing an example
 * ("e.g.", "for example", "Examples:") must be followed by one. A span in a parameter's
 * description is a value of that parameter, so it must be among the values the machine-readable
 * examples of the same parameter run with; a span in an operation's or tool's description must be
 * among the values of any of its parameters.
 */
import { codeSpans } from "./markdown-examples.ts";

/** A value a description shows, and the values the runnable examples give the same parameter. */
export interface DescribedValue {
  readonly where: string;
  readonly value: string;
  readonly ranWith: readonly string[];
}

const ANNOUNCED = /\b(e\.g\.|for example|examples?:)\s*(?!\s|`)(.{0,40})/gi;

/** Each place where a description announces an example that is not a code span. */
export function unmarkedExamples(text: string): string[] {
  return [...text.matchAll(ANNOUNCED)].map((m) => `${m[1]} ${m[2]}`);
}

/** The values a description shows as examples. */
export function describedValues(text: string): string[] {
  return codeSpans(text);
}

/** The described values that no runnable example uses. */
export function valuesNeverRun(values: readonly DescribedValue[]): string[] {
  return values
    .filter((v) => !v.ranWith.includes(v.value))
    .map(
      (v) => `${v.where}: \`${v.value}\` is not a value of any runnable example (${v.ranWith.length} known)`,
    );
}

/** Every value per parameter name, over a set of argument objects, as text. */
export function valuesByParameter(
  argumentSets: readonly Readonly<Record<string, unknown>>[],
): ReadonlyMap<string, string[]> {
  const values = new Map<string, string[]>();
  for (const args of argumentSets)
    for (const [name, value] of Object.entries(args))
      values.set(name, [...(values.get(name) ?? []), String(value)]);
  return values;
}
