/**
 * The pointwise log-likelihood of McmcResult / logLikelihood: against the closed form of a
 * Gaussian model on every draw (float64 round-off: 1e-12), the vectorised, chunked and
 * draw-by-draw paths against each other, a model that does not broadcast, and the
 * InferenceData groups it feeds (log_likelihood, prior, prior_predictive,
 * posterior_predictive) with their dims.
 */
import { HalfNormal, key, Normal } from "@sidereal/distributions";
import { abs, div, tensor } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { loo, waic } from "../../src/index.js";
import { defineModel, logLikelihood, mcmc, Predictive } from "../../src/ppl/index.js";

const model = defineModel((m, d: { y?: readonly number[]; n: number }) => {
  const mu = m.sample("mu", Normal(0, 5));
  const sigma = m.sample("sigma", HalfNormal(2));
  m.deterministic("cv", div(sigma, abs(mu)));
  m.plate("obs", d.n, () => m.sample("y", Normal(mu, sigma), { obs: d.y }));
});
const data = { y: [1.2, 0.7, 1.9, 1.4, 0.3], n: 5 };

/** The same model written so that it cannot broadcast over draws (reads scalars out). */
const scalarModel = defineModel((m, d: { y?: readonly number[]; n: number }) => {
  const mu = m.sample("mu", Normal(0, 5));
  const sigma = m.sample("sigma", HalfNormal(2));
  const loc = tensor(Array.from({ length: d.n }, () => mu.item()));
  m.plate("obs", d.n, () => m.sample("y", Normal(loc, sigma.item()), { obs: d.y }));
});

const res = mcmc(model, data, { numWarmup: 200, numSamples: 150, numChains: 2, seed: 4 });

function closedForm(): Float64Array {
  const mu = res.samples.mu.draws;
  const sigma = res.samples.sigma.draws;
  const out = new Float64Array(mu.length * data.n);
  for (let s = 0; s < mu.length; s++)
    data.y.forEach((y, i) => {
      const z = (y - mu[s]) / sigma[s];
      out[s * data.n + i] = -0.5 * Math.log(2 * Math.PI) - Math.log(sigma[s]) - 0.5 * z * z;
    });
  return out;
}

function expectClose(a: Float64Array, b: Float64Array) {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let j = 0; j < a.length; j++)
    worst = Math.max(worst, Math.abs(a[j] - b[j]) / (1 + Math.abs(b[j])));
  expect(worst).toBeLessThan(1e-12);
}

describe("pointwise log-likelihood", () => {
  test("McmcResult.logLikelihood: the closed form on every draw, dims chain, draw, obs", () => {
    const ll = res.logLikelihood();
    expect(Object.keys(ll)).toEqual(["y"]);
    expect(ll.y.shape).toEqual([2, 150, 5]);
    expect(ll.y.dims).toEqual(["chain", "draw", "obs"]);
    expectClose(ll.y.draws, closedForm());
    expect(res.logLikelihood()).toBe(ll); // computed once
  });

  test("vectorised, chunked and draw-by-draw paths agree; a non-broadcasting model loops", () => {
    const latent = { mu: tensor(res.samples.mu.draws), sigma: tensor(res.samples.sigma.draws) };
    const expected = closedForm();
    expectClose(logLikelihood(model, latent, data).y.data, expected);
    expectClose(logLikelihood(model, latent, data, { chunkElements: 7 }).y.data, expected);
    expectClose(logLikelihood(model, latent, data, { parallel: true }).y.data, expected);
    expectClose(logLikelihood(model, latent, data, { parallel: false }).y.data, expected);
    expectClose(logLikelihood(scalarModel, latent, data).y.data, expected);
    expect(() => logLikelihood(model, latent, data, { sites: ["mu"] })).toThrow(
      /"mu" is not an observed sample site/,
    );
  });

  test("loo and waic take the result itself", () => {
    const fromResult = loo(res);
    const fromMatrix = loo(res.logLikelihoodMatrix());
    expect(fromResult.elpd).toBe(fromMatrix.elpd);
    expect(fromResult.numObservations).toBe(5);
    expect(waic(res).elpd).toBeLessThan(0);
  });
});

describe("InferenceData groups", () => {
  test("log_likelihood, prior, prior_predictive and posterior_predictive with matching dims", () => {
    const ppc = Predictive(model, { posteriorSamples: res.getSamples() })(key(1), { n: 5 });
    const prior = Predictive(model, { numSamples: 100 })(key(2), { n: 5 });
    const idata = res.toInferenceDataInput({ prior, posteriorPredictive: ppc });
    expect(Object.keys(idata).sort()).toEqual(
      [
        "log_likelihood",
        "observed_data",
        "posterior",
        "posterior_predictive",
        "prior",
        "prior_predictive",
        "sample_stats",
      ].sort(),
    );
    expect(idata.log_likelihood?.variables.y).toMatchObject({
      dims: ["chain", "draw", "obs"],
      shape: [2, 150, 5],
    });
    expect(idata.posterior_predictive?.variables.y).toMatchObject({
      dims: ["chain", "draw", "obs"],
      shape: [2, 150, 5],
    });
    expect(Object.keys(idata.prior?.variables ?? {}).sort()).toEqual(["cv", "mu", "sigma"]);
    expect(idata.prior?.variables.mu).toMatchObject({ dims: ["chain", "draw"], shape: [1, 100] });
    expect(idata.prior_predictive?.variables.y).toMatchObject({
      dims: ["chain", "draw", "obs"],
      shape: [1, 100, 5],
    });
    // opting out of the log-likelihood
    expect(res.toInferenceDataInput({ logLikelihood: false }).log_likelihood).toBeUndefined();
  });

  test("several observed sites: logLikelihoodMatrix needs a name", () => {
    const two = defineModel((m, d: { a: number[]; b: number[] }) => {
      const mu = m.sample("mu", Normal(0, 1));
      m.plate("i", d.a.length, () => m.sample("a", Normal(mu, 1), { obs: d.a }));
      m.plate("j", d.b.length, () => m.sample("b", Normal(mu, 2), { obs: d.b }));
    });
    const r = mcmc(two, { a: [0.1, 0.3], b: [1, -1, 2] }, { numWarmup: 50, numSamples: 20 });
    expect(Object.keys(r.logLikelihood())).toEqual(["a", "b"]);
    expect(() => r.logLikelihoodMatrix()).toThrow(/2 observed sites \(a, b\): name one/);
    expect(r.logLikelihoodMatrix("b").shape).toEqual([1, 20, 3]);
    expect(loo(r, { varName: "a" }).numObservations).toBe(2);
  });
});
