import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testRedisUrl } from "@headgate/testing";
import { describe, expect, it } from "vitest";
import { dropSchema, TEST_POSTGRES_URL } from "../testing/test-gateway.ts";
import { readServeSettings, ServeSettingsError } from "./serve-settings.ts";
import { startServe } from "./start-serve.ts";

function problems(env: Record<string, string>, config?: string): string[] {
  try {
    readServeSettings(env, { config }, tmpdir());
    return [];
  } catch (error) {
    if (error instanceof ServeSettingsError) return [...error.problems];
    throw error;
  }
}

const KEY = "q2Jm0mJ0Ez1lW3F1Yc3yq5e7pQ8n2v9bX4k6s1t0u8A=";

describe("headgate serve settings", () => {
  it("needs the public URL and says what it is for", () => {
    expect(problems({})).toEqual([expect.stringContaining("HEADGATE_PUBLIC_URL is required")]);
  });

  it("lists every problem at once", () => {
    const found = problems(
      {
        HEADGATE_PUBLIC_URL: "ftp://x",
        DATABASE_URL: "mysql://db",
        REDIS_URL: "localhost:6379",
        PORT: "http",
        LOG_LEVEL: "loud",
      },
      "missing.yaml",
    );
    expect(found).toHaveLength(7);
    expect(found.join("\n")).toMatch(/https:\/\//);
    expect(found.join("\n")).toMatch(/DATABASE_URL must be a Postgres URL/);
    expect(found.join("\n")).toMatch(/HEADGATE_SECRET_KEY is required with DATABASE_URL/);
    expect(found.join("\n")).toMatch(/REDIS_URL must look like redis:\/\//);
    expect(found.join("\n")).toMatch(/missing\.yaml does not exist/);
  });

  it("accepts a complete production environment, warning about plain http", () => {
    const settings = readServeSettings(
      {
        HEADGATE_PUBLIC_URL: "http://gateway.internal/",
        DATABASE_URL: "postgres://headgate@db/headgate",
        HEADGATE_SECRET_KEY: KEY,
        REDIS_URL: "redis://127.0.0.1:6379",
      },
      {},
      tmpdir(),
    );
    expect(settings).toMatchObject({ publicUrl: "http://gateway.internal", port: 8080, host: "0.0.0.0" });
    expect(settings.warnings).toEqual([expect.stringContaining("not https")]);
  });

  it("falls back to the embedded store with a warning, and to ./headgate.yaml when present", async () => {
    const dir = await mkdtemp(join(tmpdir(), "headgate-serve-"));
    await writeFile(join(dir, "headgate.yaml"), "version: 1\n");
    const settings = readServeSettings({ HEADGATE_PUBLIC_URL: "https://data.example.com" }, {}, dir);
    expect(settings.configPath).toBe(join(dir, "headgate.yaml"));
    expect(settings.databaseUrl).toBeUndefined();
    expect(settings.warnings).toEqual([expect.stringContaining("embedded SQLite")]);
  });
});

describe("headgate serve start-up checks", () => {
  const base = { HEADGATE_PUBLIC_URL: "https://data.example.com", PORT: "0", HOST: "127.0.0.1" };

  it("refuses to start when Redis does not answer, naming the URL without its password", async () => {
    const url = new URL(testRedisUrl({ port: 1 }));
    url.password = "hunter2";
    const settings = readServeSettings({ ...base, REDIS_URL: url.href }, {}, tmpdir());
    const error = await startServe(settings, {}, "test").catch((e: Error) => e);
    expect(error).toBeInstanceOf(ServeSettingsError);
    expect((error as Error).message).toMatch(
      /REDIS_URL: Redis at redis:\/\/:\*\*\*@[^ ]+:1\/? is unavailable/,
    );
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("refuses to start when the Postgres store cannot be reached, without printing the password", async () => {
    const env = {
      ...base,
      DATABASE_URL: "postgres://headgate:hunter2@127.0.0.1:1/headgate",
      HEADGATE_SECRET_KEY: KEY,
    };
    const settings = readServeSettings(env, {}, tmpdir());
    const error = await startServe(settings, env, "test").catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/Could not open the store/);
    expect((error as Error).message).not.toContain("hunter2");
  });

  it("starts with Redis and Postgres reachable, and stops cleanly", async () => {
    const schema = `serve_${Date.now().toString(36)}`;
    const databaseUrl = new URL(TEST_POSTGRES_URL);
    databaseUrl.searchParams.set("schema", schema);
    const env = {
      ...base,
      DATABASE_URL: databaseUrl.href,
      HEADGATE_SECRET_KEY: KEY,
      REDIS_URL: testRedisUrl(),
      HEADGATE_API_KEY: "operator-key-0123456789abcdef",
    };
    const settings = readServeSettings(env, {}, tmpdir());
    const server = await startServe(settings, env, "test");
    try {
      // The shared cache is Redis, open and answering (nothing reads it yet: issue 16).
      expect(server.cache.kind).toBe("redis");
      await expect(server.cache.ping()).resolves.toBeUndefined();
      const response = await fetch(`${server.gateway.listenUrl}/admin/keys`, {
        headers: { authorization: "Bearer operator-key-0123456789abcdef" },
      });
      expect(response.status).toBe(200);
      // HEADGATE_API_KEY is the operator's key: it administers the store's workspaces too.
      const workspaces = await fetch(`${server.gateway.listenUrl}/admin/workspaces`, {
        headers: { authorization: "Bearer operator-key-0123456789abcdef" },
      });
      expect(workspaces.status).toBe(200);
      expect((await fetch(`${server.gateway.listenUrl}/readyz`)).status).toBe(200);
    } finally {
      await server.close();
      await dropSchema(schema);
    }
  });
});
