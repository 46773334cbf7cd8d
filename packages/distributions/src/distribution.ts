/**
 * The Distribution base class (NumPyro semantics).
 *
 * - `batchShape`: independent, non-identical distributions; `eventShape`: the shape of
 *   one draw (e.g. [k] for a k-dimensional multivariate normal);
 * - `logProb(value)` has shape `sampleShape + batchShape` for a value of shape
 *   `sampleShape + batchShape + eventShape` (broadcasting allowed), is written with
 *   tensor ops (differentiable in value and parameters) and is `-Infinity` outside the
 *   support (never NaN for a non-NaN value);
 * - `sample(key, sampleShape)` returns `sampleShape + batchShape + eventShape`,
 *   reparameterised (differentiable in the parameters) when `hasRsample` is true.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import type { Constraint } from "./constraints/constraint.js";
import { DistributionError } from "./errors.js";
import type { PRNGKey } from "./random/index.js";

export { broadcastParams } from "./validate.js";

export abstract class Distribution {
  abstract readonly name: string;
  abstract readonly batchShape: Shape;
  abstract readonly eventShape: Shape;
  abstract readonly support: Constraint;
  /** True when `sample` is a differentiable function of the parameters. */
  readonly hasRsample: boolean = false;

  abstract logProb(value: TensorLike): Tensor;
  abstract sample(key: PRNGKey, sampleShape?: Shape): Tensor;

  get mean(): Tensor {
    throw this.unavailable("mean");
  }
  get variance(): Tensor {
    throw this.unavailable("variance");
  }
  cdf(_value: TensorLike): Tensor {
    throw this.unavailable("cdf");
  }
  icdf(_q: TensorLike): Tensor {
    throw this.unavailable("icdf");
  }
  /** log cdf(x), in log space where the family provides it (finite where cdf underflows). */
  logCdf(_value: TensorLike): Tensor {
    throw this.unavailable("logCdf");
  }
  /** log(1 − cdf(x)), in log space where the family provides it. */
  logSurvival(_value: TensorLike): Tensor {
    throw this.unavailable("logSurvival");
  }
  entropy(): Tensor {
    throw this.unavailable("entropy");
  }

  /**
   * NumPyro's `expand`: the same distribution broadcast to `batchShape` (which must be
   * broadcast-compatible with `this.batchShape`); returns `this` when the shape is
   * unchanged. See `ExpandedDistribution` in src/wrappers.
   */
  expand(batchShape: Shape): Distribution {
    if (
      batchShape.length === this.batchShape.length &&
      batchShape.every((d, i) => d === this.batchShape[i])
    )
      return this;
    return wrapperFor(this.name, "expand").expand(this, batchShape);
  }
  /**
   * NumPyro's `to_event`: reinterprets the rightmost `n` batch dims (all of them by
   * default) as event dims; returns `this` for n = 0. See `Independent` in src/wrappers.
   */
  toEvent(n: number = this.batchShape.length): Distribution {
    if (n === 0) return this;
    return wrapperFor(this.name, "toEvent").toEvent(this, n);
  }
  /**
   * NumPyro's `mask`: log-densities where `mask` is 0/false contribute exactly 0 (with zero,
   * not NaN, gradients); `true` returns `this`. See `MaskedDistribution` in src/wrappers.
   */
  mask(mask: boolean | TensorLike): Distribution {
    if (mask === true) return this;
    return wrapperFor(this.name, "mask").mask(this, mask);
  }

  /** The shape of `sample(key, sampleShape)`. */
  shape(sampleShape: Shape = []): Shape {
    return [...sampleShape, ...this.batchShape, ...this.eventShape];
  }

  protected unavailable(what: string): DistributionError {
    return new DistributionError({
      distribution: this.name,
      parameter: what,
      constraint: `${what} has no closed form for ${this.name}`,
    });
  }
}

/**
 * Wrapper constructors used by `expand`, `toEvent` and `mask`. The wrapper classes extend
 * `Distribution`, so this module cannot import them without an import cycle (whichever
 * module is evaluated first would see the other's class uninitialised). Instead each
 * wrapper module (src/wrappers/*.ts) registers its constructor here when it is evaluated;
 * the package index imports src/wrappers, so the methods work for every user of the
 * package. Calling them without the wrappers loaded throws a DistributionError.
 */
export interface DistributionWrappers {
  expand(base: Distribution, batchShape: Shape): Distribution;
  toEvent(base: Distribution, n: number): Distribution;
  mask(base: Distribution, mask: boolean | TensorLike): Distribution;
}
const wrappers: Partial<DistributionWrappers> = {};

/** Registers wrapper constructors (called by the src/wrappers modules; internal). */
export function registerDistributionWrappers(w: Partial<DistributionWrappers>): void {
  Object.assign(wrappers, w);
}

function wrapperFor<K extends keyof DistributionWrappers>(
  name: string,
  k: K,
): Pick<DistributionWrappers, K> {
  if (wrappers[k] === undefined)
    throw new DistributionError({
      distribution: name,
      parameter: k,
      constraint: `${k} needs the wrappers module; import it (it is loaded by the package index)`,
    });
  return wrappers as Pick<DistributionWrappers, K>;
}
