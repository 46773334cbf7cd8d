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
});
