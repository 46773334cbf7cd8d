import {
  AffineTransform,
  Categorical,
  Chi2,
  constraints,
  ExpTransform,
  MixtureGeneral,
  Normal,
  TransformedDistribution,
  Uniform,
} from "@sidereal/distributions";
import { add, exp, log, scalar, stack, sub, sum, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { loadM67 } from "../src/data.js";
import { logDensity } from "../src/model.js";

/**
 * The hand-written potential of the app against the seed's model written with the
 * distributions package (MixtureGeneral of a log-normal and a scaled χ²₆, exactly as
 * NumPyro's gaia_cluster_model), plus the unconstraining Jacobians.
 */
describe("M67 model", () => {
  it("equals the distributions-package formulation of the seed's model", () => {
    const full = loadM67();
    const n = 300;
    const cat = {
      ...full,
      parallax: full.parallax.slice(0, n),
      parallaxError: full.parallaxError.slice(0, n),
      zeroPoint: full.zeroPoint.slice(0, n),
    };
    const [logL, logD, logSigma, u] = [Math.log(500), Math.log(870), -3.5, 0.3];
    const z = Float64Array.from(
      { length: n },
      (_, i) => Math.log(1000 / Math.max(cat.parallax[i], 0.3)) + 0.01 * Math.sin(i),
    );
    const app = logDensity(cat)(
      scalar(logL),
      scalar(logD),
      scalar(logSigma),
      scalar(u),
      tensor(z),
    ).item();

    const Q = 1 / (1 + Math.exp(-u));
    const L = Math.exp(logL);
    const r = exp(tensor(z));
    const mixture = MixtureGeneral(Categorical({ probs: stack([scalar(Q), scalar(1 - Q)], -1) }), [
      TransformedDistribution(Normal(logD, Math.exp(logSigma)), ExpTransform()),
      TransformedDistribution(
        Chi2(6),
        AffineTransform(0, 0.5 * L, { domain: constraints.positive }),
      ),
    ]);
    const priors =
      Normal(Math.log(370), 2).logProb(logL).item() +
      Normal(Math.log(920), 2).logProb(logD).item() +
      Normal(0, 2).logProb(logSigma).item() +
      Uniform(0, 1).logProb(Q).item() +
      Math.log(Q) +
      Math.log(1 - Q); // logit Jacobian
    const distances = sum(add(mixture.logProb(r), log(r))).item(); // + exp Jacobian
    const plxTrue = add(
      sub(0, 0),
      add(tensor(Float64Array.from(z, (v) => 1000 * Math.exp(-v))), tensor(cat.zeroPoint)),
    );
    const likelihood = sum(
      Normal(plxTrue, tensor(cat.parallaxError)).logProb(tensor(cat.parallax)),
    ).item();
    const reference = priors + distances + likelihood;
    expect(Math.abs(app - reference) / Math.abs(reference)).toBeLessThan(1e-12);
  });
});
