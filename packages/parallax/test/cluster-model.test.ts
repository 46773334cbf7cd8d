import { initializeModel, mcmc } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { describe, expect, it } from "vitest";
import { clusterModel } from "../src/index.js";

/**
 * The PPL cluster model against the seed's gaia_cluster_model written out by hand with
 * scalar Math (no tensor or distribution code): priors, mixture of a log-normal and the
 * EDSD density r² e^{-r/L}/(2L³), Gaussian parallax likelihood, and the log-Jacobians of
 * the unconstraining maps (logit for Q, log for r), as NumPyro's potential_energy.
 */
const N = 60;
const plx = Float64Array.from({ length: N }, (_, i) => 0.3 + 2.5 * ((i * 0.618034) % 1));
const err = Float64Array.from({ length: N }, (_, i) => 0.02 + 0.4 * ((i * 0.414214) % 1));
const zp = Float64Array.from({ length: N }, (_, i) => -0.04 + 0.001 * i);
const data = { parallax: plx, parallaxError: err, zeroPoint: zp };

const logNormal = (x: number, mu: number, s: number) =>
  -0.5 * ((x - mu) / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);

function handPotential(q: Float64Array): number {
  const [logL, logD, logSigma, u] = q;
  const Q = 1 / (1 + Math.exp(-u));
  const L = Math.exp(logL);
  const sigma = Math.exp(logSigma);
  let lp =
    logNormal(logL, Math.log(370), 2) +
    logNormal(logD, Math.log(920), 2) +
    logNormal(logSigma, 0, 2) +
    Math.log(Q) +
    Math.log(1 - Q);
  for (let n = 0; n < N; n++) {
    const z = q[4 + n];
    const r = Math.exp(z);
    const cluster = Math.exp(logNormal(z, logD, sigma)) / r;
    const edsd = (r * r * Math.exp(-r / L)) / (2 * L ** 3);
    lp += Math.log(Q * cluster + (1 - Q) * edsd) + z;
    lp += logNormal(plx[n], 1000 / r + zp[n], err[n]);
  }
  return -lp;
}

function point(): Float64Array {
  const q = new Float64Array(N + 4);
  q.set([Math.log(480), Math.log(850), -3.2, 0.4]);
  for (let n = 0; n < N; n++) q[4 + n] = Math.log(1000 / plx[n]) + 0.05 * Math.sin(n);
  return q;
}

describe("clusterModel", () => {
  const init = initializeModel(clusterModel, data, { key: key(0) });

  it("keeps the seed's site order: [log_L, log_D, log_sigma, Q, r…]", () => {
    expect(init.latent.map((s) => [s.name, s.offset, s.size])).toEqual([
      ["log_L", 0, 1],
      ["log_D", 1, 1],
      ["log_sigma", 2, 1],
      ["Q", 3, 1],
      ["r", 4, N],
    ]);
    expect(init.latent[4].dims).toEqual(["star"]);
    expect(init.deterministic.map((s) => [s.name, s.shape])).toEqual([
      ["L", []],
      ["D", []],
      ["approx_size", []],
      ["p", [N, 2]],
      ["plx_true", [N]],
    ]);
    expect(init.observed.map((s) => s.name)).toEqual(["plx_obs"]);
  });

  it("equals the hand-written potential to 1e-12 and its gradient to finite differences", () => {
    const q = point();
    const g = new Float64Array(q.length);
    const u = init.potential(q, g);
    const ref = handPotential(q);
    // same formula in a different order of floating-point operations: 1e-12 relative
    expect(Math.abs(u - ref) / Math.abs(ref)).toBeLessThan(1e-12);
    // central differences with step 1e-5: truncation + rounding error ≲ 1e-6 relative
    for (const i of [0, 1, 2, 3, 4, 17, N + 3]) {
      const h = 1e-5;
      const qp = Float64Array.from(q);
      const qm = Float64Array.from(q);
      qp[i] += h;
      qm[i] -= h;
      const fd = (handPotential(qp) - handPotential(qm)) / (2 * h);
      expect(Math.abs(g[i] - fd)).toBeLessThan(1e-6 * Math.max(1, Math.abs(fd)));
    }
  });

  it("deterministics: L, D, approx_size = e^{log_sigma}·D, membership log-probabilities, plx_true", () => {
    const q = point();
    const c = init.constrain(q);
    expect(c.L.item()).toBeCloseTo(480, 9);
    expect(c.D.item()).toBeCloseTo(850, 9);
    expect(c.approx_size.item()).toBeCloseTo(Math.exp(-3.2) * 850, 9);
    const p = c.p.toArray();
    const Q = 1 / (1 + Math.exp(-0.4));
    const sigma = Math.exp(-3.2);
    for (let n = 0; n < N; n++) {
      const z = q[4 + n];
      const r = Math.exp(z);
      const a = Q * (Math.exp(logNormal(z, Math.log(850), sigma)) / r);
      const b = (1 - Q) * ((r * r * Math.exp(-r / 480)) / (2 * 480 ** 3));
      expect(Math.exp(p[2 * n])).toBeCloseTo(a / (a + b), 10);
      expect(Math.exp(p[2 * n]) + Math.exp(p[2 * n + 1])).toBeCloseTo(1, 12);
      expect(c.plx_true.toArray()[n]).toBeCloseTo(1000 / r + zp[n], 10);
    }
  });

  it("samples (short sequential run) with draws of every site", () => {
    const res = mcmc(
      clusterModel,
      { parallax: plx.slice(0, 20), parallaxError: err.slice(0, 20) },
      { numWarmup: 40, numSamples: 20, numChains: 1, seed: 2, maxTreeDepth: 6 },
    );
    expect(res.samples.r.shape).toEqual([1, 20, 20]);
    expect(res.samples.p.shape).toEqual([1, 20, 20, 2]);
    for (const v of res.samples.Q.draws) expect(v > 0 && v < 1).toBe(true);
  });
});
