/** The seed's `ln_normal(x, mu, var)`: the normal log-density parameterised by the variance. */
import {
  add,
  div,
  exp,
  log,
  mul,
  square,
  sub,
  type Tensor,
  type TensorLike,
} from "@sidereal/tensor";

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * ln N(x | μ, σ² = var) = −½ [ln(2π·var) + (x − μ)²/var], elementwise with
 * broadcasting. Note the third argument is a variance (as in the seed), not σ.
 * var ≤ 0 gives NaN/−∞ (no throw: it is used inside traced functions).
 */
export function lnNormal(x: TensorLike, mu: TensorLike, variance: TensorLike): Tensor {
  return mul(add(add(log(variance), LOG_2PI), div(square(sub(x, mu)), variance)), -0.5);
}

/**
 * The same with the variance given through ln σ (var = e^{2 ln σ}):
 * −½ [ln 2π + 2 ln σ + (x − μ)² e^{−2 ln σ}]. Equal to `lnNormal(x, mu, exp(2 lnStd))`
 * without the log∘exp round trip.
 */
export function lnNormalLogStd(x: TensorLike, mu: TensorLike, lnStd: TensorLike): Tensor {
  const invVar = exp(mul(lnStd, -2));
  return mul(add(add(mul(lnStd, 2), LOG_2PI), mul(square(sub(x, mu)), invVar)), -0.5);
}
