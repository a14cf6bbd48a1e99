/**
 * /admin/connections: the connection operations over HTTP, for the workspace of the admin key.
 */
import type { JsonObject, SecretsPatch } from "@headgate/store";
import type { FastifyInstance } from "fastify";
import { principalOf } from "../auth/require-api-key.ts";
import type { AdminContext } from "./admin-context.ts";
import { schemas } from "./admin-schemas.ts";
import {
  createConnection,
  deleteConnection,
  listConnectionEntitySets,
  listConnections,
  showConnection,
  testStoredConnection,
  updateConnection,
} from "./connections.ts";
import { assertKnownFields } from "./known-fields.ts";

interface ConnectionParams {
  readonly connection: string;
}

interface CreateBody {
  readonly name: string;
  readonly kind: string;
  readonly settings?: JsonObject;
  readonly secrets?: Readonly<Record<string, string>>;
  readonly test?: boolean;
}

interface PatchBody {
  readonly name?: string;
  readonly kind?: string;
  readonly settings?: JsonObject;
  readonly secrets?: SecretsPatch;
  readonly test?: boolean;
}

const FIELDS = ["name", "kind", "settings", "secrets", "test"];

export async function connectionRoutes(app: FastifyInstance, context: AdminContext): Promise<void> {
  const workspaceOf = (request: Parameters<typeof principalOf>[0]) => principalOf(request).workspaceId;

  app.get("/connections", { schema: schemas.listConnections }, async (request) => ({
    value: await listConnections(context, workspaceOf(request)),
  }));

  app.post<{ Body: CreateBody }>(
    "/connections",
    { schema: schemas.createConnection },
    async (request, reply) => {
      assertKnownFields(request.body, FIELDS);
      const created = await createConnection(context, workspaceOf(request), request.body);
      return reply.status(201).send(created);
    },
  );

  app.get<{ Params: ConnectionParams }>(
    "/connections/:connection",
    { schema: schemas.showConnection },
    async (request) => showConnection(context, workspaceOf(request), request.params.connection),
  );

  app.patch<{ Params: ConnectionParams; Body: PatchBody }>(
    "/connections/:connection",
    { schema: schemas.updateConnection },
    async (request) => {
      assertKnownFields(request.body, FIELDS);
      return updateConnection(context, workspaceOf(request), request.params.connection, request.body);
    },
  );

  app.delete<{ Params: ConnectionParams }>(
    "/connections/:connection",
    { schema: schemas.deleteConnection },
    async (request, reply) => {
      await deleteConnection(context, workspaceOf(request), request.params.connection);
      return reply.status(204).send();
    },
  );

  app.post<{ Params: ConnectionParams }>(
    "/connections/:connection/test",
    { schema: schemas.testConnection },
    async (request) =>
      testStoredConnection(
        context,
        { principal: principalOf(request), log: request.log },
        request.params.connection,
      ),
  );

  app.get<{ Params: ConnectionParams }>(
    "/connections/:connection/entity-sets",
    { schema: schemas.listEntitySets },
    async (request) => ({
      value: await listConnectionEntitySets(context, workspaceOf(request), request.params.connection),
    }),
  );
}
