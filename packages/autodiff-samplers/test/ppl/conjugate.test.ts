import {
  Beta,
  Binomial,
  Gamma,
  MultivariateNormal,
  Normal,
  Poisson,
} from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import { mcseMean, mcseSd } from "../../src/diagnostics/index.js";
import { defineModel, type McmcResult, mcmc } from "../../src/ppl/index.js";
import { references as ref } from "./fixtures/references.js";

/** Mean, variance and their MCSEs of component `j` of site `name` (all chains pooled). */
function moments(res: McmcResult, name: string, j = 0, stride = 1) {
  const s = res.samples[name];
  const nc = res.numChains;
  const n = res.numSamples;
  const v = new Float64Array(nc * n);
  for (let i = 0; i < nc * n; i++) v[i] = s.draws[i * stride + j];
  let mean = 0;
  for (const x of v) mean += x / v.length;
  let variance = 0;
  for (const x of v) variance += (x - mean) ** 2 / (v.length - 1);
  const sd = Math.sqrt(variance);
  // MCSE of the variance from the MCSE of the sd: d(sd²) = 2 sd d(sd)
  return { mean, variance, mcseMean: mcseMean(v, nc), mcseVar: 2 * sd * mcseSd(v, nc) };
}

// Tolerance: |estimate − exact| < 4 MCSE (a 4σ band for the Monte Carlo error; fixed seeds).
const within4 = (est: number, exact: number, mcse: number) =>
  expect(Math.abs(est - exact)).toBeLessThan(4 * mcse);

const opts = { numWarmup: 500, numSamples: 1000, numChains: 2, seed: 1 } as const;

describe("conjugate posteriors", () => {
  test("normal-normal", () => {
    const model = defineModel((m, y: readonly number[]) => {
      const mu = m.sample("mu", Normal(1, 2));
      m.plate("data", y.length, () => m.sample("y", Normal(mu, 1.5), { obs: y }));
    });
    const res = mcmc(model, ref.normalNormal.y, opts);
    const r = moments(res, "mu");
    within4(r.mean, ref.normalNormal.mean, r.mcseMean);
    within4(r.variance, ref.normalNormal.var, r.mcseVar);
    expect(res.numDivergences).toBe(0);
  });

  test("beta-binomial", () => {
    const model = defineModel((m, k: readonly number[]) => {
      const p = m.sample("p", Beta(2, 3));
      m.plate("trials", k.length, () =>
        m.sample("k", Binomial(ref.betaBinomial.n, { probs: p }), { obs: k }),
      );
    });
    const res = mcmc(model, ref.betaBinomial.k, opts);
    const r = moments(res, "p");
    within4(r.mean, ref.betaBinomial.mean, r.mcseMean);
    within4(r.variance, ref.betaBinomial.var, r.mcseVar);
  });

  test("gamma-poisson", () => {
    const model = defineModel((m, y: readonly number[]) => {
      const lam = m.sample("lam", Gamma(3, 2));
      m.plate("data", y.length, () => m.sample("y", Poisson(lam), { obs: y }));
    });
    const res = mcmc(model, ref.gammaPoisson.y, opts);
    const r = moments(res, "lam");
    within4(r.mean, ref.gammaPoisson.mean, r.mcseMean);
    within4(r.variance, ref.gammaPoisson.var, r.mcseVar);
  });

  test("multivariate normal with a dense covariance (dense mass matrix)", () => {
    const d = ref.mvn;
    const model = defineModel((m) => {
      const x = m.sample("x", MultivariateNormal(d.m0, { covarianceMatrix: d.S0 }));
      m.sample("y", MultivariateNormal(x, { covarianceMatrix: d.R }), { obs: d.y });
    });
    const res = mcmc(model, undefined, { ...opts, denseMass: true });
    expect(res.samples.x.shape).toEqual([2, 1000, 3]);
    expect(res.samples.x.dims).toEqual(["chain", "draw", "x_dim_0"]);
    for (let j = 0; j < 3; j++) {
      const r = moments(res, "x", j, 3);
      within4(r.mean, d.mean[j], r.mcseMean);
      within4(r.variance, d.cov[j][j], r.mcseVar);
    }
    // the adapted dense inverse mass matrix approximates the posterior covariance
    const imm = res.adapted[0].inverseMassMatrix;
    expect(imm.length).toBe(9);
    expect(imm[1] / Math.sqrt(imm[0] * imm[4])).toBeCloseTo(
      d.cov[0][1] / Math.sqrt(d.cov[0][0] * d.cov[1][1]),
      1,
    );
  });
});
