import { foldIn, key, split, uniform } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  buildHMCKernel,
  buildMetric,
  buildNUTSKernel,
  hmc,
  initState,
  leapfrogInPlace,
  nuts,
  sampleChain,
} from "../../src/mcmc/index.js";
import { column, diagGaussian, zScores } from "./helpers.js";

const scales = [0.5, 1, 3];
const pot = diagGaussian(scales);
const inverseMassMatrix = Float64Array.of(0.3, 1, 6);

describe("top-level factories (BlackJAX's as_top_level_api)", () => {
  test("nuts({...}) and hmc({...}) are their kernels closed over the parameters", () => {
    const q0 = Float64Array.of(0.2, -0.5, 1);
    const k = key(4);
    const params = { stepSize: 0.4, inverseMassMatrix };
    const algorithm = nuts({ potential: pot, maxTreeDepth: 6, ...params });
    const state = algorithm.init(q0);
    expect(state).toEqual(nuts.init(q0, pot));
    const [a, ia] = algorithm.step(k, state);
    const [b, ib] = buildNUTSKernel({ potential: pot, maxTreeDepth: 6 }).step(k, state, params);
    expect(a).toEqual(b);
    expect(ia).toEqual(ib);
    const h = hmc({ potential: pot, numSteps: 5, ...params });
    const [c, ic] = h.step(k, h.init(q0));
    const [e, ie] = hmc.buildKernel({ potential: pot, numSteps: 5 }).step(k, state, params);
    expect(c).toEqual(e);
    expect(ic).toEqual(ie);
    expect(ic.numSteps).toBe(5);
  });

  test("sampleChain runs any tunable kernel: static HMC with Stan's warmup", () => {
    const kernel = buildHMCKernel({ potential: pot, numSteps: 8 });
    const res = sampleChain(pot, Float64Array.of(1, 1, 1), {
      numWarmup: 1000,
      numSamples: 2000,
      key: key(12),
      kernel,
    });
    expect(res.stats.numSteps.every((n) => n === 8)).toBe(true);
    expect(res.stats.treeDepth.every((t) => t === 0)).toBe(true);
    scales.forEach((s, j) => {
      // The metric estimates σ² from the last window's 500 autocorrelated draws: within 50 %.
      expect(res.adapted.inverseMassMatrix[j] / s ** 2).toBeGreaterThan(0.5);
      expect(res.adapted.inverseMassMatrix[j] / s ** 2).toBeLessThan(1.5);
      // The draws: mean and variance within 4.5 MCSE (ESS-based, as the NUTS tests).
      const z = zScores(column(res.draws, 3, j), 0, s ** 2);
      expect(Math.abs(z.zMean)).toBeLessThan(4.5);
      expect(Math.abs(z.zVar)).toBeLessThan(4.5);
    });
  });
});

describe("NUTS acceptance statistic (Stan's accept_stat__)", () => {
  /**
   * Replays a transition's trajectory outside the kernel from its documented randomness
   * (momentum from split(key)[0]; doubling j goes forward iff uniform(foldIn(treeKey, j), [2^j + 1])[0]
   * ≥ ½) and returns min(1, exp(H₀ − H)) at its first `numSteps` leapfrog states, in
   * integration order per doubling.
   */
  function replay(k: ReturnType<typeof key>, q0: Float64Array, eps: number, numSteps: number) {
    const state = initState(q0, pot);
    const metric = buildMetric(inverseMassMatrix, 3);
    const [kMomentum, kTree] = split(k, 2);
    const p0 = new Float64Array(3);
    metric.sampleMomentum(kMomentum, p0);
    const h0 = state.potentialEnergy + metric.kineticEnergy(p0);
    const end = (sign: number) => ({
      position: state.position.slice(),
      momentum: p0.slice(),
      potentialEnergy: state.potentialEnergy,
      potentialGrad: state.potentialGrad.slice(),
      sign,
    });
    const ends = [end(1), end(-1)];
    const probs: number[] = [];
    const v = new Float64Array(3);
    for (let j = 0; probs.length < numSteps; j++) {
      const z = uniform(foldIn(kTree, j), [2 ** j + 1])[0] >= 0.5 ? ends[0] : ends[1];
      for (let s = 0; s < 2 ** j && probs.length < numSteps; s++) {
        const kinetic = leapfrogInPlace(pot, metric, z, z.sign * eps, v);
        const h = z.potentialEnergy + kinetic;
        probs.push(Math.min(1, Math.exp(h0 - (Number.isNaN(h) ? Infinity : h))));
      }
    }
    return probs;
  }

  test("is the mean of min(1, exp(H₀ − H)) over every leapfrog state, the last subtree's too", () => {
    const kernel = buildNUTSKernel({ potential: pot });
    const q0 = Float64Array.of(0.3, -1.2, 2.5);
    let cut = 0;
    for (const eps of [0.05, 0.4, 1.1, 2.5]) {
      for (let s = 0; s < 12; s++) {
        const k = key(100 + s);
        const [, info] = kernel.step(k, initState(q0, pot), { stepSize: eps, inverseMassMatrix });
        const probs = replay(k, q0, eps, info.numSteps);
        const expected = probs.reduce((a, b) => a + b, 0) / probs.length;
        expect(info.acceptanceRate).toBeCloseTo(expected, 12);
        // states beyond the completed doublings' 2^depth − 1 belong to a rejected subtree
        if (info.numSteps > 2 ** info.treeDepth - 1) cut++;
      }
    }
    // the set includes transitions whose rejected last subtree contributes states
    expect(cut).toBeGreaterThan(0);
  });
});
