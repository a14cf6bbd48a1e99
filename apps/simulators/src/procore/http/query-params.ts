/**
 * The query string as Procore reads it, Rails style: `filters[id]=1` or
 * `filters[id][]=1&filters[id][]=2`, `sort[attribute]=...`. Parsed from the raw URL so bracketed
 * keys survive exactly as sent, encoded or not.
 */
import type { FastifyRequest } from "fastify";
import { badRequest } from "./procore-error.ts";

export class QueryParams {
  private constructor(readonly params: URLSearchParams) {}

  static of(request: FastifyRequest): QueryParams {
    const query = request.url.split("?")[1] ?? "";
    return new QueryParams(new URLSearchParams(query));
  }

  /** The first value of `name`, or undefined. Empty strings count as absent. */
  value(name: string): string | undefined {
    const value = this.params.get(name) ?? this.params.get(`${name}[]`);
    return value === null || value === "" ? undefined : value;
  }

  /** Every value of `name` and `name[]`. */
  values(name: string): string[] {
    return [...this.params.getAll(name), ...this.params.getAll(`${name}[]`)].filter((v) => v !== "");
  }

  /** Every value of `name` as an integer id; a value that is not one is a 400. */
  ids(name: string): number[] {
    return this.values(name).map((raw) => {
      if (!/^\d+$/.test(raw.trim())) throw badRequest(`${name} must be an integer, got '${raw}'`);
      return Number(raw);
    });
  }

  /** A required integer parameter such as `project_id`. */
  requiredId(name: string): number {
    const raw = this.value(name);
    if (raw === undefined) throw badRequest(`${name} is missing`);
    const [id] = this.ids(name);
    return id ?? Number.NaN;
  }
}
