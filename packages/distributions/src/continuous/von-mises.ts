/**
 * The von Mises distribution on the circle.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, besselI0e, besselI1e, cos, div, log, mul, sin, sub, tensor } from "@sidereal/tensor";
import { finitePositive, interval, real } from "../constraints/index.js";
import type { PRNGKey } from "../random/index.js";
import { split, uniform } from "../random/index.js";
import type { DistributionOptions } from "../validate.js";
import { valuesAt } from "./params.js";
import { callable, UnivariateDistribution } from "./univariate.js";

const LOG_2PI = Math.log(2 * Math.PI);
const TWO_PI = 2 * Math.PI;

/**
 * One draw of the von Mises angle (centred at 0) with concentration `k` by Best & Fisher
 * (1979), "Efficient simulation of the von Mises distribution", Appl. Statist. 28, 152–157:
 * wrapped-Cauchy envelope with s = (1 + ρ²)/(2ρ), ρ = (τ - √(2τ))/(2k), τ = 1 + √(1 + 4k²).
 * Each attempt splits the element key into (next, sub) and draws three uniforms from sub.
 */
function vonMisesOne(k: number, key: PRNGKey): number {
  if (k === 0) return Math.PI * (2 * uniform(key, [1])[0] - 1);
  // small k: s = 1/k + k/4 + O(k³) avoids the cancellation in τ - √(2τ)
  let s: number;
  if (k < 1e-4) s = 1 / k + k / 4;
  else {
    const tau = 1 + Math.sqrt(1 + 4 * k * k);
    const rho = (tau - Math.sqrt(2 * tau)) / (2 * k);
    s = (1 + rho * rho) / (2 * rho);
  }
  let current = key;
  for (;;) {
    const [next, sub] = split(current, 2);
    current = next;
    const u = uniform(sub, [3]);
    const z = Math.cos(Math.PI * u[0]);
    const f = (1 + s * z) / (s + z);
    const c = k * (s - f);
    const u2 = u[1];
    if (c * (2 - c) - u2 > 0 || Math.log(c / u2) + 1 - c >= 0) {
      const theta = Math.acos(Math.max(-1, Math.min(1, f)));
      return u[2] < 0.5 ? -theta : theta;
    }
  }
}

/** Wraps an angle to [-π, π). */
function wrap(x: number): number {
  const y = x - TWO_PI * Math.floor((x + Math.PI) / TWO_PI);
  return y >= Math.PI ? y - TWO_PI : y;
}

/**
 * VonMises(loc μ, concentration κ): density e^(κ cos(x - μ)) / (2π I₀(κ)) on [-π, π),
 * with log I₀(κ) = log(besselI0e(κ)) + κ for stability at large κ. The density is
 * periodic and, as in NumPyro, `logProb` does not mask values outside [-π, π) (the
 * support constraint is `interval(-π, π)`). Sampling by Best & Fisher's rejection
 * algorithm with one subkey per element (not reparameterised); draws are wrapped to
 * [-π, π). `mean` is μ (broadcast) and `variance` the circular variance 1 - I₁(κ)/I₀(κ),
 * as NumPyro. Throws DistributionError for a concrete κ ≤ 0 or non-finite κ.
 */
export class VonMisesDistribution extends UnivariateDistribution {
  static override readonly argConstraints = {
    loc: real,
    concentration: finitePositive,
  };
  static override readonly support = interval(-Math.PI, Math.PI);
  static override readonly reparametrized = ["loc"];
  declare readonly loc: Tensor;
  declare readonly concentration: Tensor;

  constructor(loc: TensorLike, concentration: TensorLike, options?: DistributionOptions) {
    super("VonMises", { loc, concentration }, options);
  }

  /** κ (cos(x - μ) - 1) - log(2π) - log(besselI0e(κ)). */
  logProb(value: TensorLike): Tensor {
    const k = this.concentration;
    // cos(x − μ) = cos x cos μ + sin x sin μ: each factor is exact for any double x, whereas
    // x − μ rounds away μ once |x| ≫ |μ| (e.g. x = 1e300)
    const { loc } = this;
    const cosDiff = add(mul(cos(value), cos(loc)), mul(sin(value), sin(loc)));
    const c = mul(k, sub(cosDiff, 1));
    return sub(c, add(log(besselI0e(k)), LOG_2PI));
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    const ks = valuesAt(this.concentration, shape);
    const locs = valuesAt(this.loc, shape);
    const keys = split(key, ks.length);
    const out = new Float64Array(ks.length);
    for (let i = 0; i < ks.length; i++) out[i] = wrap(locs[i] + vonMisesOne(ks[i], keys[i]));
    return tensor(out, shape);
  }

  override get mean(): Tensor {
    return this.batch(this.loc);
  }
  /** Circular variance 1 - I₁(κ)/I₀(κ). */
  override get variance(): Tensor {
    const k = this.concentration;
    return this.batch(sub(1, div(besselI1e(k), besselI0e(k))));
  }
  /** -κ I₁(κ)/I₀(κ) + log(2π I₀(κ)). */
  override entropy(): Tensor {
    const k = this.concentration;
    const ratio = div(besselI1e(k), besselI0e(k));
    return this.batch(add(sub(k, mul(k, ratio)), add(log(besselI0e(k)), LOG_2PI)));
  }
}

/** VonMises(loc, concentration) — see {@link VonMisesDistribution}. */
export const VonMises = callable(VonMisesDistribution);
