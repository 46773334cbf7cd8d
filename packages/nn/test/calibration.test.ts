import { describe, expect, it } from "vitest";
import {
  CoverageAccumulator,
  calibrationSvg,
  estimates,
  histogramMode,
  pitCoverage,
  quantileSorted,
} from "../src/index.js";
import { probit } from "./normal.js";

describe("quantiles, modes, estimates", () => {
  it("linear-interpolated quantiles as numpy", () => {
    const s = [1, 2, 3, 4];
    expect(quantileSorted(s, 0.5)).toBe(2.5);
    expect(quantileSorted(s, 0.25)).toBe(1.75); // numpy.quantile([1,2,3,4], .25) = 1.75
    expect(quantileSorted(s, 1)).toBe(4);
  });
  it("histogram mode is the centre of the fullest of 1000 bins on [0, 1]", () => {
    expect(histogramMode([0.1234, 0.1235, 0.5, 0.9, 1.7, -3])).toBeCloseTo(0.1235, 10);
    const { median, mode } = estimates(Float64Array.from([0.2, 0.7, 0.3, 0.7, 0.4, 0.7]), 2);
    expect(median[0]).toBeCloseTo(0.3, 12);
    expect(median[1]).toBeCloseTo(0.7, 12);
    expect(mode[1]).toBeCloseTo(0.7005, 12);
  });
});

describe("coverage arithmetic", () => {
  it("exact counts on a hand-made case", () => {
    // Samples 0..100 (one column): the 68 % interval is [16, 84], the 95 % one [2.5, 97.5].
    const samples = Float64Array.from({ length: 101 }, (_, i) => i);
    const acc = new CoverageAccumulator(["p"]);
    for (const truth of [50, 16, 84, 15.9, 2.5, 97.6, 99]) acc.add(samples, [truth]);
    const r = acc.result().p!;
    expect(r.n).toBe(7);
    expect(r.c68).toBeCloseTo(3 / 7, 12); // 50, 16, 84
    expect(r.c95).toBeCloseTo(5 / 7, 12); // all but 97.6 and 99
  });

  it("calibrated posteriors cover 68 % / 95 %; over-confident ones do not", () => {
    // Each row's posterior is N(μ, 1) on a quantile grid; truths are μ + z with z ~ N(0, 1)
    // (calibrated) or N(0, 2²) (posterior too narrow), z on a deterministic grid of n points.
    const S = 400;
    const n = 2000;
    const grid = Float64Array.from({ length: S }, (_, i) => probit((i + 0.5) / S));
    const good = new CoverageAccumulator(["p"]);
    const narrow = new CoverageAccumulator(["p"]);
    for (let r = 0; r < n; r++) {
      const mu = (r % 7) - 3;
      const z = probit((r + 0.5) / n);
      const samples = grid.map((g) => mu + g);
      good.add(samples, [mu + z]);
      narrow.add(samples, [mu + 2 * z]);
    }
    const g = good.result().p!;
    expect(Math.abs(g.c68 - 0.68)).toBeLessThan(0.005);
    expect(Math.abs(g.c95 - 0.95)).toBeLessThan(0.005);
    const w = narrow.result().p!;
    // P(|2Z| < 0.9945) = 2Φ(0.497) − 1 = 0.381; P(|2Z| < 1.96) = 2Φ(0.98) − 1 = 0.673.
    expect(Math.abs(w.c68 - 0.381)).toBeLessThan(0.01);
    expect(Math.abs(w.c95 - 0.673)).toBeLessThan(0.01);
    // The PIT curve of the calibrated case lies on the diagonal.
    const levels = [0.1, 0.5, 0.9];
    for (const [i, c] of pitCoverage(good.pit[0]!, levels).entries())
      expect(Math.abs(c - levels[i]!)).toBeLessThan(0.01);
    const svg = calibrationSvg(good);
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("n = 2000");
  });
});
