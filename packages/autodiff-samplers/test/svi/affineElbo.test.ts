import { HalfNormal, key, Normal, normal } from "@sidereal/distributions";
import { tensor, valueAndGrad } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { adam } from "../../src/optim/index.js";
import { defineModel } from "../../src/ppl/index.js";
import { splitFlat } from "../../src/svi/guideParams.js";
import {
  AutoMultivariateNormal,
  type ElboLoss,
  SviError,
  svi,
  traceELBO,
  traceMeanFieldELBO,
} from "../../src/svi/index.js";

/** Six latent dimensions: μ, τ (positive: a log-Jacobian term) and four group means. */
const J = 4;
const hierarchical = defineModel((m, y: readonly number[]) => {
  const mu = m.sample("mu", Normal(0, 5));
  const tau = m.sample("tau", HalfNormal(2));
  const theta = m.plate("groups", J, () => m.sample("theta", Normal(mu, tau)));
  m.plate("obs", J, () => m.sample("y", Normal(theta, 1), { obs: y }));
});
const y = [1.2, -0.4, 2.5, 0.3];
const D = J + 2;

const losses: [string, ElboLoss][] = [
  ["trace, 1 particle", traceELBO()],
  ["trace, 3 particles", traceELBO({ numParticles: 3 })],
  ["mean field, 2 particles", traceMeanFieldELBO({ numParticles: 2 })],
];

describe("AutoMultivariateNormal: the hand-written affine ELBO path", () => {
  test.each(losses)("%s: value and gradient equal the traced loss", (_name, loss) => {
    const s = svi(hierarchical, AutoMultivariateNormal(hierarchical), adam(0.01), { loss });
    const state = s.init(key(0), y);
    const layout = s.guide.current?.layout;
    if (layout === undefined) throw new Error("guide not set up");
    // away from the init: non-zero off-diagonal factor entries, diagonal ≠ 0.1
    const perturb = normal(key(1), [state.phi.length]);
    const phi = state.phi.map((v, i) => v + 0.3 * perturb[i]);
    const elbo = s.compiledLoss(y);
    const eps = normal(key(2), [elbo.numParticles, elbo.epsDim]);
    const grad = new Float64Array(phi.length);
    const value = elbo.valueAndGrad(phi, eps, grad);
    const [tv, tg] = valueAndGrad(elbo.lossFn)(
      ...splitFlat(layout, phi),
      tensor(eps, [elbo.numParticles, elbo.epsDim]),
    );
    // Same formulas; only the order of a few additions differs (the compiled potential vs
    // the traced graph, 1/P applied before or after): 1e-12 relative covers that rounding
    // on these O(10) losses and gradients, while a wrong term would be off by O(1).
    const close = (a: number, b: number) =>
      expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(b)));
    close(value, tv.item());
    close(elbo.value(phi, eps), tv.item());
    layout.specs.forEach((_, k) => {
      const g = tg[k].toArray();
      for (let i = 0; i < g.length; i++) close(grad[layout.offsets[k] + i], g[i]);
    });
  });

  test("only the potential of the draws is compiled; φ holds D + D(D+1)/2 numbers", () => {
    const s = svi(hierarchical, AutoMultivariateNormal(hierarchical), adam(0.01));
    const state = s.init(key(0), y);
    expect(state.phi.length).toBe(D + (D * (D + 1)) / 2);
    const elbo = s.compiledLoss(y);
    expect(elbo.mode).toBe("compiled");
    // one argument, the draws u [P, D]: no D×D buffer in the compiled program
    expect(elbo.compiled.argShapes).toEqual([[1, D]]);
  });

  test("ε of the wrong length is a typed error", () => {
    const s = svi(hierarchical, AutoMultivariateNormal(hierarchical), adam(0.01));
    const state = s.init(key(0), y);
    const elbo = s.compiledLoss(y);
    const grad = new Float64Array(state.phi.length);
    expect(() => elbo.valueAndGrad(state.phi, new Float64Array(D + 1), grad)).toThrow(SviError);
    expect(() => elbo.value(state.phi, new Float64Array(D - 1))).toThrow(/ε has length 5/);
  });
});
