/**
 * The route schemas of the Action API. @fastify/swagger turns them into the OpenAPI document a
 * ChatGPT Action imports, so they are written for a model: few operations, parameter
 * descriptions that teach the syntax by example, and only the OpenAPI 3.0-compatible subset
 * (no type arrays, no $defs, `properties` on every object). ChatGPT's limits (300 characters per
 * summary or description, 700 per parameter description, operationIds of `[A-Za-z0-9_-]{1,64}`)
 * are enforced by the openapi tests.
 */
import { MAX_COUNT } from "@headgate/odata";
import { ACTION_TAG } from "../openapi/register-openapi.ts";
import { DESCRIBE_EXAMPLES, GET_ENTITY_EXAMPLES, QUERY_EXAMPLES } from "./action-examples.ts";

/** Reads never need the user's confirmation in ChatGPT. */
const READ = { tags: [ACTION_TAG], "x-openai-isConsequential": false } as const;

const anyObject = { type: "object", properties: {}, additionalProperties: true } as const;

const errorResponse = {
  description: "An error: what is wrong and how to fix the request.",
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        target: { type: "string" },
        details: {
          type: "array",
          items: {
            type: "object",
            properties: { code: { type: "string" }, message: { type: "string" }, target: { type: "string" } },
          },
        },
      },
    },
  },
} as const;

const errors = { 400: errorResponse, 401: errorResponse, 404: errorResponse } as const;

/** A budget (the source system's, or this key's) is spent for now: the same call succeeds later. */
const rateLimited = {
  ...errorResponse,
  description:
    "Too many requests for now: wait the Retry-After seconds, or narrow the query as the message says.",
  headers: { "Retry-After": { type: "integer", description: "Seconds to wait before calling again." } },
} as const;

/** When the answer's data was read: the same on every data operation. */
const asOf = {
  type: "string",
  format: "date-time",
  description:
    "When this data was read from the source system (UTC); earlier than now when served from cache.",
} as const;

const entitySetParam = {
  type: "string",
  description: "Entity set name from listEntitySets, e.g. `Jobs`.",
} as const;

const truncated = {
  type: "object",
  description: "Present when this response holds less than asked: why, and how to continue or narrow.",
  properties: { reason: { type: "string", enum: ["size", "deadline"] }, message: { type: "string" } },
} as const;

export const listEntitySetsSchema = {
  ...READ,
  operationId: "listEntitySets",
  summary: "List the entity sets (tables) you can query",
  description:
    "Returns every entity set of the workspace with a one-line description and the connection (source system) it comes from. Call describeEntitySet next to learn its properties.",
  response: {
    200: {
      description: "The entity sets.",
      type: "object",
      properties: {
        entitySets: {
          type: "array",
          items: {
            type: "object",
            properties: {
              name: { type: "string" },
              description: { type: "string" },
              connection: { type: "string" },
            },
          },
        },
        unavailable: {
          type: "array",
          description: "Connections that cannot be reached right now; their entity sets are missing.",
          items: { type: "object", properties: { connection: { type: "string" }, code: { type: "string" } } },
        },
      },
    },
    401: errorResponse,
  },
} as const;

const propertyItem = {
  type: "object",
  properties: {
    name: { type: "string" },
    type: { type: "string" },
    collection: { type: "boolean" },
    nullable: { type: "boolean" },
    description: { type: "string" },
    allowedValues: { type: "array", items: { type: "string" } },
    cheapFilters: { type: "array", items: { type: "string" } },
    cheapSort: { type: "boolean" },
    searchable: { type: "boolean" },
    requiredInFilter: { type: "boolean" },
  },
} as const;

export const describeEntitySetSchema = {
  ...READ,
  operationId: "describeEntitySet",
  summary: "Describe an entity set: properties, key, relationships, example queries",
  description:
    "Returns each property's name, type, meaning and known values; which filters and sorts are cheap (run in the source system); the key for getEntity; navigation names for expand; and example queries on real property names.",
  exampleCalls: DESCRIBE_EXAMPLES,
  params: {
    type: "object",
    properties: { entitySet: entitySetParam },
    required: ["entitySet"],
  },
  response: {
    200: {
      description: "The entity set's description.",
      type: "object",
      properties: {
        name: { type: "string" },
        description: { type: "string" },
        connection: { type: "string" },
        key: { type: "array", items: { type: "string" } },
        properties: { type: "array", items: propertyItem },
        navigation: {
          type: "array",
          items: {
            type: "object",
            properties: {
              name: { type: "string" },
              target: { type: "string" },
              collection: { type: "boolean" },
              description: { type: "string" },
            },
          },
        },
        literals: { ...anyObject, description: "How to write a value of each type in a filter." },
        examples: {
          type: "array",
          items: {
            type: "object",
            properties: { purpose: { type: "string" }, parameters: anyObject },
          },
        },
        notes: { type: "array", items: { type: "string" } },
      },
    },
    ...errors,
  },
} as const;

const queryParameters = {
  filter: {
    type: "string",
    description:
      "OData filter. Examples: `Status eq 'In Progress'`; `Amount gt 5000 and Job eq '23-104'`; `contains(Description,'Clinic')`; `startswith(Vendor,'BAK')`; `Contract_Date ge 2024-01-01`; `Job in ('23-104','23-110')`; `Actual_Complete_Date eq null`; `year(Invoice_Date) eq 2024`. Strings in single quotes (double an inner quote: 'O''Brien'); numbers, dates, true/false and null bare. Operators: eq ne gt ge lt le in, and or not, parentheses. Property names are case-sensitive: take them from describeEntitySet, where cheapFilters lists the fast operators per property.",
  },
  select: {
    type: "string",
    description:
      "Comma-separated properties to return, e.g. `Job,Description,Status`. Ask only for what you need: smaller answers, more rows per page.",
  },
  orderby: {
    type: "string",
    description:
      "Sort order: properties with optional asc or desc, comma-separated, e.g. `Revised_Contract_Amount desc` or `Vendor,Invoice_Date desc`. With apply, sort by an aggregate alias, e.g. `Total desc`.",
  },
  top: {
    type: "integer",
    minimum: 0,
    maximum: MAX_COUNT,
    description:
      "Rows per page, default 50; the server may cap it. When more rows match, the response carries nextCursor. top=0 with count=true returns only the count.",
  },
  skip: {
    type: "integer",
    minimum: 0,
    maximum: MAX_COUNT,
    description: "Rows to pass over first, e.g. `100`. To page, prefer nextCursor.",
  },
  count: {
    type: "boolean",
    description: "true to add count: how many rows match in total, ignoring top and skip.",
  },
  search: {
    type: "string",
    description:
      'Free-text search over the searchable properties (see describeEntitySet), e.g. `concrete`, `"cold storage"`, or `concrete OR steel`.',
  },
  apply: {
    type: "string",
    description:
      "Aggregation (OData $apply). Examples: `groupby((Status),aggregate(Revised_Contract_Amount with sum as Total,$count as Rows))`; `aggregate(Amount with sum as Total)`; `filter(Job eq '23-104')/groupby((Cost_Code),aggregate(Amount with sum as Cost))`. Methods: sum, min, max, average, countdistinct; $count counts rows. Sort the results with orderby on an alias (see orderby).",
  },
  expand: {
    type: "string",
    description:
      "Related rows to include, by navigation name from describeEntitySet, with options in parentheses separated by ';', e.g. `Commitments` or `Transactions($select=Amount,Transaction_Type;$orderby=Amount desc;$top=5)`.",
  },
  cursor: {
    type: "string",
    description:
      "nextCursor from a previous response of this operation, to get the next page. It carries the whole query, so the other parameters are ignored when it is given.",
  },
  fresh: {
    type: "boolean",
    description:
      "true to read the source system now instead of recently cached data (see asOf in the response). Slower, and it spends the source's request budget: use it only when the user needs up-to-the-minute data.",
  },
} as const;

export const queryEntitySetSchema = {
  ...READ,
  operationId: "queryEntitySet",
  summary: "Query rows of an entity set: filter, select, sort, aggregate, page",
  description:
    "Returns rows as JSON. Use select and filter to keep answers small. nextCursor appears when more rows match; truncated appears when the page was cut to fit the response size or time limit, with how to continue or narrow.",
  exampleCalls: QUERY_EXAMPLES,
  params: describeEntitySetSchema.params,
  querystring: { type: "object", properties: queryParameters },
  response: {
    200: {
      description: "One page of rows.",
      type: "object",
      properties: {
        entitySet: { type: "string" },
        asOf,
        count: { type: "integer", description: "Matching rows in total, when count=true." },
        rows: { type: "array", items: anyObject },
        nextCursor: { type: "string", description: "Pass as cursor to get the next page." },
        truncated,
        notice: { type: "string", description: "Advice on making the query cheaper." },
      },
    },
    ...errors,
    429: rateLimited,
  },
} as const;

export const getEntitySchema = {
  ...READ,
  operationId: "getEntity",
  summary: "Get one row by its key",
  description:
    "Returns the row whose key is given, e.g. `23-104` (quotes optional) or, for a compound key, `Job='23-104',Extra='',Cost_Code='01-100'`. The key properties are listed by describeEntitySet.",
  exampleCalls: GET_ENTITY_EXAMPLES,
  params: {
    type: "object",
    properties: {
      entitySet: entitySetParam,
      key: {
        type: "string",
        description:
          "The key value, e.g. `23-104` or `'23-104'` or `2783000`; for a compound key, name=value pairs: `Job='23-104',Extra='',Cost_Code='01-100'`.",
      },
    },
    required: ["entitySet", "key"],
  },
  querystring: {
    type: "object",
    properties: {
      select: queryParameters.select,
      expand: queryParameters.expand,
      fresh: queryParameters.fresh,
    },
  },
  response: {
    200: {
      description: "The row.",
      type: "object",
      properties: { entitySet: { type: "string" }, asOf, row: anyObject, truncated },
    },
    ...errors,
    429: rateLimited,
  },
} as const;
