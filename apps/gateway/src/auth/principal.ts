/**
 * Who is asking: the workspace and key a request speaks for. Every door resolves one before it
 * touches data, and every data access is scoped by its workspace.
 */
import type { ApiKeyScope } from "@headgate/store";

export interface Principal {
  readonly workspaceId: string;
  /** The API key that authenticated; null for the local CLI (stdio MCP, `headgate admin`). */
  readonly keyId: string | null;
  readonly scopes: readonly ApiKeyScope[];
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by `requireApiKey`; absent on public routes. */
    principal?: Principal;
  }
}
