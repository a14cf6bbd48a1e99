/**
 * Long `and`/`or` chains as lists. The parser builds `A and B and C` as a tree as deep as the
 * chain is long (up to the query limits' 2,000 operators); the compilers join the operands as
 * one list instead, which `and()`/`or()` group so the SQL stays shallow.
 */

/**
 * The operands of a chain of one connective, in order, however the chain is grouped:
 * `A and (B and C) and D` gives A, B, C, D. `split` returns a node's two sides when it is a link
 * of the chain. Iterative, so a chain as long as the query limits allow needs no deep stack.
 */
export function chainOperands<T>(root: T, split: (node: T) => readonly [T, T] | undefined): T[] {
  const operands: T[] = [];
  const pending: T[] = [root];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const sides = split(node);
    if (sides === undefined) operands.push(node);
    else pending.push(sides[1], sides[0]);
  }
  return operands;
}
