import type { Random } from "./random.ts";

/**
 * Draws ranks 0..size-1 with Zipf–Mandelbrot weights 1 / (rank + 1 + offset)^exponent: a few ranks are drawn
 * very often, most rarely. The offset flattens the head so the top rank is not half of all draws.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly size: number,
    exponent = 1,
    offset = 3,
  ) {
    if (size < 1) throw new Error("a Zipf sampler needs at least one rank");
    this.cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank++) {
      total += 1 / (rank + 1 + offset) ** exponent;
      this.cumulative[rank] = total;
    }
  }

  sample(random: Random): number {
    const total = this.cumulative[this.size - 1] ?? 0;
    const u = random.next() * total;
    let lo = 0;
    let hi = this.size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** `count` different ranks (fewer if the sampler has fewer ranks). */
  sampleDistinct(random: Random, count: number): number[] {
    const picked = new Set<number>();
    const wanted = Math.min(count, this.size);
    while (picked.size < wanted) picked.add(this.sample(random));
    return [...picked];
  }
}
