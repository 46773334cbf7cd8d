/**
 * The seed's `GaussianModel`: n(z) = N₀ · N(z | μ, σ), an inhomogeneous Poisson process
 * whose integral is N₀, so ln L = −N₀ + Σ_n [ln N₀ + ln N(z_n | μ, σ²)].
 * Parameters (ln_N0, mean, ln_std); priors ln N₀ ~ N(0, var 100), μ ~ N(0, var 1),
 * ln σ ~ N(−2, var 3) (the seed's `ln_normal` takes variances).
 */
import { add, exp, mul, sum, type Tensor, tensor } from "@sidereal/tensor";
import { lnNormal } from "../ln-normal.js";
import { poissonProcessLogLikelihood } from "../poisson.js";
import type { DensityModel } from "./model.js";

/** The seed's L-BFGS-B bounds for (ln_N0, mean, ln_std). */
export const GAUSSIAN_BOUNDS: readonly (readonly [number, number])[] = [
  [5, 20],
  [-2, 2],
  [-5, 5],
];

/** The seed's starting point: (ln N + 0.5, 0.1, ln 0.3). */
export function gaussianInit(n: number): Float64Array {
  return Float64Array.from([Math.log(n) + 0.5, 0.1, Math.log(0.3)]);
}

/** ln n(z) = ln N₀ + ln N(z | μ, e^{2 ln σ}) at the points `z` (plain numbers). */
export function gaussianLnDensity(z: ArrayLike<number>, p: ArrayLike<number>): Float64Array {
  const [lnN0, mean, lnStd] = [p[0], p[1], p[2]];
  const v = Math.exp(2 * lnStd);
  return Float64Array.from(
    { length: z.length },
    (_, i) => lnN0 - 0.5 * (Math.log(2 * Math.PI * v) + (z[i] - mean) ** 2 / v),
  );
}

/** The Gaussian Poisson-process model of the data `z` (throws RangeError when empty). */
export function gaussianModel(z: Float64Array): DensityModel {
  if (z.length === 0) throw new RangeError("gaussianModel: no data points");
  const data = tensor(z);
  const lnPosterior = (lnN0: Tensor, mean: Tensor, lnStd: Tensor): Tensor => {
    const lnDens = add(lnN0, lnNormal(data, mean, exp(mul(lnStd, 2))));
    const lnLike = poissonProcessLogLikelihood(lnDens, lnN0);
    const lnPrior = add(add(lnNormal(lnN0, 0, 100), lnNormal(mean, 0, 1)), lnNormal(lnStd, -2, 3));
    return add(lnLike, sum(lnPrior));
  };
  return {
    name: "gaussian",
    blocks: [
      { name: "ln_N0", size: 1 },
      { name: "mean", size: 1 },
      { name: "ln_std", size: 1 },
    ],
    dim: 3,
    nData: z.length,
    lnPosterior: lnPosterior as (...b: Tensor[]) => Tensor,
  };
}
