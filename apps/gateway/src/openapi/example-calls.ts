/**
 * Routes may declare `exampleCalls` (whole calls: a name, a summary and a value per parameter).
 * In the OpenAPI document each call becomes a named example of every parameter it sets, under
 * the same name, which is how a reader or a tool puts one call back together. Only the document
 * changes: the schemas the routes validate with stay as they are.
 */
import type { FastifySchema } from "fastify";

export interface ExampleCall {
  readonly name: string;
  readonly summary: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

type ParameterSchema = { readonly properties?: Readonly<Record<string, object>> } & Record<string, unknown>;

/** A @fastify/swagger `transform`: a route schema with its example calls spread over its parameters. */
export function spreadExampleCalls({ schema, url }: { schema: FastifySchema; url: string }): {
  schema: FastifySchema;
  url: string;
} {
  const { exampleCalls, ...rest } = (schema ?? {}) as FastifySchema & {
    exampleCalls?: readonly ExampleCall[];
  };
  if (exampleCalls === undefined) return { schema, url };
  return {
    schema: {
      ...rest,
      ...(rest.params ? { params: withExamples(rest.params as ParameterSchema, exampleCalls) } : {}),
      ...(rest.querystring
        ? { querystring: withExamples(rest.querystring as ParameterSchema, exampleCalls) }
        : {}),
    },
    url,
  };
}

function withExamples(part: ParameterSchema, calls: readonly ExampleCall[]): ParameterSchema {
  const properties = Object.entries(part.properties ?? {}).map(([name, property]) => {
    const examples = calls
      .filter((call) => call.parameters[name] !== undefined)
      .map((call) => [call.name, { summary: call.summary, value: call.parameters[name] }] as const);
    return [
      name,
      examples.length === 0 ? property : { ...property, "x-examples": Object.fromEntries(examples) },
    ];
  });
  return { ...part, properties: Object.fromEntries(properties) };
}
