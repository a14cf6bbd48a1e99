/**
 * `get_entity` (one row by key, with optional select/expand, saying when it was read and read
 * fresh on request) and `explain_query` (what a query would push upstream and what the gateway
 * would evaluate, without running it).
 */

import { parseQueryOptions } from "@headgate/odata";
import * as z from "zod";
import {
  freshArgument,
  type QueryArguments,
  queryArgumentsShape,
  queryOptionsOf,
  queryTextOf,
} from "../query/query-arguments.ts";
import { toolSuccess } from "../results/tool-result.ts";
import { cachedJsonSchema } from "../schema/cached-json-schema.ts";
import { READ_ONLY, READ_ONLY_CLOSED } from "./annotations.ts";
import { answerAudited } from "./tool-deps.ts";
import { GET_ENTITY_EXAMPLES } from "./tool-examples.ts";
import type { ToolRegistrar } from "./tool-registrar.ts";

const { cursor: _cursor, ...explainShape } = queryArgumentsShape;
// Schemas are built once: building zod schemas per request would dominate a stateless call.
const GET_INPUT = cachedJsonSchema(
  z
    .object({
      entity_set: queryArgumentsShape.entity_set,
      // Models send integer keys as numbers; text is read as the /api door reads it.
      key: z
        .union([z.string().min(1), z.number()])
        .describe("The key: quoted or bare, a number, or Name=value pairs for a compound key"),
      select: queryArgumentsShape.select,
      expand: queryArgumentsShape.expand,
      fresh: freshArgument,
    })
    .meta({ examples: GET_ENTITY_EXAMPLES }),
);
const GET_OUTPUT = cachedJsonSchema(
  z.object({ entitySet: z.string(), asOf: z.string(), entity: z.record(z.string(), z.unknown()) }),
);
const EXPLAIN_INPUT = cachedJsonSchema(z.object(explainShape));
const EXPLAIN_OUTPUT = cachedJsonSchema(
  z.looseObject({ entitySet: z.string(), summary: z.array(z.string()) }),
);

export function registerEntityTools(registrar: ToolRegistrar): void {
  registrar.tool(
    "get_entity",
    {
      title: "Get entity by key",
      description: "One row by its key; a compound key names every key property.",
      inputSchema: GET_INPUT,
      outputSchema: GET_OUTPUT,
      annotations: READ_ONLY,
    },
    (args, call) =>
      answerAudited(
        call.deps,
        { tool: "get_entity", entitySet: args.entity_set, query: `(${args.key})` },
        async () => {
          const options = parseQueryOptions(queryTextOf({ select: args.select, expand: args.expand }));
          const engine = await call.deps.engine();
          const found = await engine.getByKey({
            entitySet: args.entity_set,
            key: args.key,
            keySyntax: "lenient",
            options,
            signal: call.signal,
            ...(args.fresh ? { fresh: true } : {}),
          });
          const answer = { entitySet: found.entitySet, asOf: found.asOf.toISOString(), entity: found.row };
          return {
            result: toolSuccess(answer),
            entitySet: found.entitySet,
            plan: found.plan,
            upstreamCalls: found.stats.upstreamCalls,
            rows: 1,
          };
        },
      ),
  );
  registrar.tool(
    "explain_query",
    {
      title: "Explain query",
      description:
        "Without running it: what runs upstream and what in the gateway, the upstream requests it costs now, with tips.",
      inputSchema: EXPLAIN_INPUT,
      outputSchema: EXPLAIN_OUTPUT,
      annotations: READ_ONLY_CLOSED,
    },
    async (args: QueryArguments, { deps }) => {
      const engine = await deps.engine();
      const plan = await engine.explainWithCost({
        entitySet: args.entity_set ?? "",
        options: queryOptionsOf(args),
      });
      return toolSuccess({ ...plan });
    },
  );
}
