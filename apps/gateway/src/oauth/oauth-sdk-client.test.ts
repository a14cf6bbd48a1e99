/**
 * The official SDK client (2.x) signing in by itself, as a connector does: it meets the 401,
 * discovers the authorization server, registers, and sends the person to the sign-in page; the
 * test plays the person (pastes the key) and the browser (follows the redirect); the client
 * redeems the code, checks the issuer, and calls tools with its token. The gateway's public URL
 * is `https://headgate.test`; the client's fetch sends that host to the live test gateway.
 */
import {
  Client,
  type OAuthClientProvider,
  StreamableHTTPClientTransport,
  UnauthorizedError,
} from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

const PUBLIC = "https://headgate.test";
const REDIRECT = "http://localhost:33418/callback";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

type Stored<K extends keyof OAuthClientProvider> = Awaited<
  ReturnType<Extract<OAuthClientProvider[K], (...args: never[]) => unknown>>
>;

/** What a connector keeps between steps, in memory. */
class RememberingProvider implements OAuthClientProvider {
  client: Stored<"clientInformation">;
  saved: Stored<"tokens">;
  verifier = "";
  authorizationUrl: URL | undefined;
  get redirectUrl() {
    return REDIRECT;
  }
  get clientMetadata() {
    return {
      client_name: "SDK connector",
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "none",
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
    };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(client: Stored<"clientInformation">) {
    this.client = client;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: Stored<"tokens">) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

const toGateway = (url: string) => url.replace(PUBLIC, gateway.url);
const localFetch = (input: string | URL | Request, init?: RequestInit) =>
  input instanceof Request
    ? fetch(new Request(toGateway(input.url), input), init)
    : fetch(toGateway(String(input)), init);

function transportFor(provider: OAuthClientProvider) {
  return new StreamableHTTPClientTransport(new URL(`${PUBLIC}/mcp`), {
    authProvider: provider,
    fetch: localFetch,
  });
}

/** The person at the sign-in page pastes `apiKey`; the browser follows the redirect. */
async function signInAt(authorizationUrl: URL, apiKey: string): Promise<URL> {
  const form = new URLSearchParams(authorizationUrl.searchParams);
  form.set("api_key", apiKey);
  const answer = await fetch(`${gateway.url}/oauth/authorize`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: form.toString(),
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location") ?? "");
}

describe("the SDK's own OAuth client", () => {
  it("signs in through discovery, registration and PKCE, then calls tools", async () => {
    const provider = new RememberingProvider();
    const first = new Client({ name: "connector", version: "1.0.0" });
    await expect(first.connect(transportFor(provider))).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.client?.client_id).toMatch(/^hgo_client_/);
    const authorizationUrl = provider.authorizationUrl ?? new URL("about:blank");
    expect(authorizationUrl.origin + authorizationUrl.pathname).toBe(`${PUBLIC}/oauth/authorize`);
    expect(authorizationUrl.searchParams.get("resource")).toBe(`${PUBLIC}/mcp`);

    const callback = await signInAt(authorizationUrl, gateway.acme.queryKey);
    const transport = transportFor(provider);
    await transport.finishAuth(callback.searchParams);
    expect(provider.saved?.access_token).toMatch(/^hgo_at_/);

    const client = new Client({ name: "connector", version: "1.0.0" });
    await client.connect(transport);
    try {
      const answer = await client.callTool({
        name: "query_entity_set",
        arguments: { entity_set: "Jobs", select: "Job", top: 3 },
      });
      expect(answer.isError).toBeFalsy();
      expect((answer.structuredContent as { rows: unknown[] }).rows).toHaveLength(3);
    } finally {
      await client.close();
    }
  });

  it("refreshes by itself when its access token stops working, keeping each rotated refresh token", async () => {
    const provider = new RememberingProvider();
    await new Client({ name: "connector", version: "1.0.0" }).connect(transportFor(provider)).catch(() => {});
    const transport = transportFor(provider);
    await transport.finishAuth(
      (await signInAt(provider.authorizationUrl!, gateway.acme.queryKey)).searchParams,
    );
    const client = new Client({ name: "connector", version: "1.0.0" });
    await client.connect(transport);
    try {
      const refreshTokens = [provider.saved?.refresh_token];
      // Twice: the second refresh only works with the refresh token the first one rotated in.
      for (const round of [1, 2]) {
        provider.saved = { ...provider.saved!, access_token: `hgo_at_expired-${round}` };
        const answer = await client.callTool({ name: "list_entity_sets", arguments: {} });
        expect(answer.isError).toBeFalsy();
        expect(provider.saved?.access_token).toMatch(/^hgo_at_/);
        refreshTokens.push(provider.saved?.refresh_token);
      }
      expect(new Set(refreshTokens).size).toBe(3);
    } finally {
      await client.close();
    }
  });
});
