/** Parameter points and loss weights of the seed forward-model fixture (see scripts/forward-fixture.ts). */
export const FIXTURE_POINTS = [
  // the mock's truth: a quarter of the layers clipped at 500 K
  { T0: 1200, alpha: 0.1, mmr: 0.01, massJ: 10, RV: 40, vsini: 10 },
  // hot and steep: the deep layers clipped at 1500 K
  { T0: 1450, alpha: 0.19, mmr: 0.013, massJ: 6, RV: 36.5, vsini: 14 },
  // cool and shallow
  { T0: 1010, alpha: 0.06, mmr: 0.004, massJ: 25, RV: 44, vsini: 6 },
] as const;

/** Fixed loss weights: w_i = sin(0.37 i + 0.2) (no RNG, so the fixture is reproducible). */
export function fixtureWeights(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i + 0.2));
}
