import { createConnection } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startRedisServer, type TestRedisServer } from "./redis-server.ts";

/** Sends PING over a bare socket: "+PONG", or the connection's error code (ECONNREFUSED). */
function ping(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      resolve(data.toString().trim());
      socket.destroy();
    });
    socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe("startRedisServer", () => {
  let server: TestRedisServer | undefined;
  afterEach(async () => {
    await server?.stop();
  });

  it("starts a server of the test's own on a free loopback port", async () => {
    server = await startRedisServer();
    expect(server.url).toBe(`redis://127.0.0.1:${server.port}`);
    expect(await ping(server.port)).toBe("+PONG");
  });

  it("stops it, and starts it again on the same port", async () => {
    server = await startRedisServer();
    await server.stop();
    expect(await ping(server.port)).toBe("ECONNREFUSED");
    await server.stop(); // already stopped: nothing to do
    await server.start();
    expect(await ping(server.port)).toBe("+PONG");
  });

  it("requires the password it is given, which its URL carries", async () => {
    server = await startRedisServer({ password: "s3cret" });
    expect(server.url).toBe(`redis://:s3cret@127.0.0.1:${server.port}`);
    expect(await ping(server.port)).toMatch(/^-NOAUTH/);
  });

  it("says why when the server cannot start", async () => {
    await expect(startRedisServer({ binary: "/nonexistent/redis-server" })).rejects.toThrow(/did not start/);
  });
});
