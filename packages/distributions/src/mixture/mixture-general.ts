/**
 * MixtureGeneral(mixingDistribution, componentDistributions) (after numpyro-ext's
 * `MixtureGeneral`): a finite mixture of distributions of possibly different families
 * sharing one event shape and support,
 *   p(x) = Σₖ wₖ pₖ(x),  log p(x) = logsumexp_k (log wₖ + log pₖ(x)).
 * batch shape = broadcast(mixing batch, every component's batch). `sample` draws every
 * component and selects one per element by the drawn index. Errors (DistributionError):
 * mixing not a Categorical; number of components ≠ K; event shapes or supports that
 * differ (names compared after canonicalisation, positive ≡ greaterThan(0) etc.; see
 * `same-support.ts`); batch shapes that do not broadcast.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import { add, broadcastTo, logaddexp, squeeze, stack, take, toTensor } from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import type { CategoricalDistribution } from "../discrete/categorical.js";
import type { Distribution } from "../distribution.js";
import { broadcastParams } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { split } from "../random/index.js";
import { checkMixing, MixtureBase } from "./mixture-base.js";
import { sameSupport } from "./same-support.js";

const NAME = "MixtureGeneral";

const sameShape = (a: Shape, b: Shape) => a.length === b.length && a.every((d, i) => d === b[i]);
const expandTo = (t: Tensor, s: Shape) => (sameShape(t.shape, s) ? t : broadcastTo(t, s));

export class MixtureGeneralDistribution extends MixtureBase {
  readonly name = NAME;
  readonly batchShape: Shape;
  readonly eventShape: Shape;
  readonly support: Constraint;
  readonly mixingDistribution: CategoricalDistribution;
  readonly componentDistributions: readonly Distribution[];
  readonly mixtureSize: number;

  constructor(
    mixingDistribution: CategoricalDistribution,
    componentDistributions: readonly Distribution[],
  ) {
    super();
    const mixing = checkMixing(NAME, mixingDistribution);
    const comps = [...componentDistributions];
    if (comps.length < 1)
      throw new DistributionError({
        distribution: NAME,
        parameter: "componentDistributions",
        constraint: "needs at least one component",
      });
    if (comps.length !== mixing.numCategories)
      throw new DistributionError({
        distribution: NAME,
        parameter: "componentDistributions",
        constraint: `got ${comps.length} components but the mixing distribution has ${mixing.numCategories} categories`,
      });
    const ev = comps[0].eventShape;
    const sup = comps[0].support;
    for (const [i, c] of comps.entries()) {
      if (!sameShape(c.eventShape, ev))
        throw new DistributionError({
          distribution: NAME,
          parameter: "componentDistributions",
          constraint: `component ${i} has event shape [${c.eventShape}], component 0 has [${ev}]`,
        });
      if (!sameSupport(c.support, sup))
        throw new DistributionError({
          distribution: NAME,
          parameter: "componentDistributions",
          constraint: `component ${i} has support "${c.support.name}", component 0 has "${sup.name}"`,
        });
    }
    this.mixingDistribution = mixing;
    this.componentDistributions = comps;
    this.mixtureSize = comps.length;
    this.batchShape = broadcastParams(NAME, mixing.batchShape, ...comps.map((c) => c.batchShape));
    this.eventShape = ev;
    this.support = sup;
  }

  /**
   * log Σₖ wₖ pₖ(value), folded pairwise with `logaddexp` instead of stacking the K
   * component densities and reducing the new axis with `logsumexp`: every step stays
   * elementwise, so `compile` fuses the whole mixture (value and gradient) into one loop
   * over the batch. Same value as the logsumexp up to rounding (a few ulp).
   */
  override logProb(value: TensorLike): Tensor {
    const v = toTensor(value);
    const logits = this.mixingDistribution.logits;
    const weighted = this.componentDistributions.map((c, k) =>
      add(c.logProb(v), squeeze(take(logits, [k], -1), -1)),
    );
    return weighted.reduce((acc, lp) => logaddexp(acc, lp));
  }

  protected rawComponentLogProbs(value: Tensor): Tensor {
    const lps = this.componentDistributions.map((c) => c.logProb(value));
    const shape = broadcastParams(NAME, ...lps.map((l) => l.shape));
    return stack(
      lps.map((l) => expandTo(l, shape)),
      -1,
    );
  }

  protected componentSamples(key: PRNGKey, sampleShape: Shape): Tensor {
    const keys = split(key, this.mixtureSize);
    const full = this.shape(sampleShape);
    const draws = this.componentDistributions.map((c, i) =>
      expandTo(
        this.alignDraw(c.sample(keys[i], sampleShape), sampleShape.length, c.batchShape.length),
        full,
      ),
    );
    return stack(draws, full.length - this.eventShape.length);
  }

  protected componentMoments(): { mean: Tensor; variance: Tensor } {
    const full = [...this.batchShape, ...this.eventShape];
    const axis = this.batchShape.length;
    return {
      mean: stack(
        this.componentDistributions.map((c) => expandTo(c.mean, full)),
        axis,
      ),
      variance: stack(
        this.componentDistributions.map((c) => expandTo(c.variance, full)),
        axis,
      ),
    };
  }
}

/**
 * Mixture of distributions of possibly different families (common event shape and
 * support), weighted by the Categorical `mixingDistribution`. Callable without `new`.
 */
export function MixtureGeneral(
  mixingDistribution: CategoricalDistribution,
  componentDistributions: readonly Distribution[],
): MixtureGeneralDistribution {
  return new MixtureGeneralDistribution(mixingDistribution, componentDistributions);
}
export type MixtureGeneral = MixtureGeneralDistribution;
