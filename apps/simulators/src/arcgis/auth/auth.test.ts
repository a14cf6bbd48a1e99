import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ArcgisTestClient, readJson, SERVICE_PATH } from "../test-support/arcgis-client.ts";

const LIFETIME = 900;
let client: ArcgisTestClient;
beforeAll(async () => {
  client = await ArcgisTestClient.start({ tokenLifetimeSeconds: LIFETIME });
});
afterAll(() => client.close());
beforeEach(() => {
  client.token = undefined;
  client.sim.faults.reset();
});

const layerUrl = `${SERVICE_PATH}/0`;
const { username, password } = { username: "gisviewer", password: "cascade-ridge-gis" };

describe("ArcGIS token security", () => {
  it("refuses a request without a token with 499 Token Required, in an HTTP 200 body", async () => {
    const response = await fetch(client.url(layerUrl, { f: "json" }));
    expect(response.status).toBe(200);
    expect(await readJson(response)).toEqual({
      error: { code: 499, message: "Token Required", messageCode: "GWM_0003", details: ["Token Required"] },
    });
  });

  it("issues a token from generateToken with an epoch-ms expiry, usable as the token parameter", async () => {
    const before = Date.now();
    const body = await client.post("/arcgis/tokens/generateToken", {
      username,
      password,
      client: "requestip",
      f: "json",
    });
    expect(body.ssl).toBe(false);
    expect(body.expires as number).toBeGreaterThanOrEqual(before + LIFETIME * 1000);
    expect(body.expires as number).toBeLessThan(Date.now() + LIFETIME * 1000 + 1000);
    const layer = await client.get(layerUrl, { f: "json", token: String(body.token) });
    expect(layer.name).toBe("Project Sites");
  });

  it("accepts the token in the X-Esri-Authorization header and in a POST body", async () => {
    const token = await client.signIn();
    client.token = undefined;
    const viaHeader = await fetch(client.url(layerUrl, { f: "json" }), {
      headers: { "X-Esri-Authorization": `Bearer ${token}` },
    });
    expect((await readJson(viaHeader)).name).toBe("Project Sites");
    const viaForm = await client.post(`${layerUrl}/query`, {
      f: "json",
      where: "1=1",
      returnCountOnly: true,
      token,
    });
    expect(viaForm.count).toBeGreaterThan(0);
  });

  it("shortens a token's life to the requested expiration (minutes)", async () => {
    const body = await client.post("/arcgis/tokens/generateToken", {
      username,
      password,
      expiration: 1,
      f: "json",
    });
    expect(body.expires as number).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it("refuses wrong credentials with 'Unable to generate token.'", async () => {
    const body = await client.post("/arcgis/tokens/generateToken", { username, password: "nope", f: "json" });
    expect(body).toEqual({
      error: { code: 400, message: "Unable to generate token.", details: ["Invalid username or password."] },
    });
  });

  it("answers unknown and expired tokens with 498 Invalid Token", async () => {
    expect((await client.get(layerUrl, { f: "json", token: "forged" })).error).toEqual({
      code: 498,
      message: "Invalid Token",
      details: [],
    });
    const token = await client.signIn();
    client.definition.auth.expireAll();
    expect((await client.get(layerUrl, { f: "json", token })).error?.code).toBe(498);
    await client.signIn();
    expect((await client.get(layerUrl, { f: "json" })).error).toBeUndefined();
  });

  it("binds a client=referer token to its Referer", async () => {
    const body = await client.post("/arcgis/tokens/generateToken", {
      username,
      password,
      client: "referer",
      referer: "https://gateway.example",
      f: "json",
    });
    const url = client.url(layerUrl, { f: "json", token: String(body.token) });
    expect((await readJson(await fetch(url, { headers: { Referer: "https://gateway.example" } }))).name).toBe(
      "Project Sites",
    );
    expect((await readJson(await fetch(url))).error?.code).toBe(498);
  });

  it("issues OAuth client-credentials tokens with expires_in in seconds", async () => {
    const { clientId, clientSecret } = client.definition.credentials;
    const body = await client.post("/arcgis/sharing/rest/oauth2/token", {
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
      f: "json",
    });
    expect(body.expires_in).toBe(LIFETIME);
    const layer = await fetch(client.url(layerUrl, { f: "json" }), {
      headers: { "X-Esri-Authorization": `Bearer ${body.access_token}` },
    });
    expect((await readJson(layer)).id).toBe(0);
  });

  it("refuses a bad client or grant with the portal's OAuth error body", async () => {
    const { clientId } = client.definition.credentials;
    const body = await client.post("/arcgis/sharing/rest/oauth2/token", {
      client_id: clientId,
      client_secret: "wrong",
      grant_type: "client_credentials",
    });
    expect(body.error).toEqual({
      code: 400,
      error: "invalid_client",
      error_description: "Invalid client_secret",
      message: "Invalid client_secret",
      details: [],
    });
    const grant = await client.post("/arcgis/sharing/rest/oauth2/token", {
      client_id: clientId,
      grant_type: "password",
    });
    expect((grant.error as unknown as { error: string }).error).toBe("unsupported_grant_type");
  });

  it("rejects every token while the rejectTokens fault is on, then recovers", async () => {
    await client.signIn();
    client.sim.faults.set({ rejectTokens: true });
    expect((await client.get(layerUrl, { f: "json" })).error?.code).toBe(498);
    client.sim.faults.set({ rejectTokens: false });
    expect((await client.get(layerUrl, { f: "json" })).id).toBe(0);
  });
});

describe("an unsecured service", () => {
  let open: ArcgisTestClient;
  beforeAll(async () => {
    open = await ArcgisTestClient.start({ requireToken: false });
  });
  afterAll(() => open.close());

  it("serves anonymous requests but still refuses a bad token", async () => {
    expect((await open.get(layerUrl, { f: "json" })).id).toBe(0);
    expect((await open.get(layerUrl, { f: "json", token: "stale" })).error?.code).toBe(498);
  });
});
