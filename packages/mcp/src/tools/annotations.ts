/**
 * Tool annotations, stated once. Every Headgate tool only reads. `openWorldHint` is true: the
 * answers come from live upstream systems (Sage, Procore, ArcGIS...) outside this server, whose
 * content changes independently of it. `destructiveHint`/`idempotentHint` are left out: the spec
 * gives them meaning only for tools that write, and every byte here is in each model turn.
 */
import type { ToolAnnotations } from "@modelcontextprotocol/server";

export const READ_ONLY: ToolAnnotations = { readOnlyHint: true, openWorldHint: true };

/** Tools that answer from the workspace's model alone, never touching an upstream. */
export const READ_ONLY_CLOSED: ToolAnnotations = { ...READ_ONLY, openWorldHint: false };
