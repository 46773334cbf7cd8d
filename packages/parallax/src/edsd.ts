/**
 * The exponentially decreasing space density (EDSD) distance prior of Bailer-Jones 2015,
 * PASP 127, 994 (his Eq. 18): p(r | L) = r² e^{-r/L} / (2 L³) for r > 0, i.e.
 * Gamma(shape 3, scale L), i.e. (L / 2) χ²₆.
 */
import {
  type ContinuousOptions,
  constraints,
  Distribution,
  DistributionError,
  gamma,
  type PRNGKey,
} from "@sidereal/distributions";
import {
  add,
  broadcastShapes,
  broadcastTo,
  div,
  gammaincReg,
  gt,
  le,
  log,
  mul,
  type Shape,
  square,
  stopGradient,
  sub,
  type Tensor,
  type TensorLike,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import { gamma3Pdf, gamma3Quantile } from "./gamma3-quantile.js";

const LOG2 = Math.LN2;
/** ψ(3) = 3/2 - γ (Euler–Mascheroni). */
const DIGAMMA3 = 1.5 - 0.5772156649015329;

/** The concrete values of `t`, or null when `t` is traced by `compile`. */
function concrete(t: Tensor): Float64Array | null {
  try {
    return t.toArray();
  } catch (e) {
    if (typeof e === "object" && e !== null && (e as { _tag?: unknown })._tag === "CompileError")
      return null;
    throw e;
  }
}

/**
 * EDSD(L): the exponentially decreasing space density prior, density
 * p(r) = r² e^{-r/L} / (2 L³) for r > 0 (0 for r <= 0), with length scale L > 0 (the
 * batch shape is the shape of L). Equivalent to Gamma(concentration 3, rate 1/L) and to
 * (L/2)·χ²₆ (Foreman-Mackey's NumPyro tutorial).
 *
 * - `logProb(r) = 2 log r - r/L - log 2 - 3 log L`, differentiable in r and L; -Infinity
 *   (zero gradient) for r <= 0, NaN for NaN r.
 * - `sample`: L·g with g ~ Gamma(3, 1) from the PRNG `gamma` (the same draws as
 *   `Chi2(6)` scaled by L/2 for the same key); reparameterised in L (`hasRsample`).
 * - `cdf(r) = P(3, r/L)` (regularised lower incomplete gamma), 0 for r <= 0.
 * - `icdf(q) = L·P⁻¹(3, q)` by Newton's method on concrete q (see `gamma3Quantile`);
 *   differentiable in L and (to first order) in q; NaN outside [0, 1].
 * - `mean = 3L`, `variance = 3L²`, `mode = 2L`,
 *   `entropy = 3 + log 2 + log L - 2ψ(3)`.
 *
 * Throws a `DistributionError` (parameter "L") for a concrete L that is not positive and
 * finite, unless `options.validate` is false; values traced by `compile` are not checked.
 */
export class EDSDDistribution extends Distribution {
  readonly name: string = "EDSD";
  readonly batchShape: Shape;
  readonly eventShape: Shape = [];
  readonly support = constraints.positive;
  override readonly hasRsample: boolean = true;
  /** The length scale L (same units as r). */
  readonly L: Tensor;

  constructor(L: TensorLike, options?: ContinuousOptions) {
    super();
    const l = toTensor(L);
    if (options?.validate !== false) {
      const values = concrete(l);
      if (values !== null)
        for (const x of values)
          if (!(x > 0 && x < Number.POSITIVE_INFINITY) && !Number.isNaN(x))
            throw new DistributionError({
              distribution: "EDSD",
              parameter: "L",
              value: x,
              constraint: "positive and finite",
            });
    }
    this.L = l;
    this.batchShape = l.shape;
  }

  /** log p(r) = 2 log r - r/L - log 2 - 3 log L for r > 0, -Infinity for r <= 0. */
  logProb(value: TensorLike): Tensor {
    const r = toTensor(value);
    // the same guard as TransformedDistribution's support check (gt, then a feasible 1),
    // so under `compile` a mixture with a log-normal component shares one log(r)
    const inside = gt(r, 0);
    const safe = where(inside, r, 1);
    const L = this.L;
    const lp = sub(sub(mul(2, log(safe)), div(safe, L)), add(LOG2, mul(3, log(L))));
    // r <= 0 → -Infinity; the remaining case (NaN) passes r through
    return where(inside, lp, where(le(r, 0), Number.NEGATIVE_INFINITY, r));
  }

  /** L·g, g ~ Gamma(3, 1) (`gamma(key, 3, shape)`), shape `sampleShape + batchShape`. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const shape = this.shape(sampleShape);
    return mul(tensor(gamma(key, 3, shape), shape), this.L);
  }

  /** 3L. */
  override get mean(): Tensor {
    return broadcastTo(mul(3, this.L), this.batchShape);
  }
  /** 3L². */
  override get variance(): Tensor {
    return broadcastTo(mul(3, square(this.L)), this.batchShape);
  }
  /** The mode 2L (the maximum of r² e^{-r/L}). */
  get mode(): Tensor {
    return broadcastTo(mul(2, this.L), this.batchShape);
  }
  /** P(3, r/L) for r > 0, 0 for r <= 0 (1 at +Infinity, NaN for NaN). */
  override cdf(value: TensorLike): Tensor {
    const r = toTensor(value);
    const outside = le(r, 0);
    return where(outside, 0, gammaincReg(3, div(where(outside, 1, r), this.L)));
  }
  /**
   * L·P⁻¹(3, q): the quantile, shape broadcast(q, L). The quantile of Gamma(3, 1) is found
   * numerically, so q must be concrete (a q traced by `compile` throws a
   * DistributionError); the gradient in q is 1/p (implicit function theorem), in L exact.
   * q = 0 → 0, q = 1 → +Infinity, q outside [0, 1] or NaN → NaN.
   */
  override icdf(q: TensorLike): Tensor {
    const qt = toTensor(q);
    const qs = concrete(qt);
    if (qs === null)
      throw new DistributionError({
        distribution: "EDSD",
        parameter: "icdf",
        constraint: "concrete probabilities (the quantile cannot be traced by compile)",
      });
    const u = new Float64Array(qs.length);
    const slope = new Float64Array(qs.length);
    for (let i = 0; i < qs.length; i++) {
      u[i] = gamma3Quantile(qs[i]);
      const p = gamma3Pdf(u[i]);
      slope[i] = p > 0 && Number.isFinite(p) ? 1 / p : 0;
    }
    // u + (q - stop(q)) / p(u): the value of u, with du/dq = 1/p(u) for gradients.
    const standard = add(
      tensor(u, qt.shape),
      mul(sub(qt, stopGradient(qt)), tensor(slope, qt.shape)),
    );
    const out = mul(standard, this.L);
    return broadcastTo(out, broadcastShapes("EDSD.icdf", qt.shape, this.L.shape));
  }
  /** 3 + log 2 + log L - 2ψ(3), the differential entropy (nats). */
  override entropy(): Tensor {
    return broadcastTo(add(3 + LOG2 - 2 * DIGAMMA3, log(this.L)), this.batchShape);
  }
}

/** EDSD(L) — see {@link EDSDDistribution}. */
export function EDSD(L: TensorLike, options?: ContinuousOptions): EDSDDistribution {
  return new EDSDDistribution(L, options);
}
