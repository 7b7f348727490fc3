import { Random } from "../../bench/random.ts";

/** A seeded generator of floats in [0, 1) (the benchmark's), so every run fuzzes the same inputs. */
export function prng(seed: number): () => number {
  const random = new Random(seed, "fuzz");
  return () => random.next();
}
