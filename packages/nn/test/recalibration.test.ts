import { describe, expect, it } from "vitest";
import {
  CoverageAccumulator,
  fitRecalibration,
  intervalLevels,
  NOMINAL_LEVELS,
  PIT_GRID,
  recalibratedLevel,
  recalibratedPit,
  recalibrationRows,
} from "../src/index.js";
import { probit } from "./normal.js";

describe("recalibration tables", () => {
  it("uniform PITs give the identity; G and G⁻¹ are inverses", () => {
    const u = Array.from({ length: 1001 }, (_, i) => i / 1000);
    const r = fitRecalibration(["p"], [u], { rows: 1001, samples: 1000, seed: 1 });
    expect(r.pitQuantiles.p).toHaveLength(PIT_GRID);
    for (const p of [0, 0.025, 0.16, 0.5, 0.84, 0.975, 1])
      expect(recalibratedLevel(r.pitQuantiles.p!, p)).toBeCloseTo(p, 12);
    // PITs u² (CDF G(u) = √u): G⁻¹(p) = p² up to the grid's linear interpolation (≤ 1/(4·200²)).
    const sq = fitRecalibration(["p"], [u.map((v) => v * v)], { rows: 1001, samples: 1, seed: 1 });
    const table = sq.pitQuantiles.p!;
    for (const p of [0.025, 0.16, 0.5, 0.84, 0.975]) {
      expect(Math.abs(recalibratedLevel(table, p) - p * p)).toBeLessThan(1e-5);
      expect(Math.abs(recalibratedPit(table, p * p) - p)).toBeLessThan(1e-6);
    }
    // A column the table lacks keeps the nominal levels.
    expect(intervalLevels(sq, "q")).toEqual(NOMINAL_LEVELS);
  });

  it("the fit rows are the last held-out rows, disjoint from the evaluated ones", () => {
    const test = Uint32Array.from([3, 8, 11, 20, 42]);
    const { fit, evaluate } = recalibrationRows(test, 2);
    expect([...fit]).toEqual([20, 42]);
    expect([...evaluate]).toEqual([3, 8, 11]);
    expect([...recalibrationRows(test, 9).evaluate]).toEqual([]);
  });
});

describe("recalibrated coverage", () => {
  it("posteriors too wide (truth spread 0.6σ) over-cover; the recalibration fitted on other rows restores 68 % / 95 %", () => {
    // Each row's posterior is N(μ, 1) on a quantile grid; truths are μ + 0.6 z, z ~ N(0, 1) on
    // a deterministic grid, so the raw 68 % interval covers P(|0.6 Z| < 0.9945) = 2Φ(1.6575) − 1
    // = 0.9026 and the 95 % one 2Φ(3.2667) − 1 = 0.9989.
    const S = 500;
    const grid = Float64Array.from({ length: S }, (_, i) => probit((i + 0.5) / S));
    const rows = (n: number, offset: number) =>
      Array.from({ length: n }, (_, r) => ({
        mu: (r % 5) - 2,
        z: 0.6 * probit((r + offset + 0.5) / (n + 1)),
      }));
    const fitAcc = new CoverageAccumulator(["p"]);
    for (const { mu, z } of rows(3000, 0.5))
      fitAcc.add(
        grid.map((g) => mu + g),
        [mu + z],
      );
    const rec = fitRecalibration(["p"], fitAcc.rawPit, { rows: 3000, samples: S, seed: 0 });
    const acc = new CoverageAccumulator(["p"], rec);
    for (const { mu, z } of rows(2000, 0))
      acc.add(
        grid.map((g) => mu + g),
        [mu + z],
      );
    const r = acc.result().p!;
    expect(Math.abs(r.c68Raw! - 0.9026)).toBeLessThan(0.005);
    expect(Math.abs(r.c95Raw! - 0.9989)).toBeLessThan(0.005);
    // Recalibrated: nominal to within the grid's discreteness (1/500 samples, 1/2000 rows).
    expect(Math.abs(r.c68 - 0.68)).toBeLessThan(0.005);
    expect(Math.abs(r.c95 - 0.95)).toBeLessThan(0.005);
    // The recalibrated 68 % levels are Φ(±0.6·0.9945) around 0.5: 0.2759 and 0.7241.
    const L = intervalLevels(rec, "p");
    expect(Math.abs(L.lo68 - 0.2759)).toBeLessThan(0.003);
    expect(Math.abs(L.hi68 - 0.7241)).toBeLessThan(0.003);
    // The recalibrated PITs are uniform again.
    const u = acc.pit[0]!;
    const below = (a: number) => u.filter((v) => v < a).length / u.length;
    for (const a of [0.1, 0.5, 0.9]) expect(Math.abs(below(a) - a)).toBeLessThan(0.01);
  });
});
