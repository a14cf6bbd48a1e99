/**
 * `list_entity_sets` and `describe_entity_set`: what a model reads before its first query. They
 * answer from the workspace's model alone, so they are cheap and never reach an upstream.
 */

import * as z from "zod";
import { toolSuccess } from "../results/tool-result.ts";
import { cachedJsonSchema } from "../schema/cached-json-schema.ts";
import { describeEntitySet } from "../schema/describe-entity-set.ts";
import { entitySetOf } from "../schema/find-entity-set.ts";
import { READ_ONLY_CLOSED } from "./annotations.ts";
import type { ToolRegistrar } from "./tool-registrar.ts";

// Schemas are built once: building zod schemas per request would dominate a stateless call.
const LIST_INPUT = cachedJsonSchema(z.object({}));
const LIST_OUTPUT = cachedJsonSchema(
  z.object({
    entitySets: z.array(z.object({ name: z.string(), description: z.string(), key: z.array(z.string()) })),
  }),
);
const DESCRIBE_INPUT = cachedJsonSchema(z.object({ entity_set: z.string().min(1).describe("e.g. `Jobs`") }));
const DESCRIBE_OUTPUT = cachedJsonSchema(
  z.looseObject({
    name: z.string(),
    key: z.array(z.string()),
    properties: z.array(z.unknown()),
  }),
);

export function registerCatalogTools(registrar: ToolRegistrar): void {
  registrar.tool(
    "list_entity_sets",
    {
      title: "List entity sets",
      description:
        "List the queryable entity sets (tables) of this workspace with a one-line description and key. Start here.",
      inputSchema: LIST_INPUT,
      outputSchema: LIST_OUTPUT,
      annotations: READ_ONLY_CLOSED,
    },
    async (_args, { deps }) => {
      const model = (await deps.engine()).model;
      const entitySets = model.entitySets.map((set) => ({
        name: set.name,
        description: firstSentence(set.description ?? set.entityType.description ?? ""),
        key: [...set.entityType.key],
      }));
      return toolSuccess({ entitySets });
    },
  );
  registrar.tool(
    "describe_entity_set",
    {
      title: "Describe entity set",
      description:
        "Properties (type, meaning, values), key and relationships (for expand) of an entity set; per property the filters run upstream (pushedFilters: cheap) or required (requiredFilter).",
      inputSchema: DESCRIBE_INPUT,
      outputSchema: DESCRIBE_OUTPUT,
      annotations: READ_ONLY_CLOSED,
    },
    async ({ entity_set }, { deps }) => {
      const set = entitySetOf((await deps.engine()).model, entity_set);
      return toolSuccess({ ...describeEntitySet(set) });
    },
  );
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return end === -1 ? text : text.slice(0, end + 1);
}
