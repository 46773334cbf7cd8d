import { HalfNormal, key, Normal, split, Uniform, uniform } from "@sidereal/distributions";
import { add, mul, square } from "@sidereal/tensor";
import { describe, expect, test } from "vitest";
import { defineModel, initializeModel } from "../../src/ppl/index.js";

// Model: mu ~ N(0, 2), sigma ~ HalfNormal(1.5), p ~ U(-1, 3), y_i ~ N(mu + p x_i, sigma),
// plus factor −mu²/2 and a 2-site plate. Unconstrained: (mu, s = log sigma, t = logit((p+1)/4)).
const x = [-1.2, 0.3, 0.8, 1.9, 2.5];
const y = [0.1, 0.7, 1.4, 2.8, 3.1];
const model = defineModel((m, data: { x: number[]; y: number[] }) => {
  const mu = m.sample("mu", Normal(0, 2));
  const sigma = m.sample("sigma", HalfNormal(1.5));
  const p = m.sample("p", Uniform(-1, 3));
  m.deterministic("p2", mul(p, 2));
  m.factor("f", mul(square(mu), -0.5));
  m.plate("data", data.x.length, () =>
    m.sample("y", Normal(add(mu, mul(p, data.x)), sigma), { obs: data.y }),
  );
});

const LOG2PI = Math.log(2 * Math.PI);
const logNormal = (v: number, loc: number, scale: number) =>
  -0.5 * ((v - loc) / scale) ** 2 - Math.log(scale) - 0.5 * LOG2PI;

/** Hand-written U(mu, s, t) = −log joint − log|J| (constants kept). */
function handPotential(q: readonly number[]): number {
  const [mu, s, t] = q;
  const sigma = Math.exp(s);
  const sig = 1 / (1 + Math.exp(-t));
  const p = -1 + 4 * sig;
  let lp = logNormal(mu, 0, 2);
  lp += Math.log(2) + logNormal(sigma, 0, 1.5); // half-normal density = 2 N(0, 1.5)
  lp += -Math.log(4);
  lp += -0.5 * mu * mu;
  for (let i = 0; i < x.length; i++) lp += logNormal(y[i], mu + p * x[i], sigma);
  const logJac = s + Math.log(4 * sig * (1 - sig));
  return -(lp + logJac);
}

describe("potential energy", () => {
  const init = initializeModel(model, { x, y }, { key: key(0) });

  test("layout: one block per latent site, in site order", () => {
    expect(init.latent.map((s) => [s.name, s.offset, s.size])).toEqual([
      ["mu", 0, 1],
      ["sigma", 1, 1],
      ["p", 2, 1],
    ]);
    expect(init.flatSize).toBe(3);
    expect(init.observed.map((s) => [s.name, s.dims])).toEqual([["y", ["data"]]]);
    expect(init.deterministic.map((s) => s.name)).toEqual(["p2"]);
  });

  test("value and gradient equal a hand-written log density at random points", () => {
    const keys = split(key(7), 20);
    const g = new Float64Array(3);
    for (const k of keys) {
      const q = uniform(k, [3], -2, 2);
      const u = init.potential(q, g);
      // relative 1e-12: both sides are the same float64 formula up to rounding order
      expect(u).toBeCloseTo(handPotential([...q]), 10);
      for (let i = 0; i < 3; i++) {
        const h = 1e-5;
        const qp = [...q];
        const qm = [...q];
        qp[i] += h;
        qm[i] -= h;
        const fd = (handPotential(qp) - handPotential(qm)) / (2 * h);
        // central differences: error O(h²·U''') ≈ 1e-9 here
        expect(Math.abs(g[i] - fd)).toBeLessThan(1e-6 * (1 + Math.abs(fd)));
      }
    }
  });

  test("constrain maps back to named constrained values with deterministics", () => {
    const q = new Float64Array([0.3, Math.log(0.7), 0]);
    const c = init.constrain(q);
    expect(c.mu.item()).toBeCloseTo(0.3, 14);
    expect(c.sigma.item()).toBeCloseTo(0.7, 14);
    expect(c.p.item()).toBeCloseTo(1, 14);
    expect(c.p2.item()).toBeCloseTo(2, 14);
    const back = init.unconstrain({ mu: 0.3, sigma: 0.7, p: 1 });
    expect([...back].map((v) => Number(v.toFixed(12)))).toEqual([
      0.3,
      Number(Math.log(0.7).toFixed(12)),
      0,
    ]);
    expect(Object.keys(init.unflatten(q))).toEqual(["mu", "sigma", "p"]);
  });
});
