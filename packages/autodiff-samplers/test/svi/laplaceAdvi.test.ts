import { HalfNormal, key, LogNormal, Normal } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import { sampleChain } from "../../src/mcmc/index.js";
import { adam } from "../../src/optim/index.js";
import { defineModel, initializeModel } from "../../src/ppl/index.js";
import {
  AutoDelta,
  AutoIAFNormal,
  AutoLaplaceApproximation,
  AutoLowRankMultivariateNormal,
  AutoNormal,
  adviAdaptDiagInit,
  fitAdvi,
  guidePredictive,
  laplaceCovariance,
  SviError,
  svi,
} from "../../src/svi/index.js";
import { modelA, modelB } from "./fixtures/gaussianPosteriors.js";
import { normalNormal, regression } from "./models.js";

const rel = (est: number, exact: number) => Math.abs(est - exact) / Math.abs(exact);

describe("AutoLaplaceApproximation", () => {
  test("covariance equals the exact inverse Hessian on a Gaussian posterior", () => {
    const guide = AutoLaplaceApproximation(regression);
    // The point-mass loss is deterministic, so Adam converges to the MAP.
    const { params } = svi(regression, guide, adam(0.02)).run(key(4), 2000, modelB);
    const lap = laplaceCovariance(guide, params);
    // MAP = posterior mean (Gaussian); tolerance 1e-4 relative (optimizer convergence).
    for (let i = 0; i < 2; i++) expect(rel(lap.loc[i], modelB.mean[i])).toBeLessThan(1e-4);
    // H is constant for a quadratic potential: central differences are exact up to rounding.
    for (let i = 0; i < 4; i++) expect(rel(lap.covariance[i], modelB.cov[i])).toBeLessThan(1e-6);
    const draws = guide.samplePosterior(key(5), params, 4000);
    expect(draws.a.shape).toEqual([4000]);
    const a = draws.a.toArray();
    const m = a.reduce((s, x) => s + x, 0) / a.length;
    // Monte-Carlo mean of 4000 draws: 4 standard errors.
    expect(Math.abs(m - modelB.mean[0])).toBeLessThan(4 * Math.sqrt(modelB.cov[0] / 4000));
    const q = guide.quantiles(params, [0.5]);
    expect(rel(q.a.toArray()[0], modelB.mean[0])).toBeLessThan(1e-4);
  });

  test("guide methods before setup are a typed error", () => {
    const guide = AutoLaplaceApproximation(regression);
    expect(() => guide.median({})).toThrow(SviError);
  });
});

describe("point-mass guides", () => {
  // x ~ LogNormal(0, 1): the density's mode is e^{μ−σ²} = e^{−1} (AutoDelta: MAP in
  // constrained space), the potential's minimum in u = log x is u = μ = 0, i.e. x = 1
  // (AutoLaplaceApproximation: MAP in unconstrained space, Jacobian included).
  const logNormal = defineModel((m, _d: null) => {
    m.sample("x", LogNormal(0, 1));
  });

  test("AutoDelta finds the constrained mode and stores constrained values", () => {
    const guide = AutoDelta(logNormal);
    const { params } = svi(logNormal, guide, adam(0.05)).run(key(20), 1500, null);
    expect(params.x_auto_loc.item()).toBeCloseTo(Math.exp(-1), 4);
    expect(guide.median(params).x.item()).toBeCloseTo(Math.exp(-1), 4);
  });

  test("AutoLaplaceApproximation finds the unconstrained mode", () => {
    const guide = AutoLaplaceApproximation(logNormal);
    const { params } = svi(logNormal, guide, adam(0.05)).run(key(21), 1500, null);
    expect(guide.median(params).x.item()).toBeCloseTo(1, 4);
    // U(u) = u²/2 + const ⇒ H = 1 exactly.
    expect(laplaceCovariance(guide, params).covariance[0]).toBeCloseTo(1, 6);
  });
});

describe("posterior draws of vector and constrained sites", () => {
  const plated = defineModel((m, y: readonly number[]) => {
    const sigma = m.sample("sigma", HalfNormal(1));
    const mu = m.plate("groups", 3, () => m.sample("mu", Normal(0, 2)));
    m.plate("data", y.length, () => m.sample("y", Normal(mu, sigma), { obs: y }));
  });
  test.each([
    ["AutoNormal", AutoNormal],
    ["AutoLowRankMultivariateNormal", AutoLowRankMultivariateNormal],
    ["AutoIAFNormal", AutoIAFNormal],
  ] as const)("%s: shapes, support and quantile order", (_n, make) => {
    const guide = make(plated);
    const { params } = svi(plated, guide, adam(0.02)).run(key(30), 200, [0.3, -1.2, 2.1]);
    const draws = guide.samplePosterior(key(31), params, 64);
    expect(draws.sigma.shape).toEqual([64]);
    expect(draws.mu.shape).toEqual([64, 3]);
    expect(draws.sigma.toArray().every((v) => v > 0)).toBe(true);
    const q = guide.quantiles(params, [0.1, 0.5, 0.9]);
    expect(q.mu.shape).toEqual([3, 3]);
    const m = q.mu.toArray();
    for (let j = 0; j < 3; j++) expect(m[j]).toBeLessThan(m[6 + j]);
    expect(guide.median(params).mu.shape).toEqual([3]);
  });
});

describe("guidePredictive", () => {
  test("posterior predictive through AutoNormal has the right shapes", () => {
    const guide = AutoNormal(normalNormal);
    const { params } = svi(normalNormal, guide, adam(0.05)).run(key(6), 300, modelA.y);
    const pred = guidePredictive(normalNormal, { guide, params, numSamples: 50 })(
      key(7),
      modelA.y.map(() => Number.NaN).slice(0, 0),
    );
    expect(pred.y.shape).toEqual([50, 0]);
    const med = guide.median(params);
    expect(med.mu.shape).toEqual([]);
    const qs = guide.quantiles(params, [0.05, 0.5, 0.95]);
    expect(qs.mu.shape).toEqual([3]);
    expect(qs.mu.toArray()[1]).toBeCloseTo(med.mu.item(), 12);
  });
});

describe("fitAdvi (PyMC semantics)", () => {
  test("recovers the normal-normal posterior and reports convergence", () => {
    const res = fitAdvi(normalNormal, modelA.y, {
      learningRate: 0.01,
      relTolerance: 0.01,
      absTolerance: 0.01,
      n: 50_000,
      draws: 2000,
      seed: 3,
    });
    expect(res.converged).toBe(true);
    expect(res.message).toMatch(/^Convergence achieved at \d+/);
    expect(res.iterations % 100).toBe(0);
    expect(res.losses.length).toBe(res.iterations);
    expect(rel(res.approx.mean[0], modelA.mean)).toBeLessThan(0.02);
    expect(res.samples.mu.shape).toEqual([2000]);
  });

  test("full-rank ADVI recovers the regression posterior mean and covariance", () => {
    const res = fitAdvi(regression, modelB, {
      method: "fullrank_advi",
      learningRate: 0.01,
      relTolerance: 0.01,
      absTolerance: 0.01,
      n: 20_000,
      draws: 10,
      seed: 4,
    });
    const cov = res.approx.cov ?? new Float64Array(4);
    expect(res.converged).toBe(true);
    for (let i = 0; i < 2; i++) expect(rel(res.approx.mean[i], modelB.mean[i])).toBeLessThan(0.02);
    // PyMC's stopping rule with a constant rate leaves ~5 % noise on the covariance (measured
    // 4.7 %, 4.9 %, 4.9 %, … at this seed): 10 % bound.
    for (let i = 0; i < 4; i++) expect(rel(cov[i], modelB.cov[i])).toBeLessThan(0.1);
    expect(res.samples.a.shape).toEqual([10]);
  });

  test("adviAdaptDiagInit returns one start per chain and the ADVI variances", () => {
    const init = adviAdaptDiagInit(normalNormal, modelA.y, {
      numChains: 4,
      learningRate: 0.01,
      relTolerance: 0.01,
      absTolerance: 0.01,
      n: 50_000,
      seed: 3,
    });
    expect(init.initPositions.length).toBe(4);
    expect(init.initPositions[0].length).toBe(1);
    expect(init.inverseMassDiagonal[0]).toBeCloseTo(init.advi.approx.std[0] ** 2, 14);
    expect(init.initialWeight).toBe(50);
    // The low-level path `mcmc({ init: "advi+adapt_diag" })` would take: NUTS from the ADVI
    // start with the ADVI variances as the initial inverse mass matrix.
    const pot = initializeModel(normalNormal, modelA.y, { key: key(8) });
    const res = sampleChain(pot.potential, init.initPositions[0], {
      numWarmup: 200,
      numSamples: 1000,
      key: key(9),
      initialInverseMassMatrix: init.inverseMassDiagonal,
    });
    const mean = res.draws.reduce((a, b) => a + b, 0) / res.draws.length;
    // 1000 NUTS draws of a 1-D Gaussian (ESS of several hundred): 0.1 ≈ 5 standard errors.
    expect(Math.abs(mean - modelA.mean)).toBeLessThan(0.1);
  });
});
