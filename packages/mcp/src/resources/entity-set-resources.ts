/**
 * Entity-set schemas as resources, for clients that let a user attach context: the catalog at
 * `headgate://entity-sets` and each set at `headgate://entity-sets/{name}` (a template, listed
 * per set and completed by name). The content is what `describe_entity_set` returns.
 */
import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/server";
import { presentable } from "../results/tool-result.ts";
import { describeEntitySet } from "../schema/describe-entity-set.ts";
import { entitySetOf } from "../schema/find-entity-set.ts";
import type { ToolDeps } from "../tools/tool-deps.ts";

export const CATALOG_URI = "headgate://entity-sets";
const JSON_TYPE = "application/json";

export function registerEntitySetResources(server: McpServer, deps: ToolDeps): void {
  const engine = async () => {
    try {
      return await deps.engine();
    } catch (error) {
      // The SDK would send a thrown error's own message: show it as a tool failure is shown.
      throw presentable(deps.reportFailure(error));
    }
  };
  server.registerResource(
    "entity-sets",
    CATALOG_URI,
    { title: "Entity sets", description: "All entity sets of this workspace.", mimeType: JSON_TYPE },
    async (uri) => {
      const sets = (await engine()).model.entitySets.map((set) => ({
        name: set.name,
        description: set.description ?? set.entityType.description ?? "",
        uri: `${CATALOG_URI}/${set.name}`,
      }));
      return {
        contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify({ entitySets: sets }) }],
      };
    },
  );
  const template = new ResourceTemplate(`${CATALOG_URI}/{name}`, {
    list: async () => ({
      resources: (await engine()).model.entitySets.map((set) => ({
        uri: `${CATALOG_URI}/${set.name}`,
        name: set.name,
        title: `${set.name} schema`,
        mimeType: JSON_TYPE,
        ...(set.description ? { description: set.description } : {}),
      })),
    }),
    complete: {
      name: async (value) =>
        (await engine()).model.entitySets
          .map((set) => set.name)
          .filter((name) => name.toLowerCase().startsWith(value.toLowerCase())),
    },
  });
  server.registerResource(
    "entity-set-schema",
    template,
    {
      title: "Entity set schema",
      description: "Properties, key, relationships and pushed-down filters of one entity set.",
      mimeType: JSON_TYPE,
    },
    async (uri, variables) => {
      const name = decodeURIComponent(String(variables.name ?? ""));
      const set = entitySetOf((await engine()).model, name);
      return {
        contents: [{ uri: uri.href, mimeType: JSON_TYPE, text: JSON.stringify(describeEntitySet(set)) }],
      };
    },
  );
}
