import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GRAPH_SCOPE, type GraphHarness, graphError, jsonOf, startGraph } from "../test-support.ts";

let graph: GraphHarness;
beforeAll(async () => {
  graph = await startGraph();
});
afterAll(() => graph.close());
beforeEach(() => graph.sim.faults.reset());

const credentials = () => graph.definition.credentials;
const clientCredentials = (overrides: Record<string, string> = {}) => ({
  grant_type: "client_credentials",
  client_id: credentials().clientId,
  client_secret: credentials().clientSecret,
  scope: GRAPH_SCOPE,
  ...overrides,
});

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString("utf8"));
}

interface TokenBody {
  token_type: string;
  expires_in: number;
  access_token: string;
  refresh_token?: string;
}

interface AadErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
}

describe("the identity platform token endpoint (client credentials)", () => {
  it("issues a bearer token for Graph with expires_in and no refresh token", async () => {
    const response = await graph.tokenRequest(clientCredentials());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toContain("no-store");
    const body = await jsonOf<TokenBody>(response);
    expect(body).toEqual({
      token_type: "Bearer",
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
    });
    expect(body.refresh_token).toBeUndefined();
    expect(claimsOf(body.access_token)).toMatchObject({
      aud: "https://graph.microsoft.com",
      tid: credentials().tenantId,
      appid: credentials().clientId,
      idtyp: "app",
      roles: expect.arrayContaining(["Sites.Read.All"]),
    });
  });

  it("accepts the client secret as HTTP Basic and the tenant by its domain name", async () => {
    const basic = Buffer.from(`${credentials().clientId}:${credentials().clientSecret}`).toString("base64");
    const response = await graph.tokenRequest(
      { grant_type: "client_credentials", scope: GRAPH_SCOPE },
      { tenant: "cascaderidge.onmicrosoft.com", headers: { authorization: `Basic ${basic}` } },
    );
    expect(response.status).toBe(200);
  });

  it("refuses a wrong secret with 401 invalid_client and AADSTS7000215", async () => {
    const response = await graph.tokenRequest(clientCredentials({ client_secret: "not-the-secret" }));
    expect(response.status).toBe(401);
    const body = await jsonOf<AadErrorBody>(response);
    expect(body.error).toBe("invalid_client");
    expect(body.error_codes).toEqual([7000215]);
    expect(body.error_description).toMatch(/^AADSTS7000215: Invalid client secret provided\./);
    expect(body.error_description).toContain(
      `\r\nTrace ID: ${body.trace_id}\r\nCorrelation ID: ${body.correlation_id}`,
    );
    expect(body.timestamp).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}Z$/);
  });

  it.each([
    ["an unknown tenant", {}, { tenant: "contoso.onmicrosoft.com" }, 400, "invalid_request", 90002],
    [
      "an unknown application",
      { client_id: "00000000-0000-0000-0000-000000000001" },
      {},
      400,
      "unauthorized_client",
      700016,
    ],
    ["no client secret", { client_secret: "" }, {}, 401, "invalid_client", 7000218],
    [
      "a delegated scope",
      { scope: "https://graph.microsoft.com/Sites.Read.All" },
      {},
      400,
      "invalid_scope",
      1002012,
    ],
    ["another resource", { scope: "https://api.example.com/.default" }, {}, 400, "invalid_resource", 500011],
    ["another grant", { grant_type: "password" }, {}, 400, "unsupported_grant_type", 70003],
  ])("refuses %s", async (_case, overrides, init, status, error, code) => {
    const form = Object.fromEntries(Object.entries(clientCredentials(overrides)).filter(([, v]) => v !== ""));
    const response = await graph.tokenRequest(form, init);
    expect(response.status).toBe(status);
    const body = await jsonOf<AadErrorBody>(response);
    expect(body.error).toBe(error);
    expect(body.error_codes).toEqual([code]);
    expect(body.error_description.startsWith(`AADSTS${code}: `)).toBe(true);
  });

  it("reads only form bodies: JSON is as good as no grant_type", async () => {
    const response = await fetch(`${graph.sim.url}/${credentials().tenantId}/oauth2/v2.0/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(clientCredentials()),
    });
    expect(response.status).toBe(400);
    expect((await jsonOf<AadErrorBody>(response)).error_codes).toEqual([900144]);
  });
});

describe("Graph's bearer check", () => {
  const site = "/sites/root";

  async function unauthorized(headers: Record<string, string>) {
    const response = await fetch(`${graph.sim.url}/v1.0${site}`, { headers });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain(
      'client_id="00000003-0000-0000-c000-000000000000"',
    );
    const error = await graphError(response);
    expect(error.code).toBe("InvalidAuthenticationToken");
    expect(error.innerError).toEqual({
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/),
      "request-id": expect.any(String),
      "client-request-id": expect.any(String),
    });
    return error.message;
  }

  it("answers a missing token with 'Access token is empty.'", async () => {
    expect(await unauthorized({})).toBe("Access token is empty.");
  });

  it("refuses a token that is not a JWT, or one it never issued", async () => {
    expect(await unauthorized({ authorization: "Bearer opaque-token" })).toMatch(
      /^IDX14100: JWT is not well formed/,
    );
    expect(await unauthorized({ authorization: "Bearer a.b.c" })).toBe("Access token validation failure.");
  });

  it("refuses a token issued for SharePoint rather than Graph", async () => {
    const response = await graph.tokenRequest(
      clientCredentials({ scope: "https://cascaderidge.sharepoint.com/.default" }),
    );
    const { access_token } = await jsonOf<TokenBody>(response);
    expect(await unauthorized({ authorization: `Bearer ${access_token}` })).toBe(
      "Access token validation failure. Invalid audience.",
    );
  });

  it("accepts a fresh token and refuses it once expired", async () => {
    const token = await graph.token();
    expect((await graph.get(site, { authorization: `Bearer ${token}` })).status).toBe(200);
    graph.definition.tokens.expireAll();
    expect(await unauthorized({ authorization: `Bearer ${token}` })).toBe(
      "Lifetime validation failed, the token is expired.",
    );
  });

  it("refuses every token while the rejectTokens switch is on, echoing the client-request-id", async () => {
    const token = await graph.token();
    graph.sim.faults.set({ rejectTokens: true });
    const response = await fetch(`${graph.sim.url}/v1.0${site}`, {
      headers: { authorization: `Bearer ${token}`, "client-request-id": "trace-me" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("client-request-id")).toBe("trace-me");
    expect((await graphError(response)).innerError["client-request-id"]).toBe("trace-me");
    graph.sim.faults.set({ rejectTokens: false });
    expect((await graph.get(site, { authorization: `Bearer ${token}` })).status).toBe(200);
  });
});
