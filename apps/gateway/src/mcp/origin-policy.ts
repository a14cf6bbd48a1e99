/**
 * Who may call /mcp from a browser, and under which Host names. MCP clients (Claude, Cursor,
 * ChatGPT's servers) send no Origin and pass; a page on a foreign origin is refused with 403
 * (MCP 2025-11-25 transport rule), as is a Host name the gateway does not answer to, which stops
 * DNS-rebinding attacks on a gateway running on a laptop.
 */
import { GatewayError } from "../errors/gateway-error.ts";

export interface OriginPolicyOptions {
  /** The gateway's public URL: its origin and host are always allowed. */
  readonly publicUrl: string;
  /** Extra allowed origins (`https://app.example.com`); `*` allows any. */
  readonly allowedOrigins?: readonly string[];
  /** Extra allowed Host names (`gateway.internal`); `*` allows any. */
  readonly allowedHosts?: readonly string[];
}

const LOCAL_HOSTS = ["localhost", "127.0.0.1", "[::1]"];

export interface OriginPolicy {
  /** Throws a 403 `Forbidden` naming the refused header. */
  check(headers: { origin?: string | undefined; host?: string | undefined }): void;
}

export function originPolicy(options: OriginPolicyOptions): OriginPolicy {
  const publicUrl = new URL(options.publicUrl);
  const origins = new Set([publicUrl.origin, ...(options.allowedOrigins ?? []).map(normalOrigin)]);
  const hosts = new Set([publicUrl.hostname, ...LOCAL_HOSTS, ...(options.allowedHosts ?? [])]);
  return {
    check({ origin, host }) {
      if (origin !== undefined && !origins.has("*") && !origins.has(normalOrigin(origin)))
        throw new GatewayError(
          "Forbidden",
          `Requests from origin '${origin.slice(0, 100)}' may not call /mcp. Call it from a server-side MCP client, or ask the operator to add the origin to HEADGATE_MCP_ALLOWED_ORIGINS.`,
          "Origin",
        );
      const hostname = host === undefined ? undefined : hostnameOf(host);
      if (hostname !== undefined && !hosts.has("*") && !hosts.has(hostname))
        throw new GatewayError(
          "Forbidden",
          `This gateway does not answer /mcp for host '${hostname.slice(0, 100)}'; use ${publicUrl.origin}/mcp, or ask the operator to add the host to HEADGATE_MCP_ALLOWED_HOSTS.`,
          "Host",
        );
    },
  };
}

function normalOrigin(origin: string): string {
  if (origin === "*") return origin;
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}

function hostnameOf(host: string): string {
  try {
    return new URL(`http://${host}`).hostname;
  } catch {
    return host;
  }
}

/** Comma-separated lists from the environment (`HEADGATE_MCP_ALLOWED_ORIGINS`, `..._HOSTS`). */
export function listFromEnv(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
}
