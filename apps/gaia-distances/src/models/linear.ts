/**
 * Seed 004, example 1: the straight-line fit parameterised by the angle θ = arctan m and
 * the perpendicular intercept b⊥ = b cos θ, without and with a Gaussian outlier component.
 */
import { defineModel, type Model, type ModelRef } from "@sidereal/autodiff-samplers";
import { Categorical, HalfNormal, MixtureGeneral, Normal, Uniform } from "@sidereal/distributions";
import {
  add,
  cos,
  div,
  exp,
  logsumexp,
  mul,
  sqrt,
  square,
  squeeze,
  stack,
  sub,
  take,
  tan,
} from "@sidereal/tensor";

/** Data of the line models (plain arrays: structured-cloneable for worker threads). */
export interface LineModelData {
  readonly x: Float64Array | readonly number[];
  readonly yerr: Float64Array | readonly number[];
  /** Observed y; omit for predictive draws. */
  readonly y?: Float64Array | readonly number[] | null;
}

/** Worker threads run JavaScript: from the TypeScript sources point at the built file. */
function ref(name: string): ModelRef {
  const here = import.meta.url;
  const module = here.endsWith(".ts") ? new URL("../../dist/models/linear.js", here).href : here;
  return { module, export: name };
}

/**
 * `linear_model`: θ ~ U(−π/2, π/2), b⊥ ~ N(0, 1), deterministics m = tan θ, b = b⊥ / cos θ;
 * in plate "data": y ~ N(m x + b, yerr).
 */
export const linearModel: Model<LineModelData> = defineModel((m, d: LineModelData) => {
  const theta = m.sample("theta", Uniform(-0.5 * Math.PI, 0.5 * Math.PI));
  const bPerp = m.sample("b_perp", Normal(0, 1));
  const slope = m.deterministic("m", tan(theta));
  const b = m.deterministic("b", div(bPerp, cos(theta)));
  m.plate("data", d.x.length, () =>
    m.sample("y", Normal(add(mul(slope, d.x), b), d.yerr), { obs: d.y ?? null }),
  );
}, ref("linearModel"));

/**
 * `linear_mixture_member_prob_model`: the line as above (foreground) mixed with a background
 * N(bg_mean, √(bg_sigma² + yerr²)), bg_mean ~ N(0, 1), bg_sigma ~ HalfNormal(3), foreground
 * weight Q ~ U(0, 1); in plate "data": obs ~ MixtureGeneral(Categorical([Q, 1−Q]), [fg, bg]);
 * deterministics `p` (membership log-probabilities [N, 2], component 0 = line, as the seed)
 * and `p_outlier` = e^{p[:, 1]}, the probability that each point is an outlier.
 */
export const linearMixtureModel: Model<LineModelData> = defineModel((m, d: LineModelData) => {
  const theta = m.sample("theta", Uniform(-0.5 * Math.PI, 0.5 * Math.PI));
  const bPerp = m.sample("b_perp", Normal(0, 1));
  const slope = m.deterministic("m", tan(theta));
  const b = m.deterministic("b", div(bPerp, cos(theta)));
  const fg = Normal(add(mul(slope, d.x), b), d.yerr);
  const bgMean = m.sample("bg_mean", Normal(0, 1));
  const bgSigma = m.sample("bg_sigma", HalfNormal(3));
  const bg = Normal(bgMean, sqrt(add(square(bgSigma), square(d.yerr))));
  const Q = m.sample("Q", Uniform(0, 1));
  const mixture = MixtureGeneral(Categorical({ probs: stack([Q, sub(1, Q)], -1) }), [fg, bg]);
  m.plate("data", d.x.length, () => {
    const y = m.sample("obs", mixture, { obs: d.y ?? null });
    const lp = mixture.componentLogProbs(y);
    const p = m.deterministic("p", sub(lp, logsumexp(lp, -1, true)));
    m.deterministic("p_outlier", exp(squeeze(take(p, [1], -1), -1)));
  });
}, ref("linearMixtureModel"));
