/** The inhomogeneous Poisson-process log-likelihood of the seed. */
import { exp, sub, sum, type Tensor, type TensorLike } from "@sidereal/tensor";

/**
 * ln p({x_n} | n(·)) = −∫ n(x) dx + Σ_n ln n(x_n) = −exp(lnIntegral) + Σ lnDensityAtData.
 * `lnDensityAtData` is ln n at each data point (any shape; summed), `lnIntegral` the
 * log of the integral of n over the data window (a scalar). Non-finite inputs propagate.
 */
export function poissonProcessLogLikelihood(
  lnDensityAtData: TensorLike,
  lnIntegral: TensorLike,
): Tensor {
  return sub(sum(lnDensityAtData), exp(lnIntegral));
}
