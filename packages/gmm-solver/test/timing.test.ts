import { describe, expect, it } from "vitest";
import { fitGaussianMixture } from "../src/index.js";
import { sampleMixture } from "./helpers.js";

describe("timing", () => {
  it("fits 1e5 × 5 (K = 4, full covariances) and reports the wall time", () => {
    const d = 5;
    const means = [0, 1, 2, 3].map((k) => Array.from({ length: d }, (_, j) => (j === k ? 8 : 0)));
    const eye = Array.from({ length: d * d }, (_, i) => (i % (d + 1) === 0 ? 1 : 0));
    const { X } = sampleMixture(99, 100_000, [0.1, 0.2, 0.3, 0.4], means, [eye, eye, eye, eye]);
    const t0 = performance.now();
    const m = fitGaussianMixture(X, { nComponents: 4, nFeatures: d, seed: 0 });
    const ms = performance.now() - t0;
    console.info(
      `fitGaussianMixture 1e5×5, K=4, full: ${ms.toFixed(0)} ms, ${m.nIter} EM iterations`,
    );
    expect(m.converged).toBe(true);
    const t1 = performance.now();
    fitGaussianMixture(X, { nComponents: 4, nFeatures: d, warmStart: m, maxIter: 5, tol: 0 });
    const perIter = (performance.now() - t1) / 5;
    console.info(`  EM iteration on 1e5×5, K=4, full: ${perIter.toFixed(1)} ms`);
    const w = [...m.weights].sort((a, b) => a - b);
    for (const [i, t] of [0.1, 0.2, 0.3, 0.4].entries()) {
      expect(Math.abs(w[i]! - t)).toBeLessThan(0.01);
    }
  });
});
