/**
 * The examples of an MCP server, read from what `tools/list` and `prompts/list` answer: each
 * tool's input schema lists whole argument objects under `examples`, and a code span in a
 * description holding a JSON object is one more. Other spans are values of the tool's arguments.
 * A prompt's argument descriptions show example values, and the prompt's text shows tool calls as
 * `tool_name {json}` spans.
 */
import {
  type DescribedValue,
  describedValues,
  unmarkedExamples,
  valuesByParameter,
} from "./described-examples.ts";
import { codeSpans, type ExampleCall, exampleIn } from "./markdown-examples.ts";

export interface ListedTool {
  readonly name: string;
  readonly description?: string;
  readonly inputSchema: {
    readonly properties?: Readonly<Record<string, { readonly description?: string }>>;
    readonly examples?: readonly unknown[];
  };
}

export interface ListedPrompt {
  readonly name: string;
  readonly arguments?: readonly { readonly name: string; readonly description?: string }[];
}

export interface ToolExample {
  readonly where: string;
  readonly tool: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export function toolExamples(tools: readonly ListedTool[]): ToolExample[] {
  return tools.flatMap((tool) => [
    ...(tool.inputSchema.examples ?? []).map((args, i) => ({
      where: `${tool.name} inputSchema.examples[${i}]`,
      tool: tool.name,
      args: args as Record<string, unknown>,
    })),
    ...textsOf(tool).flatMap(({ where, text }) =>
      codeSpans(text)
        .map((span) => jsonObject(span))
        .filter((args) => args !== undefined)
        .map((args) => ({ where, tool: tool.name, args })),
    ),
  ]);
}

/** What the descriptions show as argument values, with the values the examples run them with. */
export function describedToolValues(tools: readonly ListedTool[]): DescribedValue[] {
  const examples = toolExamples(tools);
  const byArgument = valuesByParameter(examples.map((e) => e.args));
  return tools.flatMap((tool) => {
    const own = [
      ...valuesByParameter(examples.filter((e) => e.tool === tool.name).map((e) => e.args)).values(),
    ];
    return textsOf(tool).flatMap(({ where, text, argument }) =>
      describedValues(text)
        .filter((value) => jsonObject(value) === undefined)
        .map((value) => ({
          where,
          value,
          ranWith: argument === undefined ? own.flat() : (byArgument.get(argument) ?? []),
        })),
    );
  });
}

export function unmarkedToolExamples(tools: readonly ListedTool[]): string[] {
  return tools.flatMap((tool) =>
    textsOf(tool).flatMap(({ where, text }) => unmarkedExamples(text).map((t) => `${where}: ${t}`)),
  );
}

/** The argument values each prompt's argument descriptions show, as one set per prompt. */
export function promptArguments(prompt: ListedPrompt): Record<string, string> {
  return Object.fromEntries(
    (prompt.arguments ?? []).flatMap((argument) => {
      const [value] = describedValues(argument.description ?? "");
      return value === undefined ? [] : [[argument.name, value]];
    }),
  );
}

/** The tool calls a prompt's text shows. */
export function callsInText(text: string, where: string): ExampleCall[] {
  return codeSpans(text)
    .map((span) => exampleIn(span, where))
    .filter((example): example is ExampleCall => example?.kind === "call");
}

function textsOf(tool: ListedTool): { where: string; text: string; argument?: string }[] {
  return [
    { where: `${tool.name} description`, text: tool.description ?? "" },
    ...Object.entries(tool.inputSchema.properties ?? {}).map(([argument, schema]) => ({
      where: `${tool.name} argument ${argument}`,
      text: schema.description ?? "",
      argument,
    })),
  ];
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.trim().startsWith("{")) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
