/**
 * `guidePredictive(model, { guide, params, numSamples, returnSites })(key, data)`: NumPyro's
 * `Predictive(model, guide=guide, params=params, num_samples=n)`. `key` is split into
 * (guide key, model key): `n` posterior draws of the latent sites come from
 * `guide.samplePosterior(guideKey, params, n)` and are passed as `posteriorSamples` to the
 * PPL's `Predictive`, which runs the model once per draw with `split(modelKey, n)[i]`.
 * Returns `{ site: Tensor [n, ...] }` for `returnSites` (default: every sample site not drawn
 * from the guide, and every deterministic site). The guide must be set up (`svi(...).init`).
 */
import { type PRNGKey, split } from "@sidereal/distributions";
import type { Tensor } from "@sidereal/tensor";
import type { Model } from "../ppl/model.js";
import { Predictive } from "../ppl/predictive.js";
import type { AutoGuide } from "./autoguide.js";
import { SviError } from "./errors.js";

/** Options of {@link guidePredictive}. */
export interface GuidePredictiveOptions<D> {
  readonly guide: AutoGuide<D>;
  /** Constrained guide parameters (`svi(...).run(...).params`). */
  readonly params: Readonly<Record<string, Tensor>>;
  readonly numSamples: number;
  readonly returnSites?: readonly string[];
}

/** Posterior predictive draws through a guide (see the module doc). */
export function guidePredictive<D>(
  model: Model<D>,
  options: GuidePredictiveOptions<D>,
): (rngKey: PRNGKey, data: D) => Record<string, Tensor> {
  const n = options.numSamples;
  if (!Number.isInteger(n) || n < 1)
    throw new SviError(
      "bad-argument",
      "numSamples",
      `guidePredictive: numSamples must be an integer ≥ 1, got ${n}`,
    );
  return (rngKey, data) => {
    const [guideKey, modelKey] = split(rngKey);
    const posteriorSamples = options.guide.samplePosterior(guideKey, options.params, n);
    return Predictive(model, {
      posteriorSamples,
      ...(options.returnSites ? { returnSites: options.returnSites } : {}),
    })(modelKey, data);
  };
}
