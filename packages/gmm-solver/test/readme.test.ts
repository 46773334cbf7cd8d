import { key, normal } from "@sidereal/distributions";
import { expect, it } from "vitest";
import {
  fitGaussianMixture,
  gaussianMixtureFromParameters,
  klMixtureMonteCarlo,
  klMixtureVariational,
  kmeans,
} from "../src/index.js";

it("README example runs and gives the documented results", () => {
  const n = 1000;
  const z = normal(key(0), [n, 2]);
  const X = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    const shift = i < n / 2 ? -4 : 4;
    X[2 * i] = z[2 * i]! + shift;
    X[2 * i + 1] = 0.5 * z[2 * i + 1]!;
  }
  const gmm = fitGaussianMixture(X, {
    nComponents: 2,
    nFeatures: 2,
    covarianceType: "full",
    nInit: 3,
    seed: 42,
  });
  expect(gmm.converged).toBe(true);
  expect(gmm.weights[0]!).toBeCloseTo(0.5, 2);
  const p = gmm.predict([
    [-4, 0],
    [4, 0.1],
  ]);
  expect(p[0]).not.toBe(p[1]);
  expect(Number.isFinite(gmm.bic(X))).toBe(true);
  const { X: draws } = gmm.sample(key(1), 500);
  expect(draws.length).toBe(1000);
  const km = kmeans(X, 2, { nFeatures: 2, seed: 0 });
  expect(km.inertia / n).toBeCloseTo(1.25, 0);
  const single = gaussianMixtureFromParameters({
    weights: [1],
    means: [[0, 0]],
    covariances: [
      [
        [16, 0],
        [0, 0.25],
      ],
    ],
  });
  const v = klMixtureVariational(gmm, single);
  const mc = klMixtureMonteCarlo(gmm, single, key(2), 10_000);
  expect(v).toBeGreaterThan(0);
  expect(mc).toBeGreaterThan(0);
});
