import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGateway } from "../server/build-gateway.ts";
import { http } from "../testing/http.ts";
import { startTestGateway, type TestGateway } from "../testing/test-gateway.ts";

/** Every line the gateway logs, at the most verbose level. */
class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(chunk.toString("utf8"));
    done();
  }
  get text(): string {
    return this.lines.join("");
  }
}

let gateway: TestGateway;
let logged: FastifyInstance;
let url: string;
const logs = new LogCapture();

beforeAll(async () => {
  gateway = await startTestGateway();
  // A second app over the same gateway context, logging everything into the capture.
  logged = await buildGateway(gateway.context, { logger: { level: "trace", stream: logs } });
  url = await logged.listen({ host: "127.0.0.1", port: 0 });
});
afterAll(async () => {
  await logged.close();
  await gateway.close();
});

/** A distinct, recognisable secret per request, so a leak names the request that leaked it. */
let counter = 0;
const secret = () => `hg_secret${++counter}_${"x".repeat(8)}`;

describe("request logs", () => {
  it("never contain a credential sent in the URL, on any door, while naming the parameter", async () => {
    const sent: string[] = [];
    const send = async (path: (value: string) => string, key?: string) => {
      const value = secret();
      sent.push(value);
      await http(`${url}${path(value)}`, key === undefined ? {} : { key });
    };
    const { queryKey } = gateway.acme;
    await send((s) => `/odata/Jobs?api_key=${s}`);
    await send((s) => `/odata/Jobs?$top=1&access_token=${s}`, queryKey);
    await send((s) => `/odata/Jobs?$filter=bad(&API_KEY=${s}`, queryKey);
    await send((s) => `/api/entity-sets/Jobs/rows?top=1&access_token=${s}`, queryKey);
    await send((s) => `/api/entity-sets/Jobs/rows?apiKey=${s}`);
    await send((s) => `/mcp?api_key=${s}`);
    await send((s) => `/admin/keys?token=${s}`);
    await send((s) => `/oauth/token?client_secret=${s}`);
    await send((s) => `/oauth/authorize?response_type=code&code=${s}`);
    await send((s) => `/oauth/token?refresh_token=${s}&code_verifier=${s}`);
    await send((s) => `/nowhere?api%5Fkey=${s}`);
    await send((s) => `/odata/Jobs?password=${s};sig=${s}`, queryKey);

    expect(logs.text).toContain("incoming request");
    for (const value of sent) expect(logs.text).not.toContain(value);
    expect(logs.text).toContain("api_key=[redacted]");
    expect(logs.text).toContain("access_token=[redacted]");
    expect(logs.text).toContain("top=1");
  });

  it("never contain a credential sent in a header", async () => {
    const values = [secret(), secret(), secret(), secret()];
    await http(`${url}/odata/Jobs`, {
      headers: {
        authorization: `Bearer ${values[0]}`,
        cookie: `session=${values[1]}`,
        "x-api-key": values[2]!,
        "proxy-authorization": `Basic ${values[3]}`,
      },
    });
    // Code that logs the headers themselves gets them redacted too.
    logged.log.info({ headers: { authorization: `Bearer ${values[0]}`, cookie: values[1] } }, "headers");
    for (const value of values) expect(logs.text).not.toContain(value);
    expect(logs.text).toContain('"authorization":"[redacted]"');
  });

  it("never contain a credential in a message, an error or a field that names a URL", async () => {
    const values = [secret(), secret(), secret(), secret()];
    logged.log.warn(`fetching /upstream?access_token=${values[0]} failed`);
    logged.log.error(new Error(`upstream refused https://x.test/a?client_secret=${values[1]}`));
    logged.log.error(
      {
        err: new Error("wrapped", { cause: new Error(`at /b?key=${values[2]}`) }),
        url: `/c?password=${values[3]}`,
      },
      "request failed",
    );
    for (const value of values) expect(logs.text).not.toContain(value);
    expect(logs.text).toContain("upstream refused https://x.test/a?client_secret=[redacted]");
  });

  it("keep the credentials out of the audit log as well", async () => {
    const value = secret();
    const { queryKey } = gateway.acme;
    await http(`${url}/odata/Jobs?$top=1&api_key=${value}`, { key: queryKey });
    await http(`${url}/odata/Jobs?$filter=bad(&access_token=${value}`, { key: queryKey });
    await gateway.context.audit.flush();
    const entries = await gateway.store.audit.list({ workspaceId: gateway.acme.id });
    expect(JSON.stringify(entries)).not.toContain(value);
    const queries = entries.map((e) => e.query);
    expect(queries).toContain("$top=1&api_key=[redacted]");
    expect(queries).toContain("$filter=bad(&access_token=[redacted]");
  });
});
