/**
 * Request parameters as ArcGIS reads them: from the query string of a GET or the urlencoded
 * form of a POST (merged, the body winning), always as text.
 */
import type { FastifyRequest } from "fastify";
import { invalidParameter } from "./errors.ts";

export class Params {
  private readonly values: ReadonlyMap<string, string>;

  constructor(values: Iterable<readonly [string, string]>) {
    this.values = new Map(values);
  }

  static of(request: FastifyRequest): Params {
    return new Params([...entries(request.query), ...entries(request.body)]);
  }

  /** The trimmed value, or undefined when absent or blank. */
  text(name: string): string | undefined {
    const value = this.values.get(name)?.trim();
    return value === undefined || value === "" ? undefined : value;
  }

  /** `true`/`false` in any case; anything else is false, as the server reads it. */
  flag(name: string, fallback = false): boolean {
    const value = this.text(name);
    return value === undefined ? fallback : value.toLowerCase() === "true";
  }

  /** A non-negative integer, or undefined when absent. */
  count(name: string): number | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw invalidParameter(name, "not a non-negative integer");
    return number;
  }

  /** The response format: `json` unless `f` says otherwise. */
  get format(): string {
    return (this.text("f") ?? "json").toLowerCase();
  }
}

function entries(source: unknown): [string, string][] {
  if (typeof source !== "object" || source === null) return [];
  return Object.entries(source).flatMap(([name, value]): [string, string][] => {
    const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
    return typeof last === "string" || typeof last === "number" || typeof last === "boolean"
      ? [[name, String(last)]]
      : [];
  });
}
