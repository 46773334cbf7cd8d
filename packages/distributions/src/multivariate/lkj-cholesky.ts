/**
 * LKJCholesky(dimension K, concentration η) (NumPyro's `LKJCholesky`): a distribution
 * over lower Cholesky factors L of K×K correlation matrices C = L Lᵀ, induced by the
 * LKJ density p(C) ∝ det(C)^(η-1) (Lewandowski, Kurowicka & Joe, J. Multivariate
 * Analysis 100, 1989-2001, 2009). Event shape [K, K]; batch shape = concentration.shape.
 *
 * det C = Πᵢ Lᵢᵢ² and the Jacobian of the map from the strictly-lower entries of L to
 * those of C is Πᵢ Lᵢᵢ^(K-i-1) (0-based i), so with respect to the strictly-lower
 * entries of L
 *   log p(L) = Σ_{i=1}^{K-1} (K - i - 1 + 2(η - 1)) log Lᵢᵢ - log c_K(η),
 * with the normaliser of the C-vine/onion construction (LKJ 2009, eq. 16 rearranged):
 * partial correlations at level k = 1..K-1 (K - k of them) are Beta(βₖ, βₖ) on (-1, 1),
 * βₖ = η + (K - 1 - k)/2, so
 *   log c_K(η) = Σ_{k=1}^{K-1} (K - k) [(2βₖ - 1) log 2 + 2 lgamma(βₖ) - lgamma(2βₖ)].
 * For K = 2 the correlation r = L₁₀ has density (1-r²)^(η-1) / (2^(2η-1) B(η, η)).
 * -Infinity for values that are not correlation Cholesky factors (rows of unit norm,
 * positive diagonal, zero upper triangle). Sampling: the onion method (LKJ 2009, §3.2).
 * Errors (DistributionError): dimension not an integer ≥ 2; concentration not positive.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  expandDims,
  lgamma,
  log,
  mul,
  reshape,
  sub,
  sum,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import { correlationCholesky, finitePositive } from "../constraints/index.js";
import { ParametrizedDistribution } from "../declared.js";
import { expandTo, maskSupport, sizeOfShape } from "../discrete/util.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { beta as betaDraws, normal, split } from "../random/index.js";
import { diagonal } from "./linalg.js";

const NAME = "LKJCholesky";

export class LKJCholeskyDistribution extends ParametrizedDistribution {
  static override readonly argConstraints = { concentration: finitePositive };
  static override readonly support = correlationCholesky;

  readonly dimension: number;
  declare readonly concentration: Tensor;
  /** log c_K(η), shape = batch. */
  private readonly logNormalizer: Tensor;

  constructor(dimension: number, concentration: TensorLike = 1) {
    if (!Number.isInteger(dimension) || dimension < 2)
      throw new DistributionError({
        distribution: NAME,
        parameter: "dimension",
        value: dimension,
        constraint: "an integer ≥ 2",
      });
    const eta = toTensor(concentration);
    super(NAME, { concentration: eta }, eta.shape, [dimension, dimension]);
    this.dimension = dimension;
    const K = dimension;
    let logC: Tensor = mul(eta, 0);
    for (let k = 1; k <= K - 1; k++) {
      const b = add(eta, (K - 1 - k) / 2);
      const term = add(mul(sub(mul(b, 2), 1), Math.LN2), sub(mul(lgamma(b), 2), lgamma(mul(b, 2))));
      logC = add(logC, mul(term, K - k));
    }
    this.logNormalizer = logC;
  }

  logProb(value: TensorLike): Tensor {
    const l = toTensor(value);
    const K = this.dimension;
    const ok = correlationCholesky.check(l);
    // exponents (K - i - 1) + 2(η - 1) for i ≥ 1, 0 for i = 0 (L₀₀ = 1)
    const offsets = tensor(Array.from({ length: K }, (_, i) => (i === 0 ? 0 : K - i - 1)));
    const mask = tensor(Array.from({ length: K }, (_, i) => (i === 0 ? 0 : 1)));
    const expo = add(offsets, mul(mask, expandDims(mul(sub(this.concentration, 1), 2), -1)));
    const d = diagonal(l);
    // safe log: off-support rows may have a non-positive diagonal
    const dSafe = where(expandDims(ok, -1), d, 1);
    const lp = sub(sum(mul(expo, log(dSafe)), -1), this.logNormalizer);
    return maskSupport(ok, lp);
  }

  /**
   * Onion method: row i ≥ 1 is (√y · u, √(1-y), 0, …) with y ~ Beta(i/2, η + (K-1-i)/2)
   * and u uniform on the unit sphere in ℝⁱ. Shape `[...sampleShape, ...batch, K, K]`.
   */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const K = this.dimension;
    const lead = [...sampleShape, ...this.batchShape];
    const n = sizeOfShape(lead);
    const eta = expandTo(this.concentration, lead).toArray();
    const out = new Float64Array(n * K * K);
    const keys = split(key, 2 * K);
    for (let j = 0; j < n; j++) out[j * K * K] = 1;
    for (let i = 1; i < K; i++) {
      const b = new Float64Array(n);
      for (let j = 0; j < n; j++) b[j] = eta[j] + (K - 1 - i) / 2;
      const y = betaDraws(keys[2 * i], i / 2, b, [n]);
      const z = normal(keys[2 * i + 1], [n, i]);
      for (let j = 0; j < n; j++) {
        let norm = 0;
        for (let c = 0; c < i; c++) norm += z[j * i + c] * z[j * i + c];
        const s = Math.sqrt(y[j] / norm);
        const row = j * K * K + i * K;
        for (let c = 0; c < i; c++) out[row + c] = z[j * i + c] * s;
        out[row + i] = Math.sqrt(1 - y[j]);
      }
    }
    return reshape(tensor(out), [...lead, K, K]);
  }
}

/**
 * LKJ distribution over Cholesky factors of `dimension`×`dimension` correlation
 * matrices with concentration η > 0 (η = 1: uniform over correlation matrices).
 * Callable without `new`.
 */
export function LKJCholesky(
  dimension: number,
  concentration: TensorLike = 1,
): LKJCholeskyDistribution {
  return new LKJCholeskyDistribution(dimension, concentration);
}
export type LKJCholesky = LKJCholeskyDistribution;
