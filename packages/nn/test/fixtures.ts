import type { CubeData, SanConfig } from "../src/index.js";
import { AGNFINDER_SAN, mulberry32 } from "../src/index.js";

/** A tiny configuration for fast tests. */
export const TINY: SanConfig = {
  ...AGNFINDER_SAN,
  moduleShape: [16],
  sequenceFeatures: 4,
  mixtureComponents: 3,
  batch: 64,
  learningRate: 1e-2,
  epochs: 2,
};

/**
 * Synthetic "cube": D = 3 targets on [0, 1]; F = 4 positive maggies that depend on them
 * (so the targets are learnable from x), seeded.
 */
export function syntheticCube(rows: number, seed = 1): CubeData {
  const rng = mulberry32(seed);
  const D = 3;
  const F = 4;
  const y = new Float64Array(rows * D);
  const maggies = new Float64Array(rows * F);
  for (let r = 0; r < rows; r++) {
    const a = rng();
    const b = rng();
    const c = rng();
    y.set([a, b, c], r * D);
    maggies.set(
      [
        Math.exp(-2 - 3 * a),
        Math.exp(-3 - 2 * b),
        Math.exp(-4 - a - c),
        Math.exp(-2.5 - 0.1 * rng()),
      ],
      r * F,
    );
  }
  return {
    files: ["synthetic"],
    rows,
    bands: ["b0", "b1", "b2", "b3"],
    columns: ["a", "b", "c"],
    maggies,
    y,
    ranges: Float64Array.from([0, 1, 0, 1, 0, 1]),
    log: [false, false, false],
  };
}
