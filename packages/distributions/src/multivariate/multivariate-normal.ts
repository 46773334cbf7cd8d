/**
 * MultivariateNormal(loc, { covarianceMatrix } | { precisionMatrix } | { scaleTril })
 * (NumPyro's `MultivariateNormal`), event shape [k].
 *
 * With L the lower Cholesky factor of the covariance Σ = L Lᵀ and z = L⁻¹(x - loc)
 * (a triangular solve):
 *   log p(x) = -½ zᵀz - Σᵢ log Lᵢᵢ - (k/2) log 2π.
 * A precision matrix P is converted with L = J chol(J P J)⁻ᵀ J (J reverses the order).
 * `sample` is loc + L ε (reparameterised). Parameters broadcast: batch shape =
 * broadcast(loc.shape[:-1], matrix.shape[:-2]).
 * Errors (DistributionError): no or several matrices; shapes that do not fit; a concrete
 * covariance/precision that is not symmetric positive definite (its Cholesky fails); a
 * concrete scaleTril that is not lower triangular with a positive diagonal; non-finite loc.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  abs,
  add,
  cholesky,
  eye,
  flip,
  log,
  matmul,
  matrixTranspose,
  mul,
  neg,
  reshape,
  sub,
  sum,
  tensor,
  toTensor,
  triangularSolve,
} from "@sidereal/tensor";
import { finiteReal, lowerCholesky, positiveDefinite, realVector } from "../constraints/index.js";
import { DeclaredDistribution } from "../declared.js";
import { expandTo } from "../discrete/util.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { normal } from "../random/index.js";
import { concreteValues } from "../validate.js";
import { choleskyOfInverse, diagonal, matvec, solveLowerVec } from "./linalg.js";

const NAME = "MultivariateNormal";
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** Exactly one of the three matrix parameterisations. */
export type MultivariateNormalMatrix =
  | {
      readonly covarianceMatrix: TensorLike;
      readonly precisionMatrix?: undefined;
      readonly scaleTril?: undefined;
    }
  | {
      readonly precisionMatrix: TensorLike;
      readonly covarianceMatrix?: undefined;
      readonly scaleTril?: undefined;
    }
  | {
      readonly scaleTril: TensorLike;
      readonly covarianceMatrix?: undefined;
      readonly precisionMatrix?: undefined;
    };

function checkSquare(param: string, m: Tensor, k: number): void {
  if (m.rank < 2 || m.shape[m.rank - 1] !== k || m.shape[m.rank - 2] !== k)
    throw new DistributionError({
      distribution: NAME,
      parameter: param,
      value: m.shape,
      constraint: `shape [..., ${k}, ${k}]`,
    });
}

function checkSymmetric(param: string, m: Tensor): void {
  const d = concreteValues(abs(sub(m, matrixTranspose(m))));
  const s = concreteValues(abs(m));
  if (d === null || s === null) return;
  let scale = 0;
  for (const x of s) scale = Math.max(scale, x);
  for (const x of d)
    if (!(x <= 1e-10 * Math.max(scale, 1e-300)))
      throw new DistributionError({
        distribution: NAME,
        parameter: param,
        constraint: `matrix is not symmetric (asymmetry ${x})`,
      });
}

function checkFactor(param: string, l: Tensor, what: string): void {
  const v = concreteValues(l);
  if (v === null) return;
  for (const x of v)
    if (!Number.isFinite(x))
      throw new DistributionError({
        distribution: NAME,
        parameter: param,
        constraint: `${what} is not positive definite`,
      });
}

export class MultivariateNormalDistribution extends DeclaredDistribution {
  static override readonly argConstraints = {
    loc: finiteReal,
    covarianceMatrix: positiveDefinite,
    precisionMatrix: positiveDefinite,
    scaleTril: lowerCholesky,
  };
  static override readonly support = realVector;
  static override readonly reparametrized = [
    "loc",
    "covarianceMatrix",
    "precisionMatrix",
    "scaleTril",
  ];

  readonly name = NAME;
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  override readonly hasRsample = true;
  /** Mean, shape `[...batch, k]`. */
  readonly loc: Tensor;
  /** Lower Cholesky factor of the covariance, shape `[...batchL, k, k]` (not broadcast). */
  readonly scaleTril: Tensor;
  private readonly k: number;

  constructor(loc: TensorLike, matrix: MultivariateNormalMatrix) {
    super();
    const m0 = [matrix.covarianceMatrix, matrix.precisionMatrix, matrix.scaleTril].find(
      (m) => m !== undefined,
    );
    const mShape = m0 === undefined ? [] : toTensor(m0).shape;
    if (mShape.length < 2)
      throw new DistributionError({
        distribution: NAME,
        parameter: "covarianceMatrix/precisionMatrix/scaleTril",
        value: mShape,
        constraint: "a matrix of shape [..., k, k]",
      });
    const k = mShape[mShape.length - 1];
    // a scalar loc (or a trailing axis of 1) is broadcast to [k], as in NumPyro
    const mu0 = toTensor(loc);
    const mu = mu0.rank === 0 ? reshape(mu0, [1]) : mu0;
    if (mu.shape[mu.rank - 1] !== k && mu.shape[mu.rank - 1] !== 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "loc",
        value: mu0.shape,
        constraint: `shape [..., ${k}]`,
      });
    this.k = k;
    this.validateDeclared({ loc: mu });
    const given = [matrix.covarianceMatrix, matrix.precisionMatrix, matrix.scaleTril].filter(
      (m) => m !== undefined,
    );
    if (given.length !== 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "covarianceMatrix/precisionMatrix/scaleTril",
        constraint: "exactly one is required",
      });
    let l: Tensor;
    if (matrix.scaleTril !== undefined) {
      l = toTensor(matrix.scaleTril);
      checkSquare("scaleTril", l, k);
      const v = concreteValues(l);
      if (v !== null) {
        for (let b = 0; b < v.length / (k * k); b++)
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const x = v[b * k * k + i * k + j];
              const ok =
                j > i ? x === 0 : j === i ? x > 0 && Number.isFinite(x) : Number.isFinite(x);
              if (!ok)
                throw new DistributionError({
                  distribution: NAME,
                  parameter: "scaleTril",
                  value: x,
                  constraint: `lower triangular with a positive diagonal (entry (${i}, ${j}))`,
                });
            }
      }
    } else if (matrix.covarianceMatrix !== undefined) {
      const cov = toTensor(matrix.covarianceMatrix);
      checkSquare("covarianceMatrix", cov, k);
      checkSymmetric("covarianceMatrix", cov);
      l = cholesky(cov);
      checkFactor("covarianceMatrix", l, "covariance matrix");
    } else {
      const prec = toTensor(matrix.precisionMatrix as TensorLike);
      checkSquare("precisionMatrix", prec, k);
      checkSymmetric("precisionMatrix", prec);
      const axes = [prec.rank - 2, prec.rank - 1];
      const m = cholesky(flip(prec, axes));
      checkFactor("precisionMatrix", m, "precision matrix");
      l = choleskyOfInverse(m);
    }
    this.scaleTril = l;
    this.batchShape = broadcastParams(NAME, mu.shape.slice(0, -1), l.shape.slice(0, -2));
    this.eventShape = [k];
    this.loc = expandTo(mu, [...this.batchShape, k]);
  }

  /** -½‖L⁻¹(x - loc)‖² - Σ log Lᵢᵢ - (k/2) log 2π; shape broadcast(x.shape[:-1], batch). */
  logProb(value: TensorLike): Tensor {
    const x = toTensor(value);
    const diff = sub(x, this.loc);
    const z = solveLowerVec(this.scaleTril, diff);
    const maha = sum(mul(z, z), -1);
    const halfLogDet = sum(log(diagonal(this.scaleTril)), -1);
    return sub(neg(add(mul(maha, 0.5), halfLogDet)), this.k * HALF_LOG_2PI);
  }

  /** loc + L ε with ε standard normal, shape `[...sampleShape, ...batch, k]`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const eps = tensor(normal(key, shape), shape);
    return add(this.loc, matvec(this.scaleTril, eps));
  }

  override get mean(): Tensor {
    return this.loc;
  }
  /** Diagonal of the covariance, Σⱼ Lᵢⱼ², shape `[...batch, k]`. */
  override get variance(): Tensor {
    return expandTo(sum(mul(this.scaleTril, this.scaleTril), -1), [...this.batchShape, this.k]);
  }
  /** Σ = L Lᵀ, shape `[...batch, k, k]`. */
  get covarianceMatrix(): Tensor {
    return expandTo(matmul(this.scaleTril, matrixTranspose(this.scaleTril)), [
      ...this.batchShape,
      this.k,
      this.k,
    ]);
  }
  /** Σ⁻¹ = L⁻ᵀ L⁻¹, shape `[...batch, k, k]`. */
  get precisionMatrix(): Tensor {
    const l = this.scaleTril;
    const id = expandTo(eye(this.k), l.shape);
    const linv = triangularSolve(l, id, { lower: true });
    return expandTo(matmul(matrixTranspose(linv), linv), [...this.batchShape, this.k, this.k]);
  }
  /** ½ k (1 + log 2π) + Σ log Lᵢᵢ. */
  override entropy(): Tensor {
    const h = add(sum(log(diagonal(this.scaleTril)), -1), this.k * (0.5 + HALF_LOG_2PI));
    return expandTo(h, this.batchShape);
  }
}

/**
 * Multivariate normal with mean `loc` (`[..., k]`) and one of `covarianceMatrix`,
 * `precisionMatrix` or `scaleTril` (`[..., k, k]`). Callable without `new`.
 */
export function MultivariateNormal(
  loc: TensorLike,
  matrix: MultivariateNormalMatrix,
): MultivariateNormalDistribution {
  return new MultivariateNormalDistribution(loc, matrix);
}
export type MultivariateNormal = MultivariateNormalDistribution;
