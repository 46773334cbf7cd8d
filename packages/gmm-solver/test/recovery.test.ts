import { tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { type CovarianceType, fitGaussianMixture, type InitParams } from "../src/index.js";
import { matchPermutation, sampleMixture } from "./helpers.js";

// Well-separated synthetic mixtures (means ≥ 8 standard deviations apart), n = 3000, fixed
// keys. Tolerances are statistical: with nₖ ≈ 600–1500 rows per component the standard error
// of a mean is ≤ 0.05, of a variance ≤ 0.1 (σ² ≤ 1.8) and of a weight ≤ 0.01; the bounds
// below are ≥ 4 standard errors.

const n = 3000;
const weights = [0.5, 0.3, 0.2];
const means = [
  [-6, 0],
  [6, 4],
  [2, -8],
];

const truthCovs: Record<CovarianceType, number[][]> = {
  full: [
    [1.0, 0.5, 0.5, 0.8],
    [0.6, -0.3, -0.3, 1.2],
    [1.5, 0.2, 0.2, 0.4],
  ],
  diag: [
    [1.0, 0, 0, 0.3],
    [0.5, 0, 0, 1.6],
    [1.8, 0, 0, 0.7],
  ],
  spherical: [
    [0.4, 0, 0, 0.4],
    [1.0, 0, 0, 1.0],
    [1.6, 0, 0, 1.6],
  ],
  tied: [
    [1.0, 0.4, 0.4, 0.7],
    [1.0, 0.4, 0.4, 0.7],
    [1.0, 0.4, 0.4, 0.7],
  ],
};

/** The model's covariance entry (i, j) of component k in the covariance type's layout. */
function covEntry(c: Float64Array, type: CovarianceType, k: number, i: number, j: number): number {
  const d = 2;
  switch (type) {
    case "full":
      return c[k * d * d + i * d + j]!;
    case "tied":
      return c[i * d + j]!;
    case "diag":
      return i === j ? c[k * d + i]! : 0;
    case "spherical":
      return i === j ? c[k]! : 0;
  }
}

describe("recovers known parameters of well-separated mixtures", () => {
  for (const type of ["full", "diag", "spherical", "tied"] as CovarianceType[]) {
    it(`${type}`, () => {
      const { X, labels } = sampleMixture(11, n, weights, means, truthCovs[type]);
      const m = fitGaussianMixture(X, {
        nComponents: 3,
        covarianceType: type,
        nFeatures: 2,
        seed: 3,
      });
      expect(m.converged).toBe(true);
      expect(m.nIter).toBeGreaterThan(0);
      const pred = m.predict(X);
      const { accuracy, perm } = matchPermutation(pred, labels, 3);
      expect(accuracy).toBeGreaterThan(0.999);
      for (let k = 0; k < 3; k++) {
        const t = perm[k]!;
        expect(Math.abs(m.weights[k]! - weights[t]!)).toBeLessThan(0.04);
        for (let j = 0; j < 2; j++)
          expect(Math.abs(m.means[k * 2 + j]! - means[t]![j]!)).toBeLessThan(0.15);
        for (let i = 0; i < 2; i++) {
          for (let j = 0; j < 2; j++) {
            expect(
              Math.abs(covEntry(m.covariances, type, k, i, j) - truthCovs[type][t]![i * 2 + j]!),
            ).toBeLessThan(0.25);
          }
        }
      }
      // EM never decreases the likelihood (up to rounding).
      for (let i = 1; i < m.lowerBounds.length; i++) {
        expect(m.lowerBounds[i]!).toBeGreaterThanOrEqual(m.lowerBounds[i - 1]! - 1e-12);
      }
      // predictProba rows are distributions whose argmax is predict.
      const P = m.predictProba(X);
      for (let i = 0; i < 50; i++) {
        const row = P.subarray(i * 3, i * 3 + 3);
        expect(row[0]! + row[1]! + row[2]!).toBeCloseTo(1, 12);
        expect(row.indexOf(Math.max(...row))).toBe(pred[i]);
      }
    });
  }

  it("every initParams strategy reaches the same optimum on separated data", () => {
    const { X } = sampleMixture(5, 1500, weights, means, truthCovs.full);
    const scores = (["kmeans", "k-means++", "random", "random_from_data"] as InitParams[]).map(
      (initParams) =>
        fitGaussianMixture(X, {
          nComponents: 3,
          nFeatures: 2,
          initParams,
          nInit: 3,
          seed: 1,
          tol: 1e-8,
          maxIter: 500,
        }).score(X),
    );
    for (const s of scores) expect(s).toBeCloseTo(scores[0]!, 6);
  });

  it("nInit keeps the best run: its bound is ≥ that of run 0 (same seed)", () => {
    const { X } = sampleMixture(
      8,
      800,
      [0.25, 0.25, 0.25, 0.25],
      [
        [0, 0],
        [2, 0],
        [0, 2],
        [2, 2],
      ],
      [
        [0.5, 0, 0, 0.5],
        [0.5, 0, 0, 0.5],
        [0.5, 0, 0, 0.5],
        [0.5, 0, 0, 0.5],
      ],
    );
    const one = fitGaussianMixture(X, {
      nComponents: 4,
      nFeatures: 2,
      initParams: "random",
      seed: 9,
    });
    const many = fitGaussianMixture(X, {
      nComponents: 4,
      nFeatures: 2,
      initParams: "random",
      seed: 9,
      nInit: 6,
    });
    expect(many.lowerBound).toBeGreaterThanOrEqual(one.lowerBound);
  });

  it("warm start continues EM exactly", () => {
    const { X } = sampleMixture(2, 1000, weights, means, truthCovs.full);
    const opts = { nComponents: 3, nFeatures: 2, tol: 0, initParams: "random" as const, seed: 4 };
    const a = fitGaussianMixture(X, { ...opts, maxIter: 4 });
    const b = fitGaussianMixture(X, { ...opts, maxIter: 3, warmStart: a });
    const c = fitGaussianMixture(X, { ...opts, maxIter: 7 });
    expect(Array.from(b.means)).toEqual(Array.from(c.means));
    expect(Array.from(b.covariances)).toEqual(Array.from(c.covariances));
    expect(b.lowerBound).toBe(c.lowerBound);
    expect(b.nIter).toBe(3);
  });

  it("maxIter = 0 returns the initialisation", () => {
    const { X } = sampleMixture(2, 300, weights, means, truthCovs.full);
    const m = fitGaussianMixture(X, { nComponents: 3, nFeatures: 2, maxIter: 0 });
    expect(m.nIter).toBe(0);
    expect(m.converged).toBe(false);
    expect(m.lowerBound).toBe(Number.NEGATIVE_INFINITY);
  });

  it("sample() reproduces the model's weights, means and covariances", () => {
    const { X } = sampleMixture(21, 2000, weights, means, truthCovs.full);
    const m = fitGaussianMixture(X, { nComponents: 3, nFeatures: 2 });
    const N = 60000;
    const s = m.sample(123, N);
    // Grouped by component, labels ascending (as scikit-learn).
    for (let i = 1; i < N; i++) expect(s.labels[i]! >= s.labels[i - 1]!).toBe(true);
    for (let k = 0; k < 3; k++) {
      let c = 0;
      const mu = [0, 0];
      const S = [0, 0, 0, 0];
      for (let i = 0; i < N; i++) {
        if (s.labels[i] !== k) continue;
        c++;
        mu[0]! += s.X[2 * i]!;
        mu[1]! += s.X[2 * i + 1]!;
      }
      mu[0]! /= c;
      mu[1]! /= c;
      for (let i = 0; i < N; i++) {
        if (s.labels[i] !== k) continue;
        const a = s.X[2 * i]! - mu[0]!;
        const b = s.X[2 * i + 1]! - mu[1]!;
        S[0]! += a * a;
        S[1]! += a * b;
        S[3]! += b * b;
      }
      // SE of a weight ≈ 0.002, of a mean ≈ 0.01, of a covariance entry ≈ 0.02.
      expect(Math.abs(c / N - m.weights[k]!)).toBeLessThan(0.01);
      expect(Math.abs(mu[0]! - m.means[2 * k]!)).toBeLessThan(0.05);
      expect(Math.abs(mu[1]! - m.means[2 * k + 1]!)).toBeLessThan(0.05);
      expect(Math.abs(S[0]! / c - m.covariances[4 * k]!)).toBeLessThan(0.08);
      expect(Math.abs(S[1]! / c - m.covariances[4 * k + 1]!)).toBeLessThan(0.08);
      expect(Math.abs(S[3]! / c - m.covariances[4 * k + 3]!)).toBeLessThan(0.08);
    }
  });

  it("accepts number[][] input and gives the same fit as Float64Array", () => {
    const { X } = sampleMixture(2, 300, weights, means, truthCovs.full);
    const rows = Array.from({ length: 300 }, (_, i) => [X[2 * i]!, X[2 * i + 1]!]);
    const a = fitGaussianMixture(X, { nComponents: 3, nFeatures: 2 });
    const b = fitGaussianMixture(rows, { nComponents: 3 });
    expect(Array.from(b.means)).toEqual(Array.from(a.means));
  });

  it("accepts a 2-D Tensor and 1-D data (nFeatures = 1)", () => {
    const { X } = sampleMixture(2, 300, weights, means, truthCovs.full);
    const a = fitGaussianMixture(X, { nComponents: 3, nFeatures: 2 });
    const b = fitGaussianMixture(tensor(X, [300, 2]), { nComponents: 3 });
    expect(Array.from(b.means)).toEqual(Array.from(a.means));
    const x1 = new Float64Array(300);
    for (let i = 0; i < 300; i++) x1[i] = X[2 * i]!;
    const c = fitGaussianMixture(x1, { nComponents: 3, nFeatures: 1, covarianceType: "spherical" });
    const f = fitGaussianMixture(x1, { nComponents: 3, nFeatures: 1, covarianceType: "full" });
    // In one dimension every covariance type is the same model.
    expect(c.score(x1)).toBeCloseTo(f.score(x1), 10);
  });
});
