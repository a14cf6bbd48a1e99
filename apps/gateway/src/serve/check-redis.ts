/**
 * A start-up check that REDIS_URL answers: connect, authenticate if the URL says so, PING.
 * Spoken in plain RESP over a socket so the check needs no client library.
 */
import { connect as connectTcp, type Socket } from "node:net";
import { connect as connectTls } from "node:tls";

export async function checkRedis(redisUrl: string, timeoutMs = 5_000): Promise<void> {
  const url = new URL(redisUrl);
  const port = Number(url.port || 6379);
  const socket: Socket =
    url.protocol === "rediss:"
      ? connectTls({ host: url.hostname, port, servername: url.hostname })
      : connectTcp({ host: url.hostname, port });
  const commands: string[][] = [];
  const password = decodeURIComponent(url.password);
  const user = decodeURIComponent(url.username);
  if (password) commands.push(user ? ["AUTH", user, password] : ["AUTH", password]);
  commands.push(["PING"]);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      let buffer = "";
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      socket.on("data", (chunk) => {
        buffer += chunk.toString("utf8");
        if (buffer.startsWith("-")) {
          clearTimeout(timer);
          // Redis errors name the problem (NOAUTH, WRONGPASS) and never echo the password.
          reject(new Error(buffer.split("\r\n")[0]!.slice(1)));
        } else if (buffer.includes("+PONG")) {
          clearTimeout(timer);
          resolve();
        }
      });
      socket.write(commands.map(encodeCommand).join(""));
    });
  } finally {
    socket.destroy();
  }
}

function encodeCommand(parts: readonly string[]): string {
  return `*${parts.length}\r\n${parts.map((p) => `$${Buffer.byteLength(p)}\r\n${p}\r\n`).join("")}`;
}
