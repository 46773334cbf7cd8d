/**
 * PyMC's initial point of a model (its "support point" per distribution), which bayes_spec's
 * `fit` uses as the ADVI starting mean (with `start` overriding it) and `_validate` checks:
 * Normal → μ, Beta / Gamma / χ² / LogNormal / Uniform → the mean, HalfNormal → σ (spec §6.3:
 * believed, not verified from PyMC's source). Sites are visited in model order, so a prior that
 * depends on another site (wt_ff_tspin on tspin) gets the value implied by its parents' points.
 */
import { seed, substitute, trace } from "@sidereal/autodiff-samplers";
import { type Distribution, HalfNormalDistribution, key } from "@sidereal/distributions";
import { broadcastTo, type Tensor } from "@sidereal/tensor";
import { hiModel } from "./hi-model.js";
import type { HiModelData } from "./model-data.js";

/** The support point of one (possibly plate-expanded) distribution. */
export function supportPoint(fn: Distribution): Tensor {
  let base: Distribution = fn;
  while ((base as { name?: string }).name === "ExpandedDistribution")
    base = (base as unknown as { base: Distribution }).base;
  if (base instanceof HalfNormalDistribution) return broadcastTo(base.scale, fn.batchShape);
  return broadcastTo(fn.mean, fn.batchShape);
}

/** The initial point of every free RV (constrained values with their shapes, model order). */
export function initialPoint(data: HiModelData): Record<string, Tensor> {
  const tr = trace(
    seed(
      substitute(hiModel, (msg) =>
        msg.type === "sample" && !msg.isObserved && msg.fn ? supportPoint(msg.fn) : undefined,
      ),
      key(0),
    ),
  ).getTrace(data);
  const out: Record<string, Tensor> = {};
  for (const [name, msg] of tr)
    if (msg.type === "sample" && !msg.isObserved && msg.value) out[name] = msg.value;
  return out;
}
