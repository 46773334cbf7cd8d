import { describe, expect, it } from "vitest";
import {
  type CovarianceType,
  fitGaussianMixture,
  type GaussianMixtureModel,
  gaussianMixtureFromParameters,
} from "../src/index.js";
import {
  datasets,
  rowStride,
  sklearnVersion,
  tightMaxIter,
  tightTol,
} from "./fixtures/sklearnReference.js";
import { relErr } from "./helpers.js";

// Reference: scikit-learn's own GaussianMixture (version in the fixture header), values made by
// test/fixtures/sklearn_reference.py; scikit-learn is not needed to run these tests.
//
// Tolerances and why:
// - Independent fits (our k-means seeds vs scikit-learn's, both nInit = 10): the issue asks for
//   the best lower bound within 1e-4 relative. With the default tol = 1e-3 both sides stop once
//   the bound changes by < 1e-3 in an iteration, i.e. at slightly different points of the same
//   slow climb: on blobs2d/tied scikit-learn stops after 6 iterations at −3.43815, we after 7
//   at −3.43780 (1.0e-4 relative), and the score of scikit-learn's own final parameters is
//   −3.43762, so that difference is the stopping rule, not the model. We therefore test the
//   1e-4 criterion on fits run to convergence (tol = 1e-10 on both sides, where the best
//   bounds agree to ~1e-12 when both find the same maximum), and with the default tol we
//   assert that the best bounds differ by less than tol itself (absolute).
//   Which local maximum 10 starts find depends on the starts: on blobs4d/spherical
//   scikit-learn's random_state = 0 ends at −7.316684 while ours (and scikit-learn's
//   random_state = 2) reach the higher −7.315657 (1.4e-4 relative apart). So the converged
//   check is: ours is not worse than random_state = 0 by more than 1e-4 relative, and within
//   1e-4 of a maximum scikit-learn reaches with one of random_state = 0…4.
// - Identical parameters (our model built from scikit-learn's weights_, means_,
//   covariances_): only floating-point rounding differs (Cholesky of the covariance, the
//   summation order of the log-likelihood), so values agree to ~1e-14 relative. The issue asks
//   for BIC within 1e-6; we assert 1e-10 for bic/aic/score, 1e-10 (relative to max(1, |v|))
//   for scoreSamples and 1e-10 absolute for predictProba, and identical predict labels: the
//   fixture records the smallest gap between the two best components over all rows (≥ 2e-4),
//   far above the rounding error, so a single differing label is a real disagreement.
// - One EM step from identical parameters (scikit-learn with weights/means/precisions_init
//   and max_iter = 1): pins the M-step (weights normalised by Σ nₖ, regCovar = 1e-6 on the
//   diagonals, the tied and spherical formulas); the 10·eps added to nₖ changes results by
//   ~1e-18 relative and is below any test's resolution. scikit-learn uses uncentred sums
//   (E[x²] − μ²) for diag/spherical/tied, we accumulate about the previous means, which
//   differ by cancellation error ~eps·|x|²/σ²; 1e-10 relative (measured ≤ 8e-15).

const TYPES: CovarianceType[] = ["full", "diag", "spherical", "tied"];
const NAMES = ["blobs2d", "blobs4d"] as const;

/** Rows 0, rowStride, 2·rowStride, … of X (the rows the fixture evaluated), flat row-major. */
function strideRows(X: Float64Array, n: number, d: number): Float64Array {
  const rows: number[] = [];
  for (let i = 0; i < n; i += rowStride) for (let j = 0; j < d; j++) rows.push(X[i * d + j]!);
  return Float64Array.from(rows);
}

/** Largest |a − b| / max(1, |b|) elementwise. */
function maxScaledErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let e = 0;
  for (let i = 0; i < b.length; i++) {
    e = Math.max(e, Math.abs(a[i]! - b[i]!) / Math.max(1, Math.abs(b[i]!)));
  }
  return e;
}

const rel = (a: number, b: number): number => Math.abs(a - b) / Math.abs(b);

describe(`agreement with scikit-learn ${sklearnVersion} GaussianMixture`, () => {
  for (const name of NAMES) {
    const ds = datasets[name];
    const X = Float64Array.from(ds.X);
    const rows = strideRows(X, ds.n, ds.d);
    for (const type of TYPES) {
      const ref = ds[type];
      const label = `${name} (${ds.n}×${ds.d}, K = ${ds.K}), ${type}`;

      it(`${label}: fits run to convergence (nInit 10): our best bound is sklearn's (1e-4)`, () => {
        const ours = fitGaussianMixture(X, {
          nComponents: ds.K,
          nFeatures: ds.d,
          covarianceType: type,
          nInit: 10,
          seed: 0,
          tol: tightTol,
          maxIter: tightMaxIter,
        });
        expect(ours.converged).toBe(true);
        const sk = ref.tight.lowerBound;
        // Nearest of the maxima scikit-learn reaches with random_state 0, 1, … (nInit 10 each).
        const nearest = Math.min(...ref.tight.lowerBoundBySeed.map((b) => rel(ours.lowerBound, b)));
        console.info(
          `${label}, tol ${tightTol}: lower bound ours ${ours.lowerBound} (nIter ${ours.nIter}), ` +
            `sklearn ${sk} (nIter ${ref.tight.nIter}), rel. diff ` +
            `${rel(ours.lowerBound, sk).toExponential(2)}; sklearn over random_state 0…` +
            `${ref.tight.lowerBoundBySeed.length - 1}: [${ref.tight.lowerBoundBySeed.join(", ")}], ` +
            `nearest rel. diff ${nearest.toExponential(2)}`,
        );
        // Never worse than scikit-learn's random_state = 0 fit by more than 1e-4 relative …
        expect(ours.lowerBound).toBeGreaterThanOrEqual(sk - 1e-4 * Math.abs(sk));
        // … and a maximum that scikit-learn itself finds (with some random_state).
        expect(nearest).toBeLessThan(1e-4);
      });

      it(`${label}: default tol 1e-3 (nInit 10): best bounds differ by less than tol`, () => {
        const ours = fitGaussianMixture(X, {
          nComponents: ds.K,
          nFeatures: ds.d,
          covarianceType: type,
          nInit: 10,
          seed: 0,
        });
        const diff = Math.abs(ours.lowerBound - ref.fit.lowerBound);
        console.info(
          `${label}, tol 1e-3: lower bound ours ${ours.lowerBound} (nIter ${ours.nIter}), sklearn ` +
            `${ref.fit.lowerBound} (nIter ${ref.fit.nIter}), abs. diff ${diff.toExponential(2)}, ` +
            `rel. diff ${rel(ours.lowerBound, ref.fit.lowerBound).toExponential(2)}`,
        );
        expect(diff).toBeLessThan(1e-3);
      });

      const model = (): GaussianMixtureModel =>
        gaussianMixtureFromParameters({
          weights: ref.fit.weights,
          means: ref.fit.means,
          covariances: ref.fit.covariances,
          covarianceType: type,
        });

      it(`${label}: identical parameters give the same bic, aic, score (1e-10)`, () => {
        const m = model();
        expect(m.nParameters()).toBe(ref.fit.nParameters);
        const errs = {
          bic: rel(m.bic(X), ref.fit.bic),
          aic: rel(m.aic(X), ref.fit.aic),
          score: rel(m.score(X), ref.fit.score),
        };
        console.info(`${label}: relative differences`, errs);
        for (const e of Object.values(errs)) expect(e).toBeLessThan(1e-10);
      });

      it(`${label}: identical parameters give the same scoreSamples, predictProba, predict`, () => {
        const m = model();
        const scoreErr = maxScaledErr(m.scoreSamples(rows), ref.fit.scoreSamples);
        const proba = m.predictProba(rows);
        expect(proba.length).toBe(ref.fit.predictProba.length);
        let probaErr = 0;
        for (let i = 0; i < proba.length; i++) {
          probaErr = Math.max(probaErr, Math.abs(proba[i]! - ref.fit.predictProba[i]!));
        }
        const labels = m.predict(X);
        let differing = 0;
        for (let i = 0; i < ds.n; i++) if (labels[i] !== ref.fit.predict[i]) differing++;
        console.info(
          `${label}: scoreSamples max err ${scoreErr.toExponential(2)}, predictProba max abs err ` +
            `${probaErr.toExponential(2)}, predict: ${differing} of ${ds.n} labels differ ` +
            `(smallest top-two gap ${ref.fit.minTopTwoGap.toExponential(2)})`,
        );
        expect(scoreErr).toBeLessThan(1e-10);
        expect(probaErr).toBeLessThan(1e-10);
        expect(differing).toBe(0);
      });

      it(`${label}: one EM step from identical parameters matches scikit-learn (1e-10)`, () => {
        const m = fitGaussianMixture(X, {
          nComponents: ds.K,
          covarianceType: type,
          warmStart: model(),
          maxIter: 1,
          tol: 0,
        });
        expect(m.nIter).toBe(1);
        const errs = {
          lowerBound: rel(m.lowerBound, ref.oneStep.lowerBound),
          weights: relErr(m.weights, ref.oneStep.weights),
          means: relErr(m.means, ref.oneStep.means),
          covariances: relErr(m.covariances, ref.oneStep.covariances),
        };
        console.info(`${label}: one EM step, relative differences`, errs);
        for (const e of Object.values(errs)) expect(e).toBeLessThan(1e-10);
      });
    }
  }
});
