/**
 * Seeded randomness. Every system of the demo world draws from its own stream, derived from the
 * world's seed and a label, so generating one system never shifts another's values and the same
 * seed always gives the same company.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], inclusive. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** Picks by weight: `[["open", 3], ["closed", 1]]`. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T;
  chance(probability: number): boolean;
  /** Money with cents in [min, max], drawn with a power-law skew (`skew` > 1: mostly small). */
  money(min: number, max: number, skew?: number): number;
  /** A fresh stream for a sub-purpose, independent of how much this one is used afterwards. */
  fork(label: string): Random;
}

/** FNV-1a over the label, mixed with the seed: stable stream ids for `fork`. */
function hashLabel(seed: number, label: string): number {
  let hash = 0x811c9dc5 ^ seed;
  for (let i = 0; i < label.length; i++) {
    hash ^= label.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function createRandom(seed: number, label = "world"): Random {
  let state = hashLabel(seed, label);
  const next = () => {
    // mulberry32: small, fast and good enough for synthetic data.
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const random: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)]!,
    weighted(choices) {
      const total = choices.reduce((sum, [, w]) => sum + w, 0);
      let roll = next() * total;
      for (const [value, weight] of choices) {
        roll -= weight;
        if (roll < 0) return value;
      }
      return choices[choices.length - 1]![0];
    },
    chance: (probability) => next() < probability,
    money: (min, max, skew = 1) => Math.round((min + (max - min) * next() ** skew) * 100) / 100,
    fork: (sub) => createRandom(seed, `${label}/${sub}`),
  };
  return random;
}
