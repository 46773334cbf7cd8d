import { describe, expect, it } from "vitest";
import {
  fitGaussianMixture,
  GmmError,
  type GmmErrorReason,
  gaussianMixtureFromParameters,
} from "../src/index.js";
import { sampleMixture } from "./helpers.js";

function expectGmmError(f: () => unknown, reason: GmmErrorReason): GmmError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(GmmError);
    const g = e as GmmError;
    expect(g._tag).toBe("GmmError");
    expect(g.reason).toBe(reason);
    return g;
  }
  throw new Error(`expected GmmError(${reason})`);
}

const { X } = sampleMixture(
  1,
  200,
  [0.5, 0.5],
  [
    [-3, 0],
    [3, 0],
  ],
  [
    [1, 0, 0, 1],
    [1, 0, 0, 1],
  ],
);

describe("bad input raises typed GmmError", () => {
  it("fewer samples than components", () => {
    expectGmmError(
      () =>
        fitGaussianMixture(
          [
            [0, 0],
            [1, 1],
          ],
          { nComponents: 3 },
        ),
      "tooFewSamples",
    );
  });

  it("NaN / Inf in X", () => {
    const Y = X.slice();
    Y[17] = Number.NaN;
    expectGmmError(() => fitGaussianMixture(Y, { nComponents: 2, nFeatures: 2 }), "nonFinite");
    Y[17] = Number.POSITIVE_INFINITY;
    expectGmmError(() => fitGaussianMixture(Y, { nComponents: 2, nFeatures: 2 }), "nonFinite");
    const m = fitGaussianMixture(X, { nComponents: 2, nFeatures: 2 });
    expectGmmError(() => m.scoreSamples([[0, Number.NaN]]), "nonFinite");
  });

  it("nComponents < 1 or not an integer", () => {
    expectGmmError(() => fitGaussianMixture(X, { nComponents: 0, nFeatures: 2 }), "nComponents");
    expectGmmError(() => fitGaussianMixture(X, { nComponents: 1.5, nFeatures: 2 }), "nComponents");
  });

  it("mismatched dimensions and bad shapes", () => {
    const m = fitGaussianMixture(X, { nComponents: 2, nFeatures: 2 });
    expectGmmError(() => m.predict([[1, 2, 3]]), "dimensionMismatch");
    expectGmmError(() => m.score(new Float64Array(3)), "shape");
    expectGmmError(() => fitGaussianMixture(X, { nComponents: 2 }), "shape");
    expectGmmError(() => fitGaussianMixture([[1, 2], [3]], { nComponents: 1 }), "shape");
    expectGmmError(
      () =>
        fitGaussianMixture(X, {
          nComponents: 2,
          nFeatures: 2,
          meansInit: [
            [0, 0, 0],
            [1, 1, 1],
          ],
        }),
      "dimensionMismatch",
    );
    expectGmmError(
      () =>
        fitGaussianMixture(X, {
          nComponents: 2,
          nFeatures: 2,
          warmStart: m,
          covarianceType: "diag",
        }),
      "warmStart",
    );
  });

  it("out-of-range options", () => {
    const base = { nComponents: 2, nFeatures: 2 };
    expectGmmError(() => fitGaussianMixture(X, { ...base, tol: -1 }), "option");
    expectGmmError(() => fitGaussianMixture(X, { ...base, regCovar: -1e-6 }), "option");
    expectGmmError(() => fitGaussianMixture(X, { ...base, maxIter: -1 }), "option");
    expectGmmError(() => fitGaussianMixture(X, { ...base, nInit: 0 }), "option");
    expectGmmError(() => fitGaussianMixture(X, { ...base, weightsInit: [0.2, 0.2] }), "option");
    expectGmmError(
      () =>
        gaussianMixtureFromParameters({
          weights: [0.5, 0.6],
          means: [[0], [1]],
          covariances: [1, 1],
          covarianceType: "spherical",
        }),
      "option",
    );
  });

  it("a collapsed component with regCovar = 0 is ill-defined; regCovar > 0 fixes it", () => {
    const rows: number[][] = [];
    for (let i = 0; i < 20; i++) rows.push([5, 5]);
    for (let i = 0; i < 100; i++) rows.push([X[2 * i]! - 10, X[2 * i + 1]!]);
    for (const covarianceType of ["full", "diag", "spherical"] as const) {
      const e = expectGmmError(
        () => fitGaussianMixture(rows, { nComponents: 2, covarianceType, regCovar: 0 }),
        "illDefinedCovariance",
      );
      expect(e.message).toMatch(/increase regCovar/);
      const ok = fitGaussianMixture(rows, { nComponents: 2, covarianceType });
      expect(Number.isFinite(ok.lowerBound)).toBe(true);
    }
    expectGmmError(
      () =>
        gaussianMixtureFromParameters({
          weights: [1],
          means: [[0, 0]],
          covariances: [
            [
              [1, 2],
              [2, 1],
            ],
          ],
        }),
      "illDefinedCovariance",
    );
  });

  it("sample() needs a positive integer count", () => {
    const m = fitGaussianMixture(X, { nComponents: 2, nFeatures: 2 });
    expectGmmError(() => m.sample(0, 0), "option");
  });
});
