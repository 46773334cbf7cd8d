import { HalfCauchy, Normal } from "@sidereal/distributions";
import { add, mul } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { mcseMean } from "../../src/diagnostics/index.js";
import { defineModel, mcmc } from "../../src/ppl/index.js";
import { references as ref } from "./fixtures/references.js";

// Eight schools (Rubin 1981; BDA3 §5.5): mu ~ N(0, 5), tau ~ HalfCauchy(5), theta_j ~ N(mu, tau),
// y_j ~ N(theta_j, sigma_j). Reference moments by quadrature (fixtures/references.py).
type Schools = { readonly y: readonly number[]; readonly sigma: readonly number[] };
const data: Schools = { y: ref.eightSchools.y, sigma: ref.eightSchools.sigma };

const centred = defineModel((m, d: Schools) => {
  const mu = m.sample("mu", Normal(0, 5));
  const tau = m.sample("tau", HalfCauchy(5));
  m.plate("school", d.y.length, () => {
    const theta = m.sample("theta", Normal(mu, tau));
    m.sample("obs", Normal(theta, d.sigma), { obs: d.y });
  });
});

const nonCentred = defineModel((m, d: Schools) => {
  const mu = m.sample("mu", Normal(0, 5));
  const tau = m.sample("tau", HalfCauchy(5));
  m.plate("school", d.y.length, () => {
    const eta = m.sample("eta", Normal(0, 1));
    const theta = m.deterministic("theta", add(mu, mul(tau, eta)));
    m.sample("obs", Normal(theta, d.sigma), { obs: d.y });
  });
});

const opts = { numWarmup: 1000, numSamples: 1000, numChains: 2, seed: 2 } as const;

describe("eight schools", () => {
  test("centred parameterisation reports divergences", () => {
    const res = mcmc(centred, data, opts);
    expect(res.samples.theta.dims).toEqual(["chain", "draw", "school"]);
    // The funnel makes NUTS diverge (NumPyro/Stan report tens of divergences per 1000 draws).
    expect(res.numDivergences).toBeGreaterThan(0);
  });

  test("non-centred parameterisation has (almost) none and recovers mu", () => {
    const res = mcmc(nonCentred, data, opts);
    expect(res.samples.theta.shape).toEqual([2, 1000, 8]);
    expect(res.samples.theta.dims).toEqual(["chain", "draw", "school"]);
    // "none or few": at most 0.5 % of 2000 draws
    expect(res.numDivergences).toBeLessThanOrEqual(10);
    const mu = res.samples.mu.draws;
    let mean = 0;
    for (const v of mu) mean += v / mu.length;
    // within 4 MCSE of the quadrature posterior mean
    expect(Math.abs(mean - ref.eightSchools.meanMu)).toBeLessThan(4 * mcseMean(mu, 2));
  });
});
