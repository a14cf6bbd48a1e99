/**
 * /admin/workspaces: the store's workspaces, for operator keys only (the `operator` scope; a
 * workspace admin key is refused with 403). Creating one answers its first admin key once.
 */
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import { schemas } from "./admin-schemas.ts";
import { assertKnownFields } from "./known-fields.ts";
import { createWorkspace, deleteWorkspace, listWorkspaces, type WorkspaceContext } from "./workspaces.ts";

interface CreateBody {
  readonly name: string;
  readonly adminKeyName?: string;
}

/** The first admin key's name when the request names none. */
const FIRST_ADMIN_KEY = "admin";

export async function workspaceRoutes(app: FastifyInstance, context: WorkspaceContext): Promise<void> {
  app.get("/workspaces", { schema: schemas.listWorkspaces }, async () => ({
    value: await listWorkspaces(context),
  }));

  app.post<{ Body: CreateBody }>(
    "/workspaces",
    { schema: schemas.createWorkspace },
    async (request, reply) => {
      assertKnownFields(request.body, ["name", "adminKeyName"]);
      const created = await createWorkspace(context, {
        name: request.body.name,
        adminKeyName: request.body.adminKeyName ?? FIRST_ADMIN_KEY,
      });
      return reply.status(201).header("cache-control", "no-store").send(created);
    },
  );

  app.delete<{ Params: { readonly workspace: string } }>(
    "/workspaces/:workspace",
    { schema: schemas.deleteWorkspace },
    async (request, reply) => {
      await deleteWorkspace(context, request.params.workspace, principalOf(request).workspaceId);
      return reply.status(204).send();
    },
  );
}
