import { choice, foldIn, type PRNGKey, uniform } from "@sidereal/distributions";
import {
  type CovarianceType,
  covariancesFromPrecisionCholesky,
  precisionCholeskyFromCovariances,
  precisionCholeskyFromPrecisions,
} from "./covariance.js";
import { GmmError } from "./errors.js";
import { estimateFromResponsibilities, INIT_BLOCK, type ResponsibilityBlock } from "./estimate.js";
import { kmeansOnMatrix, plusPlus } from "./kmeans.js";
import type { MixtureParameters } from "./log-prob.js";
import { type Matrix, type MatrixInput, toMatrix } from "./matrix.js";
import { checkCovariances, checkWeights, flatten, type NumericArray } from "./model.js";

/**
 * Initial-responsibility strategies (scikit-learn's `init_params`):
 * - `"kmeans"`: one-hot labels of a k-means run (one k-means++ seeding, Lloyd);
 * - `"k-means++"`: one-hot on the k rows chosen by greedy k-means++ seeding only;
 * - `"random"`: uniform(0, 1) responsibilities normalised per row;
 * - `"random_from_data"`: one-hot on k distinct uniformly drawn rows.
 */
export type InitParams = "kmeans" | "k-means++" | "random" | "random_from_data";

export const INIT_PARAMS: readonly InitParams[] = [
  "kmeans",
  "k-means++",
  "random",
  "random_from_data",
];

/** Explicit initial parameters (scikit-learn's `weights_init`, `means_init`, `precisions_init`). */
export interface ExplicitInit {
  /** Initial weights (K, non-negative, summing to 1). */
  readonly weightsInit?: NumericArray;
  /** Initial means (K×d). */
  readonly meansInit?: MatrixInput;
  /**
   * Initial precisions (inverse covariances) in the layout of the covariance type; their
   * Cholesky factors (lower, or square roots) become the initial `precisionsCholesky`.
   */
  readonly precisionsInit?: NumericArray;
}

function oneHotRows(rowsToComponents: Map<number, number[]>, K: number): ResponsibilityBlock {
  return (start, count, out) => {
    out.fill(0, 0, count * K);
    for (const [row, ks] of rowsToComponents) {
      if (row >= start && row < start + count) for (const k of ks) out[(row - start) * K + k] = 1;
    }
  };
}

/**
 * scikit-learn's `_initialize_parameters` + `GaussianMixture._initialize`: responsibilities from
 * the strategy, then weights `nₖ/n`, means and covariances (+ regCovar) by
 * {@link estimateFromResponsibilities}, then any explicit `*Init` overrides.
 */
export function initializeParameters(
  M: Matrix,
  type: CovarianceType,
  K: number,
  regCovar: number,
  init: InitParams,
  rng: PRNGKey,
  explicit: ExplicitInit,
): MixtureParameters {
  const { n, d } = M;
  let weights: Float64Array | undefined;
  let means: Float64Array | undefined;
  let covariances: Float64Array | undefined;
  let pc: Float64Array | undefined;
  const all =
    explicit.weightsInit !== undefined &&
    explicit.meansInit !== undefined &&
    explicit.precisionsInit !== undefined;
  if (!all) {
    let resp: ResponsibilityBlock;
    switch (init) {
      case "kmeans": {
        const labels = kmeansOnMatrix(M, K, rng).labels;
        resp = (start, count, out) => {
          out.fill(0, 0, count * K);
          for (let i = 0; i < count; i++) out[i * K + labels[start + i]!] = 1;
        };
        break;
      }
      case "random":
        resp = (start, count, out) => {
          const u = uniform(foldIn(rng, start / INIT_BLOCK), [count, K]);
          for (let i = 0; i < count; i++) {
            let s = 0;
            for (let k = 0; k < K; k++) s += u[i * K + k]!;
            for (let k = 0; k < K; k++) out[i * K + k] = u[i * K + k]! / s;
          }
        };
        break;
      case "random_from_data":
      case "k-means++": {
        const idx =
          init === "k-means++"
            ? plusPlus(M, K, rng).indices
            : choice(rng, n, [K], { replace: false });
        const map = new Map<number, number[]>();
        for (let k = 0; k < K; k++) {
          const list = map.get(idx[k]!) ?? [];
          list.push(k);
          map.set(idx[k]!, list);
        }
        resp = oneHotRows(map, K);
        break;
      }
    }
    const est = estimateFromResponsibilities(M, resp, type, K, regCovar);
    weights = est.nk.map((v) => v / n);
    means = est.means;
    covariances = est.covariances;
  }
  if (explicit.weightsInit !== undefined) {
    weights = flatten(explicit.weightsInit, "weightsInit");
    checkWeights(weights, K, "weightsInit");
  }
  if (explicit.meansInit !== undefined) {
    const Mi = toMatrix(explicit.meansInit, d, "meansInit");
    if (Mi.n !== K) {
      throw new GmmError(
        "dimensionMismatch",
        `meansInit: expected ${K} rows, got ${Mi.n}`,
        "meansInit",
      );
    }
    means = Mi.data.slice();
  }
  if (explicit.precisionsInit !== undefined) {
    const P = flatten(explicit.precisionsInit, "precisionsInit");
    checkCovariances(P, type, K, d, "precisionsInit");
    pc = precisionCholeskyFromPrecisions(P, type, K, d);
    covariances = covariancesFromPrecisionCholesky(pc, type, K, d);
  } else {
    pc = precisionCholeskyFromCovariances(covariances!, type, K, d);
  }
  return {
    covarianceType: type,
    nComponents: K,
    nFeatures: d,
    weights: weights!,
    means: means!,
    covariances: covariances!,
    precisionsCholesky: pc,
  };
}
