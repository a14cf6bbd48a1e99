/** The gateway's version, as published in the OpenAPI document, MCP server info and /healthz. */
export const HEADGATE_VERSION = "0.1.0";
