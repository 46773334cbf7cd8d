/**
 * MixtureSameFamily(mixingDistribution, componentDistribution) (NumPyro's name):
 *   p(x) = Σₖ wₖ pₖ(x),  w = mixing probs (`[..., K]`),
 * where the K components are the last batch axis of one distribution
 * (componentDistribution.batchShape = [...batch, K]). logProb = logsumexp over k of
 * (log wₖ + log pₖ(x)); batch shape = broadcast(mixing batch, component batch[:-1]);
 * event shape and support are the component's. Errors (DistributionError): mixing not a
 * Categorical; component without a batch axis; K mismatch; batch shapes not broadcasting.
 */
import type { Shape, Tensor } from "@sidereal/tensor";
import { expandDims } from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import type { CategoricalDistribution } from "../discrete/categorical.js";
import type { Distribution } from "../distribution.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { checkMixing, MixtureBase } from "./mixture-base.js";

const NAME = "MixtureSameFamily";

export class MixtureSameFamilyDistribution extends MixtureBase {
  readonly name = NAME;
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  readonly support: Constraint;
  readonly mixingDistribution: CategoricalDistribution;
  readonly componentDistribution: Distribution;
  readonly mixtureSize: number;

  constructor(mixingDistribution: CategoricalDistribution, componentDistribution: Distribution) {
    super();
    const mixing = checkMixing(NAME, mixingDistribution);
    const cb = componentDistribution.batchShape;
    if (cb.length < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "componentDistribution",
        constraint: "needs a batch axis of components (batch shape [..., K])",
      });
    const K = cb[cb.length - 1];
    if (K !== mixing.numCategories)
      throw new DistributionError({
        distribution: NAME,
        parameter: "componentDistribution",
        constraint: `has ${K} components but the mixing distribution has ${mixing.numCategories} categories`,
      });
    this.mixingDistribution = mixing;
    this.componentDistribution = componentDistribution;
    this.mixtureSize = K;
    this.batchShape = broadcastParams(NAME, mixing.batchShape, cb.slice(0, -1));
    this.eventShape = componentDistribution.eventShape;
    this.support = componentDistribution.support;
  }

  protected rawComponentLogProbs(value: Tensor): Tensor {
    const e = this.eventShape.length;
    return this.componentDistribution.logProb(expandDims(value, value.rank - e));
  }

  protected componentSamples(key: PRNGKey, sampleShape: Shape): Tensor {
    const c = this.componentDistribution;
    return this.alignDraw(c.sample(key, sampleShape), sampleShape.length, c.batchShape.length - 1);
  }

  protected componentMoments(): { mean: Tensor; variance: Tensor } {
    return { mean: this.componentDistribution.mean, variance: this.componentDistribution.variance };
  }
}

/**
 * Mixture of the K distributions along the last batch axis of `componentDistribution`,
 * weighted by the Categorical `mixingDistribution`. Callable without `new`.
 */
export function MixtureSameFamily(
  mixingDistribution: CategoricalDistribution,
  componentDistribution: Distribution,
): MixtureSameFamilyDistribution {
  return new MixtureSameFamilyDistribution(mixingDistribution, componentDistribution);
}
export type MixtureSameFamily = MixtureSameFamilyDistribution;
