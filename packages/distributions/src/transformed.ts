/**
 * `TransformedDistribution(base, transforms)` (NumPyro's `TransformedDistribution`): the
 * law of y = tₙ(…t₁(x)) for x ~ base. With x = inverse(y),
 *
 *   logProb(y) = base.logProb(x) − Σ_k log|det J_k|,
 *
 * where each Jacobian term is summed over the event dims it does not already reduce (the
 * NumPyro bookkeeping: a bijector acting on fewer event dims than the distribution's has
 * its extra dims summed; a bijector whose domain has more event dims than the base makes
 * the base `toEvent`-wrapped, and a base whose shape is smaller than the bijectors'
 * parameter broadcast is `expand`ed). sample = forward(base.sample) (reparameterised when
 * the base is), support = last transform's codomain (widened to the event dims with
 * `independentConstraint`); logProb is −Infinity where `support.check(y)` fails (the
 * inverse may give NaN there). Mean/variance/cdf have no general closed form and throw.
 * Throws a DistributionError when the base has fewer dims than the bijectors' domain needs.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, eq, reshape, sub, toTensor, where, zeros } from "@sidereal/tensor";
import { bijectTo } from "./bijectors/biject-to.js";
import type { Bijector } from "./bijectors/bijector.js";
import { ComposeTransform } from "./bijectors/compose.js";
import { independentConstraint } from "./bijectors/independent-constraint.js";
import { sumRightmost } from "./bijectors/util.js";
import type { Constraint } from "./constraints/constraint.js";
import { Distribution } from "./distribution.js";
import { DistributionError } from "./errors.js";
import type { PRNGKey } from "./random/index.js";
import { ExpandedDistribution } from "./wrappers/expanded.js";
import { Independent } from "./wrappers/independent.js";

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);

export class TransformedDistributionImpl extends Distribution {
  readonly name: string = "TransformedDistribution";
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  override readonly hasRsample: boolean;
  /** The (possibly expanded / toEvent-wrapped) base distribution. */
  readonly base: Distribution;
  readonly transforms: readonly Bijector[];

  constructor(base: Distribution, transforms: Bijector | readonly Bijector[]) {
    super();
    let list: Bijector[] = Array.isArray(transforms)
      ? [...(transforms as readonly Bijector[])]
      : [transforms as Bijector];
    // flatten nested transformed distributions (NumPyro does the same)
    if (base instanceof TransformedDistributionImpl) {
      list = [...base.transforms, ...list];
      base = base.base;
    }
    this.transforms = list;
    const t = ComposeTransform(list);
    const baseShape = base.shape();
    const baseEventDim = base.eventShape.length;
    const domainEventDim = t.domain.eventDim;
    if (baseShape.length < domainEventDim)
      throw new DistributionError({
        distribution: this.name,
        parameter: "base",
        constraint: `base shape [${baseShape}] has fewer than the ${domainEventDim} event dims the transforms need`,
      });
    const shape = t.forwardShape(baseShape);
    const expandedBaseShape = t.inverseShape(shape);
    if (!sameShape(baseShape, expandedBaseShape))
      base = ExpandedDistribution(
        base,
        expandedBaseShape.slice(0, expandedBaseShape.length - baseEventDim),
      );
    const reinterpreted = domainEventDim - baseEventDim;
    if (reinterpreted > 0) base = Independent(base, reinterpreted);
    this.base = base;
    const eventDim = t.codomain.eventDim + Math.max(baseEventDim - domainEventDim, 0);
    const cut = shape.length - eventDim;
    this.batchShape = shape.slice(0, cut);
    this.eventShape = shape.slice(cut);
    this.hasRsample = base.hasRsample;
  }

  get support(): Constraint {
    const codomain =
      this.transforms.length === 0
        ? this.base.support
        : this.transforms[this.transforms.length - 1].codomain;
    const extra = this.eventShape.length - codomain.eventDim;
    return extra > 0 ? independentConstraint(codomain, extra) : codomain;
  }

  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    return this.transforms.reduce<Tensor>(
      (x, b) => b.forward(x),
      this.base.sample(key, sampleShape),
    );
  }

  logProb(value: TensorLike): Tensor {
    let eventDim = this.eventShape.length;
    const v = toTensor(value);
    const support = this.support;
    const ok = support.check(v);
    // double-where: points outside the support are replaced by a feasible point before the
    // inverse, so neither the value nor the gradient of the discarded branch is NaN
    const feasible = this.feasible();
    let y =
      feasible === null
        ? v
        : where(reshape(ok, [...ok.shape, ...this.eventShape.map(() => 1)]), v, feasible);
    let acc: Tensor | number = 0;
    for (let k = this.transforms.length - 1; k >= 0; k--) {
      const b = this.transforms[k];
      const x = b.inverse(y);
      const batchNdims = eventDim - b.codomain.eventDim;
      acc = sub(acc, sumRightmost(toTensor(b.logAbsDetJacobian(x, y)), batchNdims));
      eventDim = b.domain.eventDim + batchNdims;
      y = x;
    }
    const lp = add(sumRightmost(this.base.logProb(y), eventDim - this.base.eventShape.length), acc);
    // -Infinity (not NaN) outside the support; `where` passes no gradient to that branch.
    // A NaN value of an elementwise law stays NaN (as every univariate family's logProb).
    const outside =
      this.eventShape.length === 0
        ? where(eq(v, v), Number.NEGATIVE_INFINITY, v)
        : Number.NEGATIVE_INFINITY;
    return where(ok, lp, outside);
  }

  private feasibleCache: Tensor | null | undefined;
  /** bijectTo(support).forward(0): a point of the support (null when none is known). */
  private feasible(): Tensor | null {
    if (this.feasibleCache === undefined) {
      try {
        const b = bijectTo(this.support);
        this.feasibleCache = b.forward(zeros(b.inverseShape(this.eventShape)));
      } catch {
        this.feasibleCache = null;
      }
    }
    return this.feasibleCache;
  }
}

/** A distribution of y = T(x) for x from `base` (NumPyro's TransformedDistribution); call without `new`. */
export function TransformedDistribution(
  base: Distribution,
  transforms: Bijector | readonly Bijector[],
): TransformedDistributionImpl {
  return new TransformedDistributionImpl(base, transforms);
}
export type TransformedDistribution = TransformedDistributionImpl;
