/**
 * Real MCP clients for the tests and the benchmark: the SDK's 2.x client (either protocol era)
 * and its 1.x client (2025-11-25 only), over Streamable HTTP or stdio, reduced to the calls the
 * tests make. Nothing here knows Headgate: it is what Claude, Cursor or ChatGPT would run.
 */
import type { Stream } from "node:stream";
import { Client, StreamableHTTPClientTransport } from "@modelcontextprotocol/client";
import { StdioClientTransport } from "@modelcontextprotocol/client/stdio";
import { Client as V1Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport as V1StdioTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport as V1HttpTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

export type ClientLine = "v2-modern" | "v2-legacy" | "v1";
export const CLIENT_LINES: readonly ClientLine[] = ["v2-modern", "v2-legacy", "v1"];

export interface ToolAnswer {
  readonly isError: boolean;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: structured results are inspected dynamically by tests
  readonly structured: any;
}

export interface TestMcpClient {
  readonly protocolVersion: string | undefined;
  listTools(): Promise<{ tools: { name: string; annotations?: unknown; outputSchema?: unknown }[] }>;
  call(
    name: string,
    args: Record<string, unknown>,
    onProgress?: (message: string) => void,
  ): Promise<ToolAnswer>;
  listResources(): Promise<{ uri: string }[]>;
  listResourceTemplates(): Promise<{ uriTemplate: string }[]>;
  readResource(uri: string): Promise<string>;
  listPrompts(): Promise<{ name: string }[]>;
  getPrompt(name: string, args: Record<string, string>): Promise<string>;
  /** What a stdio server wrote to stderr so far (its log); empty over HTTP. */
  stderr(): string;
  close(): Promise<void>;
}

export type Target =
  | { readonly url: string; readonly key: string }
  | { readonly command: string; readonly args: string[]; readonly env?: Record<string, string> };

export async function connectClient(line: ClientLine, target: Target): Promise<TestMcpClient> {
  if (line === "v1") return connectV1(target);
  const client = new Client(
    { name: "headgate-test", version: "1.0.0" },
    line === "v2-modern" ? { versionNegotiation: { mode: { pin: "2026-07-28" } } } : {},
  );
  const transport =
    "url" in target
      ? new StreamableHTTPClientTransport(new URL(target.url), {
          requestInit: { headers: { authorization: `Bearer ${target.key}` } },
        })
      : new StdioClientTransport({
          command: target.command,
          args: target.args,
          env: stdioEnv(target.env),
          stderr: "pipe",
        });
  const stderr = collect("stderr" in transport ? transport.stderr : null);
  await client.connect(transport);
  return wrap(client, client.getNegotiatedProtocolVersion(), stderr);
}

async function connectV1(target: Target): Promise<TestMcpClient> {
  const client = new V1Client({ name: "headgate-test-v1", version: "1.0.0" });
  const transport =
    "url" in target
      ? new V1HttpTransport(new URL(target.url), {
          requestInit: { headers: { authorization: `Bearer ${target.key}` } },
        })
      : new V1StdioTransport({
          command: target.command,
          args: target.args,
          env: stdioEnv(target.env),
          stderr: "pipe",
        });
  const stderr = collect("stderr" in transport ? transport.stderr : null);
  await client.connect(transport);
  return wrap(client, client.getServerVersion() ? "2025-11-25" : undefined, stderr);
}

/** Everything a stream carries from now on, as text. */
function collect(stream: Stream | null): () => string {
  let text = "";
  stream?.on("data", (chunk: Buffer | string) => {
    text += chunk.toString();
  });
  return () => text;
}

function stdioEnv(extra: Record<string, string> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) if (value !== undefined) env[name] = value;
  return { ...env, ...extra };
}

/** The calls both SDK lines share, typed loosely enough to serve both. */
interface AnyClient {
  listTools(): Promise<unknown>;
  callTool(params: { name: string; arguments: Record<string, unknown> }, ...rest: never[]): Promise<unknown>;
  listResources(): Promise<unknown>;
  listResourceTemplates(): Promise<unknown>;
  readResource(params: { uri: string }): Promise<unknown>;
  listPrompts(): Promise<unknown>;
  getPrompt(params: { name: string; arguments: Record<string, string> }): Promise<unknown>;
  close(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: protocol results are inspected dynamically by tests
type Loose = any;

function wrap(client: AnyClient, protocolVersion: string | undefined, stderr: () => string): TestMcpClient {
  const call = client.callTool.bind(client) as (...args: unknown[]) => Promise<Loose>;
  return {
    protocolVersion,
    listTools: async () => (await client.listTools()) as Loose,
    call: async (name, args, onProgress) => {
      const progress = onProgress
        ? { onprogress: (p: { message?: string }) => onProgress(p.message ?? "") }
        : {};
      // v1 takes (params, resultSchema, options); v2 takes (params, options).
      const result =
        client instanceof V1Client
          ? await call({ name, arguments: args }, undefined, progress)
          : await call({ name, arguments: args }, progress);
      const text = (result.content ?? []).map((c: Loose) => (c.type === "text" ? c.text : "")).join("");
      return { isError: result.isError === true, text, structured: result.structuredContent };
    },
    listResources: async () => ((await client.listResources()) as Loose).resources,
    listResourceTemplates: async () => ((await client.listResourceTemplates()) as Loose).resourceTemplates,
    readResource: async (uri) => ((await client.readResource({ uri })) as Loose).contents[0].text,
    listPrompts: async () => ((await client.listPrompts()) as Loose).prompts,
    getPrompt: async (name, args) =>
      ((await client.getPrompt({ name, arguments: args })) as Loose).messages[0].content.text,
    stderr,
    close: () => client.close(),
  };
}
