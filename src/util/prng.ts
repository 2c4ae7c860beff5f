/**
 * A small seeded PRNG (mulberry32): the same seed gives the same sequence on every
 * machine, which is what deterministic stress tests and `--schedule SEED` need.
 */
export class Prng {
  /** The generator's whole state, one u32: `--schedule` keeps it in the shared heap and
   *  loads it into a Prng around each draw, so whichever thread draws continues one sequence. */
  state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 2**32). */
  nextU32(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** Uniform integer in [0, n). */
  below(n: number): number {
    return Math.floor((this.nextU32() / 2 ** 32) * n);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 2 ** 32;
  }
}
