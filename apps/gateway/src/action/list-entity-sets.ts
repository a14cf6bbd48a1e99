/**
 * The first call a model makes: which entity sets exist in the caller's workspace, in one line
 * each, and which connection (source system) serves each. Connections that are down are named,
 * so a model can tell "no such data" from "that system is unavailable right now".
 */
import type { WorkspaceRuntime } from "../workspaces/workspace-engines.ts";

export interface EntitySetList {
  readonly entitySets: readonly {
    readonly name: string;
    readonly description: string;
    readonly connection?: string;
  }[];
  readonly unavailable?: readonly { readonly connection: string; readonly code: string }[];
}

const MAX_LINE = 200;

export function listEntitySets(runtime: WorkspaceRuntime): EntitySetList {
  const entitySets = runtime.engine.model.entitySets.map((set) => {
    const connection = runtime.connectionOf(set.name);
    return {
      name: set.name,
      description: oneLine(set.description ?? ""),
      ...(connection === undefined ? {} : { connection }),
    };
  });
  const unavailable = runtime.problems.map((p) => ({ connection: p.connection, code: p.code }));
  return { entitySets, ...(unavailable.length === 0 ? {} : { unavailable }) };
}

const ABBREVIATION = /\b(e\.g|i\.e|etc|vs|incl|approx)\.$/i;

/** The first sentence of a description (not cut at "e.g."), at most 200 characters. */
export function oneLine(description: string): string {
  const flat = description.replace(/\s+/g, " ").trim();
  const sentence = firstSentence(flat);
  return sentence.length <= MAX_LINE ? sentence : `${sentence.slice(0, MAX_LINE - 1).trimEnd()}…`;
}

function firstSentence(text: string): string {
  for (const match of text.matchAll(/[.!?](?=\s|$)/g)) {
    const sentence = text.slice(0, match.index + 1);
    if (!ABBREVIATION.test(sentence)) return sentence;
  }
  return text;
}
