import { key, Normal } from "@sidereal/distributions";
import { add, mul, tensor } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { defineModel, ModelError, mcmc, Predictive } from "../../src/ppl/index.js";

type D = { readonly x: readonly number[]; readonly y?: readonly number[] };
const model = defineModel((m, d: D) => {
  const a = m.sample("a", Normal(0, 1));
  const b = m.sample("b", Normal(0, 1));
  const mu = m.deterministic("mu", add(a, mul(b, d.x)));
  m.plate("data", d.x.length, () => m.sample("y", Normal(mu, 0.1), { obs: d.y }));
});
const x = [0, 1, 2];

describe("Predictive", () => {
  test("prior predictive: every sample and deterministic site, [n, ...shape]", () => {
    const draws = Predictive(model, { numSamples: 400 })(key(0), { x });
    expect(Object.keys(draws)).toEqual(["a", "b", "mu", "y"]);
    expect(draws.y.shape).toEqual([400, 3]);
    // y_0 = a + ε: prior sd √(1 + 0.01); sample mean within 4 standard errors of 0
    const y = draws.y.toArray();
    let m0 = 0;
    for (let i = 0; i < 400; i++) m0 += y[i * 3] / 400;
    expect(Math.abs(m0)).toBeLessThan((4 * Math.sqrt(1.01)) / Math.sqrt(400));
    // reproducible
    expect(Predictive(model, { numSamples: 400 })(key(0), { x }).y.toArray()).toEqual(y);
  });

  test("posterior predictive substitutes posterior draws and samples the observations", () => {
    const res = mcmc(model, { x, y: [1, 3, 5] }, { numWarmup: 300, numSamples: 200, seed: 3 });
    const post = res.getSamples();
    expect(post.a.shape).toEqual([200]);
    const pred = Predictive(model, { posteriorSamples: { a: post.a, b: post.b } })(key(1), { x });
    expect(Object.keys(pred)).toEqual(["mu", "y"]);
    expect(pred.y.shape).toEqual([200, 3]);
    // y_i − mu_i = 0.1 ε: residuals are small and mu equals a + b x exactly
    const yv = pred.y.toArray();
    const mv = pred.mu.toArray();
    const av = post.a.toArray();
    const bv = post.b.toArray();
    for (let i = 0; i < 200; i++)
      for (let j = 0; j < 3; j++) {
        expect(mv[i * 3 + j]).toBeCloseTo(av[i] + bv[i] * x[j], 12);
        expect(Math.abs(yv[i * 3 + j] - mv[i * 3 + j])).toBeLessThan(0.6);
      }
    const only = Predictive(model, { posteriorSamples: post, returnSites: ["y"] })(key(1), { x });
    expect(Object.keys(only)).toEqual(["y"]);
  });

  test("bad arguments are ModelErrors", () => {
    expect(() => Predictive(model, {})).toThrow(ModelError);
    expect(() =>
      Predictive(model, { posteriorSamples: { a: tensor([1, 2]) }, numSamples: 3 }),
    ).toThrow(/numSamples = 3/);
    expect(() =>
      Predictive(model, { numSamples: 2, returnSites: ["nope"] })(key(0), { x }),
    ).toThrow(/"nope" is not a site/);
  });

  test("parallel: one vectorised run — deterministic sites exact, draws from the same distribution", () => {
    const n = 4000;
    const a = tensor(Array.from({ length: n }, (_, i) => Math.sin(i)));
    const b = tensor(Array.from({ length: n }, (_, i) => Math.cos(3 * i)));
    const opts = { posteriorSamples: { a, b } };
    const looped = Predictive(model, opts)(key(5), { x });
    const vect = Predictive(model, { ...opts, parallel: true })(key(5), { x });
    expect(Object.keys(vect)).toEqual(["mu", "y"]);
    expect(vect.y.shape).toEqual([n, 3]);
    // mu = a + b x involves no randomness: identical to the loop
    expect(vect.mu.toArray()).toEqual(looped.mu.toArray());
    // y − mu ~ N(0, 0.1²) in both: residual means within 4 standard errors (0.1/√(3n)) of 0
    // and residual sds within 5 % (the sd of a sample sd is about sd/√(2·3n) ≈ 0.7 %)
    for (const draws of [vect, looped]) {
      const y = draws.y.toArray();
      const mu = draws.mu.toArray();
      let s1 = 0;
      let s2 = 0;
      for (let i = 0; i < y.length; i++) {
        s1 += y[i] - mu[i];
        s2 += (y[i] - mu[i]) ** 2;
      }
      const mean = s1 / y.length;
      expect(Math.abs(mean)).toBeLessThan((4 * 0.1) / Math.sqrt(y.length));
      expect(Math.abs(Math.sqrt(s2 / y.length - mean * mean) / 0.1 - 1)).toBeLessThan(0.05);
    }
    // not the loop's numbers (one key for the batch), reproducible with the same key
    expect(vect.y.toArray()).not.toEqual(looped.y.toArray());
    expect(Predictive(model, { ...opts, parallel: true })(key(5), { x }).y.toArray()).toEqual(
      vect.y.toArray(),
    );
    // prior predictive (no posterior samples) is vectorised too
    const prior = Predictive(model, { numSamples: 50, parallel: true })(key(2), { x });
    expect(prior.y.shape).toEqual([50, 3]);
  });

  test("parallel: a model that does not broadcast over draws falls back to the loop", () => {
    // `item()` reads a scalar: with a batch of draws it throws, so the loop runs instead
    const scalarOnly = defineModel((m, d: D) => {
      const a = m.sample("a", Normal(0, 1));
      const shift = a.item();
      m.plate("data", d.x.length, () =>
        m.sample("y", Normal(add(tensor(d.x), shift), 0.1), { obs: d.y }),
      );
    });
    const a = tensor([0.5, -1, 2]);
    const looped = Predictive(scalarOnly, { posteriorSamples: { a } })(key(7), { x });
    const vect = Predictive(scalarOnly, { posteriorSamples: { a }, parallel: true })(key(7), { x });
    expect(vect.y.toArray()).toEqual(looped.y.toArray());
  });
});
