/**
 * Plain HTTP calls for gateway tests: what a client sends, what it gets back, nothing mocked.
 */

export interface HttpAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The parsed JSON body (undefined when the body is not JSON); tests inspect it freely. */
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected dynamically by tests
  readonly body: any;
}

export interface HttpRequest {
  readonly method?: string;
  /** An API key: sent as `Authorization: Bearer <key>`. */
  readonly key?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly json?: unknown;
}

export async function http(url: string, request: HttpRequest = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.key !== undefined) headers.authorization = `Bearer ${request.key}`;
  if (request.json !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method: request.method ?? (request.json === undefined ? "GET" : "POST"),
    headers,
    ...(request.json === undefined ? {} : { body: JSON.stringify(request.json) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}
