/**
 * The model and the fast constraint of guide draws, on a small grid (1000 points, 10
 * layers): `constrainLatent` equals the guide's own `samplePosterior` (which traces the
 * model per draw), and the priors are the seed's.
 */
import { adam, svi } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { describe, expect, it } from "vitest";
import {
  constrainLatent,
  convergence,
  exoModel,
  forwardModel,
  latentOrder,
  makeGuide,
  PARAMS,
  truthSpectrum,
} from "../src/index.js";

const S = { wavMin: 22920, wavMax: 23000, nGrid: 1000, nlayer: 10 };

describe("seed 001 model on a small grid", () => {
  const fm = forwardModel(S);
  const spectrum = truthSpectrum(fm);
  const data = { settings: S, spectrum };

  it.each(["mvn", "bnaf", "diag"] as const)(
    "constrainLatent equals samplePosterior (%s guide)",
    (name) => {
      const guide = makeGuide(name);
      const driver = svi(exoModel, guide, adam(0.01));
      let state = driver.init(key(1), data);
      [state] = driver.update(state, data);
      const params = driver.getParams(state);
      const n = 5;
      const ref = guide.samplePosterior(key(2), params, n);
      const fast = constrainLatent(
        guide.sampleUnconstrained(key(2), params, n),
        n,
        latentOrder(guide),
      );
      expect(Object.keys(fast).sort()).toEqual([...PARAMS].sort());
      for (const p of PARAMS) {
        const r = ref[p].toArray() as ArrayLike<number>;
        for (let k = 0; k < n; k++) expect(fast[p][k]).toBeCloseTo(r[k], 12);
      }
    },
  );

  it("bnaf: NumPyro's start by default (σ ≈ e⁰); an explicit --init median centres the flow (σ ≈ 10²–10³)", () => {
    const sigmaDraws = (guide: ReturnType<typeof makeGuide>) => {
      const setup = guide.setup(key(4), data);
      const n = 200;
      const u = guide.sampleUnconstrained(key(5), setup.initParams, n);
      const draws = constrainLatent(u, n, latentOrder(guide)).sigmain;
      return Array.from(draws).sort((a, b) => a - b)[n / 2];
    };
    // the initial flow's outputs are O(1) (unit-norm scaled columns, tanh units, biases
    // ≤ 1/√7): σ = exp(u) within e^±3 by default; the median init puts u₀[σ] near log 693
    const plain = sigmaDraws(makeGuide("bnaf"));
    expect(plain).toBeGreaterThan(Math.exp(-3));
    expect(plain).toBeLessThan(Math.exp(3));
    const centred = sigmaDraws(makeGuide("bnaf", "median"));
    expect(centred).toBeGreaterThan(693 * Math.exp(-3));
    expect(centred).toBeLessThan(693 * Math.exp(3));
  });

  it("the loss at the truth is finite and the forward model has 150 points", () => {
    expect(spectrum).toHaveLength(150);
    expect(spectrum.every(Number.isFinite)).toBe(true);
  });
});

describe("convergence check", () => {
  it("compares the last 500 steps with the 500 before", () => {
    const flat = new Float64Array(1000).fill(100);
    expect(convergence(flat).converged).toBe(true);
    const falling = Float64Array.from({ length: 1000 }, (_, i) => (i < 500 ? 110 : 100));
    expect(convergence(falling).converged).toBe(false);
    expect(convergence(new Float64Array(999)).converged).toBe(false);
  });
});
