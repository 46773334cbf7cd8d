import { describe, expect, it } from "vitest";
import { GmmError, kmeans, kmeansPlusPlus } from "../src/index.js";
import { kmeansRef, X } from "./fixtures/reference.js";
import { matchPermutation, sampleMixture } from "./helpers.js";

describe("kmeans", () => {
  it("Lloyd from explicit centres matches the NumPy reference (labels exact, inertia 1e-12)", () => {
    const r = kmeans(X, 3, { nFeatures: 2, init: Float64Array.from(kmeansRef.init) });
    expect(Array.from(r.labels)).toEqual(kmeansRef.labels);
    expect(Math.abs(r.inertia - kmeansRef.inertia) / kmeansRef.inertia).toBeLessThan(1e-12);
    for (let i = 0; i < 6; i++) expect(r.centers[i]!).toBeCloseTo(kmeansRef.centers[i]!, 12);
    expect(r.nIter).toBe(kmeansRef.nIter);
    expect(r.converged).toBe(true);
  });

  it("k-means++ recovers separated clusters; inertia is the sum of squared distances", () => {
    const truthMeans = [
      [0, 0, 0],
      [10, 0, 0],
      [0, 10, 0],
      [0, 0, 10],
    ];
    const eye = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const { X: Y, labels } = sampleMixture(3, 2000, [0.25, 0.25, 0.25, 0.25], truthMeans, [
      eye,
      eye,
      eye,
      eye,
    ]);
    const r = kmeans(Y, 4, { nFeatures: 3, seed: 7 });
    expect(matchPermutation(r.labels, labels, 4).accuracy).toBe(1);
    let inertia = 0;
    for (let i = 0; i < 2000; i++) {
      const c = r.labels[i]!;
      for (let j = 0; j < 3; j++) inertia += (Y[i * 3 + j]! - r.centers[c * 3 + j]!) ** 2;
    }
    expect(r.inertia).toBeCloseTo(inertia, 8);
    // Within-cluster variance ≈ d = 3 per row.
    expect(r.inertia / 2000).toBeGreaterThan(2.7);
    expect(r.inertia / 2000).toBeLessThan(3.3);
    // Each centre is the mean of its rows.
    const counts = [0, 0, 0, 0];
    const sums = new Float64Array(12);
    for (let i = 0; i < 2000; i++) {
      counts[r.labels[i]!]!++;
      for (let j = 0; j < 3; j++) sums[r.labels[i]! * 3 + j]! += Y[i * 3 + j]!;
    }
    for (let c = 0; c < 4; c++)
      for (let j = 0; j < 3; j++)
        expect(r.centers[c * 3 + j]!).toBeCloseTo(sums[c * 3 + j]! / counts[c]!, 10);
  });

  it("more seedings never increase inertia; random init works", () => {
    const { X: Y } = sampleMixture(
      4,
      600,
      [0.2, 0.2, 0.2, 0.2, 0.2],
      [
        [0, 0],
        [3, 0],
        [0, 3],
        [3, 3],
        [1.5, 1.5],
      ],
      Array(5).fill([0.6, 0, 0, 0.6]),
    );
    const one = kmeans(Y, 5, { nFeatures: 2, init: "random", nInit: 1, seed: 2 });
    const ten = kmeans(Y, 5, { nFeatures: 2, init: "random", nInit: 10, seed: 2 });
    expect(ten.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it("kmeansPlusPlus returns distinct data rows as centres", () => {
    const { centers, indices } = kmeansPlusPlus(X, 3, { nFeatures: 2, seed: 1 });
    expect(new Set(indices).size).toBe(3);
    for (let c = 0; c < 3; c++) {
      expect(centers[2 * c]).toBe(X[2 * indices[c]!]);
      expect(centers[2 * c + 1]).toBe(X[2 * indices[c]! + 1]);
    }
  });

  it("relocates empty clusters (duplicate initial centres)", () => {
    const r = kmeans(X, 3, {
      nFeatures: 2,
      init: [
        [0, 0],
        [0, 0],
        [1, -1],
      ],
    });
    expect(new Set(r.labels).size).toBe(3);
    expect(Number.isFinite(r.inertia)).toBe(true);
  });

  it("rejects bad input with GmmError", () => {
    const bad = (f: () => unknown, reason: string) => {
      try {
        f();
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(GmmError);
        expect((e as GmmError).reason).toBe(reason);
      }
    };
    bad(() => kmeans([[0, 1]], 2), "tooFewSamples");
    bad(
      () =>
        kmeans(
          [
            [0, 1],
            [1, 1],
          ],
          0,
        ),
      "nComponents",
    );
    bad(
      () =>
        kmeans(
          [
            [0, Number.NaN],
            [1, 1],
          ],
          1,
        ),
      "nonFinite",
    );
    bad(
      () =>
        kmeans(
          [
            [0, 1],
            [1, 1],
          ],
          1,
          { tol: -1 },
        ),
      "option",
    );
    bad(
      () =>
        kmeans(
          [
            [0, 1],
            [1, 1],
          ],
          2,
          {
            init: [
              [0, 0, 0],
              [1, 1, 1],
            ],
          },
        ),
      "dimensionMismatch",
    );
  });
});
