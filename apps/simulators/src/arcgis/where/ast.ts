/** The parsed form of a `where` clause: value expressions and the predicates over them. */

export type CompareOperator = "=" | "<>" | "<" | "<=" | ">" | ">=";
export type ArithmeticOperator = "+" | "-" | "*" | "/";
export type DatePart = "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND";
export type CastTarget = "integer" | "float" | "string" | "date";

export type Node =
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "null" }
  /** `DATE '…'` / `TIMESTAMP '…'`, as epoch milliseconds (UTC). */
  | { readonly kind: "date"; readonly value: number }
  | { readonly kind: "interval"; readonly milliseconds: number }
  | { readonly kind: "field"; readonly name: string }
  | { readonly kind: "now"; readonly unit: "date" | "timestamp" }
  | { readonly kind: "call"; readonly name: string; readonly args: readonly Node[] }
  | { readonly kind: "extract"; readonly part: DatePart; readonly source: Node }
  | { readonly kind: "substring"; readonly source: Node; readonly start: Node; readonly length: Node | null }
  | { readonly kind: "position"; readonly needle: Node; readonly haystack: Node }
  | { readonly kind: "cast"; readonly source: Node; readonly target: CastTarget }
  | { readonly kind: "negate"; readonly operand: Node }
  | {
      readonly kind: "arithmetic";
      readonly op: ArithmeticOperator;
      readonly left: Node;
      readonly right: Node;
    }
  | { readonly kind: "compare"; readonly op: CompareOperator; readonly left: Node; readonly right: Node }
  | { readonly kind: "and" | "or"; readonly left: Node; readonly right: Node }
  | { readonly kind: "not"; readonly operand: Node }
  | { readonly kind: "in"; readonly value: Node; readonly list: readonly Node[]; readonly negated: boolean }
  | {
      readonly kind: "between";
      readonly value: Node;
      readonly low: Node;
      readonly high: Node;
      readonly negated: boolean;
    }
  | {
      readonly kind: "like";
      readonly value: Node;
      readonly pattern: Node;
      readonly escapeChar: string | null;
      readonly negated: boolean;
    }
  | { readonly kind: "isNull"; readonly value: Node; readonly negated: boolean };
