/**
 * LowRankMultivariateNormal(loc, covFactor, covDiag) (NumPyro's name), event shape [k]:
 * covariance Σ = W Wᵀ + diag(D) with W = covFactor (`[..., k, r]`), D = covDiag (`[..., k]`).
 *
 * With the capacitance C = I_r + Wᵀ D⁻¹ W = L_C L_Cᵀ and d = x - loc:
 *   log det Σ = 2 Σ log (L_C)ᵢᵢ + Σ log Dᵢ          (matrix determinant lemma)
 *   dᵀ Σ⁻¹ d = dᵀ D⁻¹ d - ‖L_C⁻¹ Wᵀ D⁻¹ d‖²          (Woodbury identity)
 *   log p(x) = -½ (dᵀ Σ⁻¹ d + log det Σ + k log 2π),
 * which costs O(k r²) to set up and O(k r + r²) per value. `sample` is
 * loc + W ε_r + √D ε_k (reparameterised). Errors (DistributionError): shapes that do not
 * fit; concrete covDiag not positive and finite; non-finite loc or covFactor.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  cholesky,
  div,
  expandDims,
  eye,
  log,
  matmul,
  matrixTranspose,
  mul,
  reshape,
  sqrt,
  sub,
  sum,
  tensor,
  toTensor,
  triangularSolve,
} from "@sidereal/tensor";
import { finitePositive, finiteReal, realVector } from "../constraints/index.js";
import { DeclaredDistribution } from "../declared.js";
import { expandTo } from "../discrete/util.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { normal, split } from "../random/index.js";
import { diagEmbed, diagonal, matvec } from "./linalg.js";

const NAME = "LowRankMultivariateNormal";
const LOG_2PI = Math.log(2 * Math.PI);

export class LowRankMultivariateNormalDistribution extends DeclaredDistribution {
  static override readonly argConstraints = {
    loc: finiteReal,
    covFactor: finiteReal,
    covDiag: finitePositive,
  };
  static override readonly support = realVector;
  static override readonly reparametrized = ["loc", "covFactor", "covDiag"];

  readonly name = NAME;
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  override readonly hasRsample = true;
  readonly loc: Tensor;
  readonly covFactor: Tensor;
  readonly covDiag: Tensor;
  private readonly k: number;
  private readonly r: number;
  /** L_C⁻ᵀ, shape `[...batchW, r, r]`. */
  private readonly capInvT: Tensor;
  /** log det Σ, shape `[...batch]`. */
  private readonly logDetCov: Tensor;

  constructor(loc: TensorLike, covFactor: TensorLike, covDiag: TensorLike) {
    super();
    const mu = toTensor(loc);
    const w = toTensor(covFactor);
    const d = toTensor(covDiag);
    if (mu.rank < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "loc",
        constraint: "expected a vector (rank ≥ 1)",
      });
    const k = mu.shape[mu.rank - 1];
    if (w.rank < 2 || w.shape[w.rank - 2] !== k)
      throw new DistributionError({
        distribution: NAME,
        parameter: "covFactor",
        value: w.shape,
        constraint: `shape [..., ${k}, r]`,
      });
    if (d.rank < 1 || d.shape[d.rank - 1] !== k)
      throw new DistributionError({
        distribution: NAME,
        parameter: "covDiag",
        value: d.shape,
        constraint: `shape [..., ${k}]`,
      });
    this.validateDeclared({ loc: mu, covFactor: w, covDiag: d });
    this.k = k;
    this.r = w.shape[w.rank - 1];
    this.batchShape = broadcastParams(
      NAME,
      mu.shape.slice(0, -1),
      w.shape.slice(0, -2),
      d.shape.slice(0, -1),
    );
    this.eventShape = [k];
    this.loc = expandTo(mu, [...this.batchShape, k]);
    this.covFactor = w;
    this.covDiag = d;
    // C = I + Wᵀ D⁻¹ W, batch = broadcast(W batch, D batch)
    const wOverD = div(w, expandDims(d, -1));
    const cap = add(eye(this.r), matmul(matrixTranspose(w), wOverD));
    const lc = cholesky(cap);
    const id = expandTo(eye(this.r), lc.shape);
    this.capInvT = matrixTranspose(triangularSolve(lc, id, { lower: true }));
    const ld = add(mul(sum(log(diagonal(lc)), -1), 2), sum(log(d), -1));
    this.logDetCov = expandTo(ld, this.batchShape);
  }

  logProb(value: TensorLike): Tensor {
    const x = toTensor(value);
    const diff = sub(x, this.loc);
    const dOverD = div(diff, this.covDiag);
    const quadD = sum(mul(diff, dOverD), -1);
    // v = Wᵀ D⁻¹ d as a row: [..., 1, r]; u = vᵀ L_C⁻ᵀ = (L_C⁻¹ v)ᵀ
    const v = matmul(expandDims(dOverD, -2), this.covFactor);
    const u = matmul(v, this.capInvT);
    const quadC = sum(reshape(mul(u, u), u.shape.slice(0, -2).concat([this.r])), -1);
    const maha = sub(quadD, quadC);
    return mul(add(add(maha, this.logDetCov), this.k * LOG_2PI), -0.5);
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const [kw, kd] = split(key, 2);
    const shapeK = this.shape(sampleShape);
    const shapeR = [...sampleShape, ...this.batchShape, this.r];
    const epsW = tensor(normal(kw, shapeR), shapeR);
    const epsD = tensor(normal(kd, shapeK), shapeK);
    return add(add(this.loc, matvec(this.covFactor, epsW)), mul(sqrt(this.covDiag), epsD));
  }

  override get mean(): Tensor {
    return this.loc;
  }
  /** Σⱼ Wᵢⱼ² + Dᵢ. */
  override get variance(): Tensor {
    return expandTo(add(sum(mul(this.covFactor, this.covFactor), -1), this.covDiag), [
      ...this.batchShape,
      this.k,
    ]);
  }
  /** W Wᵀ + diag(D), shape `[...batch, k, k]`. */
  get covarianceMatrix(): Tensor {
    const c = add(matmul(this.covFactor, matrixTranspose(this.covFactor)), diagEmbed(this.covDiag));
    return expandTo(c, [...this.batchShape, this.k, this.k]);
  }
  /** Lower Cholesky factor of the covariance (O(k³)). */
  get scaleTril(): Tensor {
    return cholesky(this.covarianceMatrix);
  }
  /** ½ (k (1 + log 2π) + log det Σ). */
  override entropy(): Tensor {
    return mul(add(this.logDetCov, this.k * (1 + LOG_2PI)), 0.5);
  }
}

/**
 * Low-rank-plus-diagonal multivariate normal: Σ = covFactor covFactorᵀ + diag(covDiag).
 * Callable without `new`.
 */
export function LowRankMultivariateNormal(
  loc: TensorLike,
  covFactor: TensorLike,
  covDiag: TensorLike,
): LowRankMultivariateNormalDistribution {
  return new LowRankMultivariateNormalDistribution(loc, covFactor, covDiag);
}
export type LowRankMultivariateNormal = LowRankMultivariateNormalDistribution;
