/**
 * Shared machinery of the finite mixtures (internal): the mixing Categorical's log
 * weights are added to component log-densities and reduced with logsumexp; sampling
 * draws a component index by Gumbel-max and selects that component's draw; moments
 * follow the law of total variance.
 */
import type { Shape, Tensor, TensorLike } from "@sidereal/tensor";
import {
  add,
  arange,
  argmax,
  eq,
  expandDims,
  logsumexp,
  mul,
  reshape,
  square,
  sub,
  sum,
  tensor,
  toTensor,
  where,
} from "@sidereal/tensor";
import type { Constraint } from "../constraints/index.js";
import { CategoricalDistribution } from "../discrete/categorical.js";
import { Distribution } from "../distribution.js";
import { DistributionError } from "../errors.js";
import type { PRNGKey } from "../random/index.js";
import { gumbel, split } from "../random/index.js";

export function checkMixing(name: string, mixing: unknown): CategoricalDistribution {
  if (!(mixing instanceof CategoricalDistribution))
    throw new DistributionError({
      distribution: name,
      parameter: "mixingDistribution",
      constraint: "expected a Categorical distribution",
    });
  return mixing;
}

export abstract class MixtureBase extends Distribution {
  abstract readonly mixingDistribution: CategoricalDistribution;
  /** Number of components K. */
  abstract readonly mixtureSize: number;
  abstract override readonly support: Constraint;

  /** Component log-densities without the weights, shape `[..., K]`. */
  protected abstract rawComponentLogProbs(value: Tensor): Tensor;
  /** All components' draws stacked on the component axis: `[...sample, ...batch, K, ...event]`. */
  protected abstract componentSamples(key: PRNGKey, sampleShape: Shape): Tensor;
  /** Component means / variances stacked: `[...batch, K, ...event]`. */
  protected abstract componentMoments(): { mean: Tensor; variance: Tensor };

  /**
   * log wₖ + log pₖ(value) for every component k, shape `[..., K]` (value without the
   * component axis). Its logsumexp over the last axis is `logProb(value)`; subtracting
   * that gives the posterior membership log-probabilities.
   */
  componentLogProbs(value: TensorLike): Tensor {
    return add(this.rawComponentLogProbs(toTensor(value)), this.mixingDistribution.logits);
  }

  /** log Σₖ wₖ pₖ(value) (logsumexp of {@link componentLogProbs}). */
  logProb(value: TensorLike): Tensor {
    return logsumexp(this.componentLogProbs(value), -1);
  }

  /** Draws a component index per element (Gumbel-max), then that component's draw. */
  sample(key: PRNGKey, sampleShape: Shape = []): Tensor {
    const [kIdx, kComp] = split(key, 2);
    const K = this.mixtureSize;
    const idxShape = [...sampleShape, ...this.batchShape, K];
    const g = tensor(gumbel(kIdx, idxShape), idxShape);
    const idx = argmax(add(this.mixingDistribution.logits, g), -1);
    const all = this.componentSamples(kComp, sampleShape);
    const e = this.eventShape.length;
    const onehot = this.expandEvent(eq(expandDims(idx, -1), arange(K)));
    return sum(where(onehot, all, 0), all.rank - e - 1);
  }

  /** Σₖ wₖ μₖ. */
  override get mean(): Tensor {
    const { mean } = this.componentMoments();
    return this.sumComponents(mul(this.expandEvent(this.mixingDistribution.probs), mean));
  }

  /** Σₖ wₖ (σₖ² + μₖ²) - μ² (law of total variance). */
  override get variance(): Tensor {
    const { mean, variance } = this.componentMoments();
    const w = this.expandEvent(this.mixingDistribution.probs);
    const m = this.sumComponents(mul(w, mean));
    return sub(this.sumComponents(mul(w, add(variance, square(mean)))), square(m));
  }

  /** Sums `[..., K, ...event]` over the component axis. */
  private sumComponents(t: Tensor): Tensor {
    return sum(t, t.rank - this.eventShape.length - 1);
  }

  /**
   * Inserts unit axes after the `sampleRank` leading axes of a component draw whose
   * batch rank is `batchRank`, so that it broadcasts against `[...sample, ...batch, …]`.
   */
  protected alignDraw(t: Tensor, sampleRank: number, batchRank: number): Tensor {
    const pad = this.batchShape.length - batchRank;
    if (pad <= 0) return t;
    const s = t.shape;
    return reshape(t, [
      ...s.slice(0, sampleRank),
      ...Array<number>(pad).fill(1),
      ...s.slice(sampleRank),
    ]);
  }

  /** `[..., K]` → `[..., K, 1, …, 1]` with one unit axis per event dimension. */
  protected expandEvent(t: Tensor): Tensor {
    const e = this.eventShape.length;
    return e === 0 ? t : reshape(t, [...t.shape, ...Array<number>(e).fill(1)]);
  }
}
