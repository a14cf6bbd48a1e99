/**
 * An MCP client that signs in instead of sending a static key (ChatGPT developer-mode
 * connectors, Claude connectors) goes through discovery, dynamic registration, the sign-in page
 * with PKCE and the token endpoint, then uses /mcp with its access token, as the workspace and
 * key it signed in with. Everything here is plain HTTP against a live gateway, as a client does it.
 */
import { createHash, randomBytes } from "node:crypto";
import Fastify from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_LINES, connectClient } from "../mcp/mcp-test-clients.ts";
import { installErrorHandling } from "../server/error-handler.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";
import { oauthRoutes } from "./oauth-routes.ts";

let gateway: TestGateway;
beforeAll(async () => {
  gateway = await startTestGateway();
});
afterAll(() => gateway?.close());

const PUBLIC = "https://headgate.test";
const REDIRECT = "https://chatgpt.com/connector_platform_oauth_redirect";

async function register(redirectUris: unknown = [REDIRECT]) {
  return http(`${gateway.url}/oauth/register`, {
    json: { client_name: "ChatGPT", redirect_uris: redirectUris, token_endpoint_auth_method: "none" },
  });
}

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeParams(clientId: string, challenge: string, extra: Record<string, string> = {}) {
  return new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: REDIRECT,
    code_challenge: challenge,
    code_challenge_method: "S256",
    state: "xyz",
    scope: "query",
    resource: `${PUBLIC}/mcp`,
    ...extra,
  });
}

async function form(path: string, params: URLSearchParams, base = gateway.url) {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: params.toString(),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), text: await response.text() };
}

/** Registration, sign-in with `apiKey`, and the code exchange: the tokens a client ends with. */
async function signIn(apiKey: string) {
  const clientId = (await register()).body.client_id as string;
  const { verifier, challenge } = pkce();
  const params = authorizeParams(clientId, challenge);
  params.set("api_key", apiKey);
  const redirected = await form("/oauth/authorize", params);
  expect(redirected.status).toBe(302);
  const code = new URL(redirected.location ?? "").searchParams.get("code") ?? "";
  const exchange = new URLSearchParams({
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT,
    client_id: clientId,
    code_verifier: verifier,
  });
  const tokens = await form("/oauth/token", exchange);
  return {
    clientId,
    code,
    verifier,
    exchange,
    tokens: { status: tokens.status, ...JSON.parse(tokens.text) },
  };
}

describe("discovery", () => {
  it("answers an unauthenticated /mcp call with where to sign in", async () => {
    const answer = await http(`${gateway.url}/mcp`, {
      json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("www-authenticate")).toContain(
      `resource_metadata="${PUBLIC}/.well-known/oauth-protected-resource/mcp"`,
    );
  });

  it("publishes the protected resource and the authorization server", async () => {
    const resource = await http(`${gateway.url}/.well-known/oauth-protected-resource/mcp`);
    expect(resource.body).toMatchObject({ resource: `${PUBLIC}/mcp`, authorization_servers: [PUBLIC] });
    const server = await http(`${gateway.url}/.well-known/oauth-authorization-server`);
    expect(server.body).toMatchObject({
      issuer: PUBLIC,
      authorization_endpoint: `${PUBLIC}/oauth/authorize`,
      token_endpoint: `${PUBLIC}/oauth/token`,
      registration_endpoint: `${PUBLIC}/oauth/register`,
      revocation_endpoint: `${PUBLIC}/oauth/revoke`,
      code_challenge_methods_supported: ["S256"],
    });
  });
});

describe("signing in", () => {
  it("registers a public client and shows a sign-in page naming it", async () => {
    const registered = await register();
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ redirect_uris: [REDIRECT], token_endpoint_auth_method: "none" });
    const page = await fetch(
      `${gateway.url}/oauth/authorize?${authorizeParams(registered.body.client_id, pkce().challenge)}`,
    );
    expect(page.status).toBe(200);
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    expect(html).toContain("ChatGPT");
    expect(html).toContain('name="api_key"');
  });

  it.each(CLIENT_LINES)(
    "gives tokens that a %s client uses on /mcp as the signed-in workspace",
    async (line) => {
      const { tokens } = await signIn(gateway.acme.queryKey);
      expect(tokens).toMatchObject({ status: 200, token_type: "Bearer", expires_in: 3600, scope: "query" });
      const client = await connectClient(line, { url: `${gateway.url}/mcp`, key: tokens.access_token });
      try {
        const answer = await client.call("query_entity_set", { entity_set: "Jobs", select: "Job", top: 2 });
        expect(answer.isError).toBe(false);
        expect(answer.structured.rows).toHaveLength(2);
      } finally {
        await client.close();
      }
    },
  );

  it("keeps a token to the workspace of the key it was granted with", async () => {
    const { tokens } = await signIn(gateway.other.queryKey);
    const client = await connectClient("v2-modern", { url: `${gateway.url}/mcp`, key: tokens.access_token });
    try {
      const listed = await client.call("list_entity_sets", {});
      const names = listed.structured.entitySets.map((set: { name: string }) => set.name);
      // Vendors are acme's (Sage); the other workspace holds only the sample data.
      expect(names).not.toContain("Vendors");
      expect((await client.call("query_entity_set", { entity_set: "Vendors" })).isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("refreshes an access token for the client it was issued to", async () => {
    const { clientId, tokens } = await signIn(gateway.acme.queryKey);
    const refresh = (client: string) =>
      form(
        "/oauth/token",
        new URLSearchParams({
          grant_type: "refresh_token",
          refresh_token: tokens.refresh_token,
          client_id: client,
        }),
      );
    const refreshed = await refresh(clientId);
    expect(refreshed.status).toBe(200);
    expect(JSON.parse(refreshed.text).access_token).toMatch(/^hgo_at_/);
    const stolen = await refresh((await register()).body.client_id);
    expect(stolen.status).toBe(400);
    expect(JSON.parse(stolen.text).error).toBe("invalid_grant");
  });
});

describe("what is refused", () => {
  it("registers no redirect URI an attacker could use", async () => {
    for (const uris of [["http://evil.example/cb"], ["https://ok.example/cb#frag"], [], "https://x"]) {
      const answer = await register(uris);
      expect(answer.status).toBe(400);
      expect(answer.body.error).toBe("invalid_redirect_uri");
    }
  });

  it("never redirects to a URI the client did not register", async () => {
    const clientId = (await register()).body.client_id;
    const params = authorizeParams(clientId, pkce().challenge, { redirect_uri: "https://evil.example/cb" });
    const answer = await fetch(`${gateway.url}/oauth/authorize?${params}`, { redirect: "manual" });
    expect(answer.status).toBe(400);
    expect(answer.headers.get("location")).toBeNull();
  });

  it("sends a request without PKCE back to the client with an error", async () => {
    const clientId = (await register()).body.client_id;
    const params = authorizeParams(clientId, pkce().challenge, { code_challenge_method: "plain" });
    const answer = await fetch(`${gateway.url}/oauth/authorize?${params}`, { redirect: "manual" });
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("location") ?? "");
    expect(location.searchParams.get("error")).toBe("invalid_request");
    expect(location.searchParams.get("state")).toBe("xyz");
  });

  it("asks again, without echoing it, when the key is wrong", async () => {
    const clientId = (await register()).body.client_id;
    const params = authorizeParams(clientId, pkce().challenge);
    params.set("api_key", "hg_not_a_real_key_0123456789");
    const answer = await form("/oauth/authorize", params);
    expect(answer.status).toBe(401);
    expect(answer.text).toContain("not an active API key");
    expect(answer.text).not.toContain("hg_not_a_real_key");
  });

  it("exchanges a code once, and only with its verifier", async () => {
    const { exchange } = await signIn(gateway.acme.queryKey);
    const again = await form("/oauth/token", exchange);
    expect(JSON.parse(again.text).error).toBe("invalid_grant");
    const { code, clientId } = await signIn(gateway.acme.queryKey).catch(() => ({ code: "", clientId: "" }));
    const wrong = await form(
      "/oauth/token",
      new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT,
        client_id: clientId,
        code_verifier: pkce().verifier,
      }),
    );
    expect(wrong.status).toBe(400);
    expect(JSON.parse(wrong.text).error).toBe("invalid_grant");
  });

  it("refuses an altered access token at /mcp", async () => {
    const { tokens } = await signIn(gateway.acme.queryKey);
    const altered = `${tokens.access_token.slice(0, -2)}AA`;
    const answer = await http(`${gateway.url}/mcp`, {
      key: altered,
      json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    expect(answer.status).toBe(401);
  });

  it("ends a grant when the API key it was made with is revoked", async () => {
    const key = await gateway.store.apiKeys.create(gateway.acme.id, { name: "connector", scopes: ["query"] });
    const { tokens } = await signIn(key.plaintext);
    await gateway.store.apiKeys.revoke(gateway.acme.id, key.apiKey.id);
    const answer = await http(`${gateway.url}/mcp`, {
      key: tokens.access_token,
      json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
    });
    expect(answer.status).toBe(401);
    expect(answer.body.error?.message ?? answer.text).toContain("Sign in again");
  });
});

/** A 2025-11-25 `tools/list` on /mcp with a token: the HTTP status it gets. */
async function mcpStatus(accessToken: string): Promise<number> {
  const answer = await http(`${gateway.url}/mcp`, {
    key: accessToken,
    headers: { accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-11-25" },
    json: { jsonrpc: "2.0", id: 1, method: "tools/list" },
  });
  return answer.status;
}

function refreshWith(refreshToken: string, clientId: string, base = gateway.url) {
  return form(
    "/oauth/token",
    new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: clientId }),
    base,
  );
}

describe("grants shared by every replica, each code and refresh token used once", () => {
  it("rotates the refresh token; a spent one coming back ends the sign-in, as a stolen copy would", async () => {
    const { clientId, tokens } = await signIn(gateway.acme.queryKey);
    const first = await refreshWith(tokens.refresh_token, clientId);
    const next = JSON.parse(first.text);
    expect(next.refresh_token).not.toBe(tokens.refresh_token);
    expect(JSON.parse((await refreshWith(next.refresh_token, clientId)).text).refresh_token).toMatch(
      /^hgo_rt_/,
    );
    const replayed = await refreshWith(tokens.refresh_token, clientId);
    expect(replayed.status).toBe(400);
    expect(JSON.parse(replayed.text).error_description).toContain("already used");
    expect(await mcpStatus(next.access_token)).toBe(401);
    expect(JSON.parse((await refreshWith(next.refresh_token, clientId)).text).error).toBe("invalid_grant");
  });

  it("revokes the tokens of a code that is redeemed twice", async () => {
    const { exchange, tokens } = await signIn(gateway.acme.queryKey);
    expect(await mcpStatus(tokens.access_token)).toBe(200);
    const again = await form("/oauth/token", exchange);
    expect(JSON.parse(again.text).error_description).toContain("already used");
    expect(await mcpStatus(tokens.access_token)).toBe(401);
  });

  it("refuses on a second replica a code or refresh token the first one took", async () => {
    const replica = Fastify();
    installErrorHandling(replica);
    // Another replica: its own routes and memory, the same store (as replicas share a database).
    await replica.register(async (scope) => oauthRoutes(scope, { ...gateway.context }));
    const replicaUrl = await replica.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { clientId, exchange, tokens } = await signIn(gateway.acme.queryKey);
      expect(JSON.parse((await form("/oauth/token", exchange, replicaUrl)).text).error).toBe("invalid_grant");
      const rotated = await refreshWith(tokens.refresh_token, clientId, replicaUrl);
      expect(rotated.status).toBe(400);
      const fresh = await signIn(gateway.acme.queryKey);
      expect((await refreshWith(fresh.tokens.refresh_token, fresh.clientId, replicaUrl)).status).toBe(200);
      expect((await refreshWith(fresh.tokens.refresh_token, fresh.clientId)).status).toBe(400);
    } finally {
      await replica.close();
    }
  });
});

describe("signing out (token revocation, RFC 7009)", () => {
  const revoke = (token: string, clientId: string) =>
    form("/oauth/revoke", new URLSearchParams({ token, client_id: clientId }));

  it("ends the whole grant when the client revokes its refresh token", async () => {
    const { clientId, tokens } = await signIn(gateway.acme.queryKey);
    expect(await mcpStatus(tokens.access_token)).toBe(200);
    expect((await revoke(tokens.refresh_token, clientId)).status).toBe(200);
    expect(await mcpStatus(tokens.access_token)).toBe(401);
    expect((await refreshWith(tokens.refresh_token, clientId)).status).toBe(400);
  });

  it("ends the grant from its access token too", async () => {
    const { clientId, tokens } = await signIn(gateway.acme.queryKey);
    expect((await revoke(tokens.access_token, clientId)).status).toBe(200);
    expect((await refreshWith(tokens.refresh_token, clientId)).status).toBe(400);
  });

  it("answers an unknown token as revoked, and refuses to revoke another client's token", async () => {
    const { tokens } = await signIn(gateway.acme.queryKey);
    expect((await revoke("hgo_rt_not-a-token", "anyone")).status).toBe(200);
    const foreign = await revoke(tokens.refresh_token, (await register()).body.client_id);
    expect(foreign.status).toBe(400);
    expect(JSON.parse(foreign.text).error).toBe("unauthorized_client");
    expect(await mcpStatus(tokens.access_token)).toBe(200);
  });
});
