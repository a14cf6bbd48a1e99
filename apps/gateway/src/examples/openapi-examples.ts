/**
 * The examples of an OpenAPI document, read from the document as a client receives it. A
 * parameter's named examples (`examples: {openJobs: {value}}`) belong together with the other
 * parameters' examples of the same name in the same operation: together they are one call. The
 * values shown in descriptions are collected too, to check that each is one of those calls'.
 */
import {
  type DescribedValue,
  describedValues,
  unmarkedExamples,
  valuesByParameter,
} from "./described-examples.ts";

/** The document as JSON; only the parts read here are typed. */
export interface OpenApiDocument {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
}

interface Operation {
  readonly operationId?: string;
  readonly summary?: string;
  readonly description?: string;
  readonly parameters?: readonly Parameter[];
}

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly description?: string;
  readonly examples?: Readonly<Record<string, { readonly value?: unknown }>>;
}

export interface OperationExample {
  /** `operationId example-name`. */
  readonly where: string;
  readonly operationId: string;
  readonly parameters: Readonly<Record<string, unknown>>;
}

export function operationExamples(document: OpenApiDocument): OperationExample[] {
  return operationsOf(document).flatMap(({ operation }) => {
    const calls = new Map<string, Record<string, unknown>>();
    for (const parameter of operation.parameters ?? [])
      for (const [name, example] of Object.entries(parameter.examples ?? {})) {
        const call = calls.get(name) ?? {};
        call[parameter.name] = example.value;
        calls.set(name, call);
      }
    const id = operation.operationId ?? "";
    return [...calls].map(([name, parameters]) => ({ where: `${id} ${name}`, operationId: id, parameters }));
  });
}

/** The request an operation's parameters make: path parameters in the path, the rest as the query. */
export function requestPathOf(
  document: OpenApiDocument,
  operationId: string,
  parameters: Readonly<Record<string, unknown>>,
): string {
  const found = operationsOf(document).find((o) => o.operation.operationId === operationId);
  if (found === undefined) throw new Error(`The document has no operation '${operationId}'.`);
  const inPath = new Set(
    (found.operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
  );
  const path = found.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(String(parameters[name] ?? "")),
  );
  const query = new URLSearchParams(
    Object.entries(parameters)
      .filter(([name]) => !inPath.has(name))
      .map(([name, value]): [string, string] => [name, String(value)]),
  ).toString();
  return query === "" ? path : `${path}?${query}`;
}

/** What the descriptions show as examples, with the values the examples run each parameter with. */
export function describedOperationValues(document: OpenApiDocument): DescribedValue[] {
  const examples = operationExamples(document);
  const byParameter = valuesByParameter(examples.map((e) => e.parameters));
  return operationsOf(document).flatMap(({ operation }) => {
    const id = operation.operationId ?? "";
    const own = valuesByParameter(examples.filter((e) => e.operationId === id).map((e) => e.parameters));
    const anyOwn = [...own.values()].flat();
    return [
      ...describedValues(`${operation.summary ?? ""} ${operation.description ?? ""}`).map((value) => ({
        where: id,
        value,
        ranWith: anyOwn,
      })),
      ...(operation.parameters ?? []).flatMap((parameter) =>
        describedValues(parameter.description ?? "").map((value) => ({
          where: `${id} parameter ${parameter.name}`,
          value,
          ranWith: byParameter.get(parameter.name) ?? [],
        })),
      ),
    ];
  });
}

/** Descriptions announcing an example that is not a code span. */
export function unmarkedOperationExamples(document: OpenApiDocument): string[] {
  return operationsOf(document).flatMap(({ operation }) => {
    const id = operation.operationId ?? "";
    return [
      ...unmarkedExamples(`${operation.summary ?? ""} ${operation.description ?? ""}`).map(
        (t) => `${id}: ${t}`,
      ),
      ...(operation.parameters ?? []).flatMap((p) =>
        unmarkedExamples(p.description ?? "").map((t) => `${id} parameter ${p.name}: ${t}`),
      ),
    ];
  });
}

function operationsOf(document: OpenApiDocument): { path: string; operation: Operation }[] {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.values(methods).map((operation) => ({ path, operation })),
  );
}
