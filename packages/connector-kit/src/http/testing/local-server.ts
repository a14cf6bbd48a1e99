/**
 * Test support: a tiny real HTTP server on 127.0.0.1 (ephemeral port) whose answers a test
 * scripts request by request, recording what each request carried. The wire client is tested
 * against real sockets, not a stubbed fetch.
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export interface SeenRequest {
  readonly method: string;
  /** Path and query, as sent. */
  readonly url: string;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

export interface Answer {
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON unless it is a string. */
  readonly body?: unknown;
}

export type Handler = (request: SeenRequest, server: LocalServer) => Answer | Promise<Answer>;

export interface LocalServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  close(): Promise<void>;
}

export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", async () => {
      const seen: SeenRequest = {
        method: incoming.method ?? "GET",
        url: incoming.url ?? "/",
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(seen);
      try {
        const answer = await handler(seen, local);
        const text = typeof answer.body === "string" ? answer.body : JSON.stringify(answer.body ?? null);
        outgoing.writeHead(answer.status ?? 200, {
          "content-type": typeof answer.body === "string" ? "text/plain" : "application/json",
          ...answer.headers,
        });
        outgoing.end(text);
      } catch (error) {
        outgoing.writeHead(599);
        outgoing.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const local: LocalServer = {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return local;
}

/** A request context with a deadline `ms` away and a signal nobody aborts. */
export function contextFor(ms = 10_000): {
  signal: AbortSignal;
  deadline: number;
  stats: { upstreamCalls: number };
} {
  return { signal: new AbortController().signal, deadline: Date.now() + ms, stats: { upstreamCalls: 0 } };
}
