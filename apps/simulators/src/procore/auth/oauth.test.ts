import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CLIENT,
  form,
  type OAuthBody,
  type ProcoreTestServer,
  readJson,
  startProcoreTestServer,
  type TokenPair,
} from "../procore-test-client.ts";
import { AUTHORIZATION_CODE_ENDPOINT } from "./oauth-routes.ts";
import type { TokenInfo } from "./procore-tokens.ts";

let server: ProcoreTestServer;
let url: string;
beforeAll(async () => {
  server = await startProcoreTestServer();
  url = server.sim.url;
});
afterAll(() => server.close());

const token = (fields: Record<string, string>) => fetch(`${url}/oauth/token`, form(fields));
const projects = (accessToken: string) =>
  fetch(`${url}/rest/v1.0/projects?company_id=${server.data.company.id}`, {
    headers: { authorization: `Bearer ${accessToken}`, "procore-company-id": String(server.data.company.id) },
  });

async function codeFor(redirectUri: string): Promise<string> {
  const response = await fetch(`${url}${AUTHORIZATION_CODE_ENDPOINT}`, form({ redirect_uri: redirectUri }));
  return ((await response.json()) as { code: string }).code;
}

describe("Procore OAuth: client credentials", () => {
  it("issues a bearer token lasting 5400 s, without a refresh token, usable on the API", async () => {
    const response = await token({ grant_type: "client_credentials", ...CLIENT });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await readJson<OAuthBody>(response);
    expect(Object.keys(body).sort()).toEqual(["access_token", "created_at", "expires_in", "token_type"]);
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 5400 });
    expect(Math.abs(body.created_at - Date.now() / 1000)).toBeLessThan(5);
    expect((await projects(body.access_token)).status).toBe(200);
  });

  it("accepts the client's id and secret as HTTP Basic auth too", async () => {
    const basic = Buffer.from(`${CLIENT.client_id}:${CLIENT.client_secret}`).toString("base64");
    const response = await fetch(`${url}/oauth/token`, {
      method: "POST",
      headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=client_credentials",
    });
    expect(response.status).toBe(200);
  });

  it("refuses an unknown client or wrong secret with invalid_client", async () => {
    const response = await token({
      grant_type: "client_credentials",
      client_id: CLIENT.client_id,
      client_secret: "nope",
    });
    expect(response.status).toBe(401);
    expect((await readJson<OAuthBody>(response)).error).toBe("invalid_client");
  });

  it("names a missing or unsupported grant type", async () => {
    const missing = await token({ ...CLIENT });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: "invalid_request",
      error_description: "Missing required parameter: grant_type.",
    });
    const unsupported = await token({ grant_type: "password", ...CLIENT });
    expect((await readJson<OAuthBody>(unsupported)).error).toBe("unsupported_grant_type");
  });
});

describe("Procore OAuth: authorization code", () => {
  it("redirects the approved user back with a code and the state, and the code buys a token pair", async () => {
    const redirect = "http://127.0.0.1:9/callback";
    const authorize = await fetch(
      `${url}/oauth/authorize?response_type=code&client_id=${CLIENT.client_id}&redirect_uri=${encodeURIComponent(redirect)}&state=xyz`,
      { redirect: "manual" },
    );
    expect(authorize.status).toBe(302);
    const location = new URL(authorize.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    expect(location.searchParams.get("state")).toBe("xyz");
    const code = location.searchParams.get("code") ?? "";
    const response = await token({
      grant_type: "authorization_code",
      code,
      redirect_uri: redirect,
      ...CLIENT,
    });
    expect(response.status).toBe(200);
    const body = await readJson<OAuthBody>(response);
    expect(body).toMatchObject({ token_type: "bearer", expires_in: 5400 });
    expect(typeof body.refresh_token).toBe("string");
  });

  it("uses each code once, and only with the redirect URI it was issued for", async () => {
    const code = await codeFor("urn:ietf:wg:oauth:2.0:oob");
    const wrongUri = await token({
      grant_type: "authorization_code",
      code,
      redirect_uri: "http://elsewhere/cb",
      ...CLIENT,
    });
    expect(wrongUri.status).toBe(400);
    expect((await readJson<OAuthBody>(wrongUri)).error).toBe("invalid_grant");

    const fresh = server.definition.mintAuthorizationCode();
    const first = await token({
      grant_type: "authorization_code",
      code: fresh,
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
      ...CLIENT,
    });
    expect(first.status).toBe(200);
    const again = await token({
      grant_type: "authorization_code",
      code: fresh,
      redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
      ...CLIENT,
    });
    expect(again.status).toBe(400);
    expect((await readJson<OAuthBody>(again)).error).toBe("invalid_grant");
  });

  it("shows the code on Procore's native page for the out-of-band redirect", async () => {
    const authorize = await fetch(
      `${url}/oauth/authorize?response_type=code&client_id=${CLIENT.client_id}&redirect_uri=urn:ietf:wg:oauth:2.0:oob`,
      { redirect: "manual" },
    );
    expect(authorize.headers.get("location")).toMatch(/^\/oauth\/authorize\/native\?code=[0-9a-f]+$/);
  });
});

describe("Procore OAuth: rotating refresh tokens", () => {
  it("rotates on every refresh; a used refresh token fails, even though its successor works", async () => {
    const code = await codeFor("urn:ietf:wg:oauth:2.0:oob");
    const first = await readJson<TokenPair>(
      await token({
        grant_type: "authorization_code",
        code,
        redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
        ...CLIENT,
      }),
    );
    const second = await token({
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      ...CLIENT,
    });
    expect(second.status).toBe(200);
    const rotated = await readJson<TokenPair>(second);
    expect(rotated.refresh_token).not.toBe(first.refresh_token);
    expect((await projects(rotated.access_token)).status).toBe(200);

    const reused = await token({
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
      ...CLIENT,
    });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({
      error: "invalid_grant",
      error_description: "The refresh token is invalid",
    });
    expect(
      (await token({ grant_type: "refresh_token", refresh_token: rotated.refresh_token, ...CLIENT })).status,
    ).toBe(200);
  });

  it("revokes the whole grant, answering 200 even for unknown tokens", async () => {
    const code = await codeFor("urn:ietf:wg:oauth:2.0:oob");
    const pair = await readJson<TokenPair>(
      await token({
        grant_type: "authorization_code",
        code,
        redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
        ...CLIENT,
      }),
    );
    expect((await fetch(`${url}/oauth/revoke`, form({ token: pair.access_token, ...CLIENT }))).status).toBe(
      200,
    );
    expect((await projects(pair.access_token)).status).toBe(401);
    expect(
      (await token({ grant_type: "refresh_token", refresh_token: pair.refresh_token, ...CLIENT })).status,
    ).toBe(400);
    expect((await fetch(`${url}/oauth/revoke`, form({ token: "not-a-token", ...CLIENT }))).status).toBe(200);
  });

  it("describes a live token at /oauth/token/info", async () => {
    const access = await server.token();
    const info = await readJson<TokenInfo>(
      await fetch(`${url}/oauth/token/info`, { headers: { authorization: `Bearer ${access}` } }),
    );
    expect(info).toMatchObject({ application: { uid: CLIENT.client_id }, resource_owner_id: null });
    expect(info.expires_in).toBeGreaterThan(5390);
  });
});

describe("Procore OAuth: token lifetime", () => {
  it("refuses an access token after its configured lifetime, and a refresh brings access back", async () => {
    const short = await startProcoreTestServer({ tokenLifetimeSeconds: 1 });
    try {
      const code = short.definition.mintAuthorizationCode();
      const pair = await readJson<TokenPair>(
        await fetch(
          `${short.sim.url}/oauth/token`,
          form({
            grant_type: "authorization_code",
            code,
            redirect_uri: "urn:ietf:wg:oauth:2.0:oob",
            ...CLIENT,
          }),
        ),
      );
      expect(pair.expires_in).toBe(1);
      const call = (access: string) =>
        fetch(`${short.sim.url}/rest/v1.0/companies`, {
          headers: { authorization: `Bearer ${access}`, "procore-company-id": String(short.data.company.id) },
        });
      expect((await call(pair.access_token)).status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      const expired = await call(pair.access_token);
      expect(expired.status).toBe(401);
      expect(await expired.json()).toEqual({ errors: "The access token is invalid" });
      const refreshed = await readJson<TokenPair>(
        await fetch(
          `${short.sim.url}/oauth/token`,
          form({ grant_type: "refresh_token", refresh_token: pair.refresh_token, ...CLIENT }),
        ),
      );
      expect((await call(refreshed.access_token)).status).toBe(200);
    } finally {
      await short.close();
    }
  });

  it("can expire every token at once for connector tests", async () => {
    const access = await server.token();
    server.definition.expireAllTokens();
    expect((await projects(access)).status).toBe(401);
  });
});
