/**
 * /admin/keys: API keys of the admin key's workspace. A created key is in the 201 answer once.
 */
import type { ApiKeyScope } from "@headgate/store";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import type { AdminContext } from "./admin-context.ts";
import { schemas } from "./admin-schemas.ts";
import { createKey, listKeys, revokeKey } from "./keys.ts";
import { assertKnownFields } from "./known-fields.ts";

interface CreateBody {
  readonly name: string;
  readonly scopes?: readonly ApiKeyScope[];
}

export async function keyRoutes(app: FastifyInstance, context: AdminContext): Promise<void> {
  app.get("/keys", { schema: schemas.listKeys }, async (request) => ({
    value: await listKeys(context, principalOf(request).workspaceId),
  }));

  app.post<{ Body: CreateBody }>("/keys", { schema: schemas.createKey }, async (request, reply) => {
    assertKnownFields(request.body, ["name", "scopes"]);
    const { workspaceId, scopes } = principalOf(request);
    const created = await createKey(context, workspaceId, request.body, scopes);
    return reply.status(201).header("cache-control", "no-store").send(created);
  });

  app.delete<{ Params: { readonly id: string } }>(
    "/keys/:id",
    { schema: schemas.revokeKey },
    async (request, reply) => {
      const { workspaceId, scopes } = principalOf(request);
      await revokeKey(context, workspaceId, request.params.id, scopes);
      return reply.status(204).send();
    },
  );
}
