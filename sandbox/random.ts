/** A small seeded PRNG (mulberry32): the same seed gives the same patients and the same fault rolls. */
export interface SeededRandom {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  integer(min: number, max: number): number;
  pick<T>(items: ReadonlyArray<T>): T;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: ReadonlyArray<T>): T => {
    const item = items[integer(0, items.length - 1)];
    if (item === undefined) throw new RangeError('pick() from an empty list');
    return item;
  };
  return { next, integer, pick };
}
