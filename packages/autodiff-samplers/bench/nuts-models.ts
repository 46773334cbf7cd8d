/**
 * Models of the NUTS benchmark, in their own module so that worker threads can import them
 * (`chainMethod: "parallel"` loads a model from its module URL and export name).
 */
import { defineModel } from "@sidereal/autodiff-samplers";
import { Categorical, HalfNormal, MixtureGeneral, Normal, Uniform } from "@sidereal/distributions";
import { add, cos, div, mul, sqrt, square, stack, sub, tan } from "@sidereal/tensor";

/** Seed 004's data: x, y with uncertainties yerr. */
export interface Line {
  readonly x: readonly number[];
  readonly yerr: readonly number[];
  readonly y: readonly number[];
}

/** Seed 004's `linear_mixture_model` (foreground line + Gaussian outlier population). */
export const linearMixtureModel = defineModel(
  (m, d: Line) => {
    const theta = m.sample("theta", Uniform(-0.5 * Math.PI, 0.5 * Math.PI));
    const bPerp = m.sample("b_perp", Normal(0, 1));
    const slope = m.deterministic("m", tan(theta));
    const b = m.deterministic("b", div(bPerp, cos(theta)));
    const fg = Normal(add(mul(slope, d.x), b), d.yerr);
    const bgMean = m.sample("bg_mean", Normal(0, 1));
    const bgSigma = m.sample("bg_sigma", HalfNormal(3));
    const bg = Normal(bgMean, sqrt(add(square(bgSigma), square(d.yerr))));
    const Q = m.sample("Q", Uniform(0, 1));
    const mix = Categorical({ probs: stack([Q, sub(1, Q)], -1) });
    m.plate("data", d.x.length, () => m.sample("obs", MixtureGeneral(mix, [fg, bg]), { obs: d.y }));
  },
  { module: import.meta.url, export: "linearMixtureModel" },
);
