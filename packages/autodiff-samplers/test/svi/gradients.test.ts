import { HalfNormal, key, Normal, normal } from "@sidereal/distributions";
import { sum, type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { adam } from "../../src/optim/index.js";
import { defineModel } from "../../src/ppl/index.js";
import { constrainParam, splitFlat } from "../../src/svi/guideParams.js";
import {
  AutoBNAFNormal,
  AutoDelta,
  AutoDiagonalNormal,
  type AutoGuide,
  AutoIAFNormal,
  AutoLaplaceApproximation,
  AutoLowRankMultivariateNormal,
  AutoMultivariateNormal,
  AutoNormal,
  svi,
  traceELBO,
  traceMeanFieldELBO,
} from "../../src/svi/index.js";
import { negLogJointUnconstrained } from "../../src/svi/logJoint.js";

/** A model with a positive site (log Jacobian) and a plated vector site. */
const model = defineModel((m, y: readonly number[]) => {
  const sigma = m.sample("sigma", HalfNormal(1));
  const mu = m.plate("groups", 3, () => m.sample("mu", Normal(0, 2)));
  m.plate("data", y.length, () => m.sample("y", Normal(mu, sigma), { obs: y }));
});
const data = [0.3, -1.2, 2.1];

const guides: [string, () => AutoGuide<readonly number[]>][] = [
  ["AutoNormal", () => AutoNormal(model)],
  ["AutoDiagonalNormal", () => AutoDiagonalNormal(model)],
  ["AutoMultivariateNormal", () => AutoMultivariateNormal(model)],
  ["AutoLowRankMultivariateNormal", () => AutoLowRankMultivariateNormal(model, { rank: 2 })],
  ["AutoDelta", () => AutoDelta(model)],
  ["AutoLaplaceApproximation", () => AutoLaplaceApproximation(model)],
  ["AutoIAFNormal", () => AutoIAFNormal(model)],
  ["AutoBNAFNormal", () => AutoBNAFNormal(model)],
];

/**
 * Central differences of f at x with step h, at every coordinate when there are at most 48,
 * else at 48 evenly spaced ones (flows have thousands of parameters); NaN elsewhere.
 */
function centralDiff(f: (x: Float64Array) => number, x: Float64Array, h = 1e-6): Float64Array {
  const g = new Float64Array(x.length).fill(Number.NaN);
  const y = x.slice();
  const stride = Math.max(1, Math.floor(x.length / 48));
  for (let i = 0; i < x.length; i += stride) {
    y[i] = x[i] + h;
    const fp = f(y);
    y[i] = x[i] - h;
    const fm = f(y);
    y[i] = x[i];
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

// Tolerance: |autodiff − FD| ≤ 1e-6·(1 + |g|); central differences with h = 1e-6 have
// truncation error O(h²·f''') and rounding error O(ε/h) ≈ 1e-10 on these O(10) losses.
function expectClose(a: Float64Array, b: Float64Array) {
  for (let i = 0; i < a.length; i++)
    if (!Number.isNaN(b[i]))
      expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(b[i])));
}

describe.each(guides)("%s gradients", (_name, make) => {
  for (const loss of [traceELBO({ numParticles: 2 }), traceMeanFieldELBO({ numParticles: 2 })])
    test(`${loss.kind} ELBO estimator matches central differences`, () => {
      const guide = make();
      const s = svi(model, guide, adam(0.01), { loss });
      const state = s.init(key(0), data);
      // Move away from the init (non-zero covariance factors, scales ≠ 0.1).
      const perturb = normal(key(1), [state.phi.length]);
      const phi = state.phi.map((v, i) => v + 0.3 * perturb[i]);
      const elbo = s.compiledLoss(data);
      const eps = normal(key(2), [elbo.numParticles, elbo.epsDim]);
      const g = new Float64Array(phi.length);
      const v = elbo.valueAndGrad(phi, eps, g);
      expect(Number.isFinite(v)).toBe(true);
      expect(v).toBeCloseTo(elbo.value(phi, eps), 10);
      expectClose(
        g,
        centralDiff((x) => elbo.value(x, eps), phi),
      );
    });

  test("sample-path log q and log density match central differences", () => {
    const guide = make();
    const setup = guide.setup(key(0), data);
    const { family, layout } = setup;
    const perturb = normal(key(3), [layout.size]);
    const phi = new Float64Array(layout.size).map((_, i) => 0.2 * perturb[i]);
    const eps = tensor(normal(key(4), [3, family.epsDim]), [3, family.epsDim]);
    const params = (raws: Tensor[]) => {
      const p: Record<string, Tensor> = {};
      layout.specs.forEach((sp, k) => {
        p[sp.name] = constrainParam(sp, raws[k]);
      });
      return p;
    };
    const flatGrad = (gs: Tensor[]) => {
      const out = new Float64Array(layout.size);
      gs.forEach((t, k) => {
        out.set(t.toArray(), layout.offsets[k]);
      });
      return out;
    };
    const logq = (...raws: Tensor[]) => sum(family.sample(params(raws), eps).logq);
    const [, gq] = valueAndGrad(logq)(...splitFlat(layout, phi));
    expectClose(
      flatGrad(gq),
      centralDiff((x) => logq(...splitFlat(layout, x)).item(), phi),
    );
    const logDensity = family.logDensity;
    if (logDensity !== undefined) {
      const p0 = params(splitFlat(layout, phi));
      const draw = family.sample(p0, eps);
      // The density at the drawn point equals the sample-path log q.
      const direct = logDensity(p0, draw.u).toArray();
      draw.logq.toArray().forEach((x, i) => {
        expect(direct[i]).toBeCloseTo(x, 9);
      });
      const u = draw.u;
      const ld = (...raws: Tensor[]) => sum(logDensity(params(raws), u));
      const [, gd] = valueAndGrad(ld)(...splitFlat(layout, phi));
      expectClose(
        flatGrad(gd),
        centralDiff((x) => ld(...splitFlat(layout, x)).item(), phi),
      );
    }
  });
});

describe("unconstrained log joint", () => {
  test("with the Jacobian it equals the PPL potential; without it differs by the log-Jacobian", () => {
    const guide = AutoNormal(model);
    const { potential: pot } = guide.setup(key(0), data);
    const withJac = negLogJointUnconstrained(model, data, pot.latent, { jacobian: true });
    const noJac = negLogJointUnconstrained(model, data, pot.latent, { jacobian: false });
    const q = normal(key(7), [pot.flatSize]);
    const u = pot.unflatten(q);
    const sites = pot.latent.map((s) => u[s.name]);
    const g = new Float64Array(pot.flatSize);
    // Tolerance 1e-12 relative: the same operations in a different order (eager vs compiled).
    const potential = pot.potential(q, g);
    expect(Math.abs(withJac(...sites).item() - potential)).toBeLessThan(
      1e-12 * Math.abs(potential),
    );
    // sigma = exp(u_sigma): log-Jacobian u_sigma.
    const uSigma = u.sigma.item();
    expect(noJac(...sites).item() - withJac(...sites).item()).toBeCloseTo(uSigma, 12);
  });
});
