/**
 * Parameter aliases: `@p` in an expression stands for the value given by `@p=...` elsewhere in the
 * query. Values are parsed when first used (as `commonExpr`, JSON arrays included) and substituted
 * into the tree, so no alias reaches a later layer. An alias with no value is null, as the
 * specification says; an alias whose value uses itself, directly or through others, is an error.
 * A value is parsed once, but counts towards the query limits wherever it is used: otherwise a
 * small query could stand for a huge tree (`@p` of 1,000 operators, used 1,000 times).
 */

import type { Expr } from "../ast.ts";
import { parseCommonExpr, unexpectedAfterExpression } from "./expression-parser.ts";
import { type AliasScope, type Cost, newSession, Scanner } from "./scanner.ts";

/** Where an alias's raw (undecoded) value text is: `raw[start, end)`. */
export interface AliasDefinition {
  readonly raw: string;
  readonly start: number;
  readonly end: number;
}

const NULL_EXPR: Expr = { kind: "literal", literal: { kind: "null" } };

export class AliasTable implements AliasScope {
  private readonly resolved = new Map<string, { readonly value: Expr; readonly cost: Cost }>();
  private readonly resolving: string[] = [];

  constructor(private readonly definitions: ReadonlyMap<string, AliasDefinition>) {}

  /** A table over `{ p: "5" }` (or `{ "@p": "5" }`): alias values given apart from a query string. */
  static fromRecord(values: Readonly<Record<string, string>>): AliasTable {
    const definitions = new Map<string, AliasDefinition>();
    for (const [name, raw] of Object.entries(values)) {
      definitions.set(name.startsWith("@") ? name.slice(1) : name, { raw, start: 0, end: raw.length });
    }
    return new AliasTable(definitions);
  }

  resolve(name: string, at: number, from: Scanner): Expr {
    const done = this.resolved.get(name);
    if (done !== undefined) {
      from.charge(done.cost, at);
      return done.value;
    }
    const definition = this.definitions.get(name);
    if (definition === undefined || definition.start === definition.end) return NULL_EXPR;
    if (this.resolving.includes(name)) {
      const cycle = [...this.resolving.slice(this.resolving.indexOf(name)), name]
        .map((n) => `@${n}`)
        .join(" -> ");
      throw from.error(at, `parameter alias '@${name}' at ${from.at(at)} refers to itself (${cycle})`, [
        `a value that does not use '@${name}'`,
      ]);
    }
    this.resolving.push(name);
    const { value, cost } = from.measure(() => {
      from.enter(at);
      const parsed = this.parseValue(name, definition, from);
      from.leave();
      return parsed;
    });
    this.resolving.pop();
    this.resolved.set(name, { value, cost });
    return value;
  }

  private parseValue(name: string, definition: AliasDefinition, from: Scanner): Expr {
    const session = newSession(`@${name}`, from.session.urlEncoded, this, from.session.limits);
    const sc = Scanner.over(definition.raw, session, definition.start, definition.end);
    sc.skipBws();
    const value = parseCommonExpr(sc);
    sc.skipBws();
    if (!sc.atEnd()) throw unexpectedAfterExpression(sc, [`the end of the value of '@${name}'`]);
    return value;
  }
}
