import { foldIn, key } from "@sidereal/distributions";
import { describe, expect, test } from "vitest";
import {
  buildNUTSKernel,
  initState,
  type MutableHMCState,
  type MutableNUTSInfo,
  type Potential,
} from "../../src/mcmc/index.js";

// Throughput of the NUTS kernel on a 1000-D standard normal written as a hand loop. The
// sampler's own per-gradient cost (leapfrog updates, M⁻¹p, kinetic energy, U-turn dot
// products, proposal copies) is (total time − potential time) / gradient evaluations.
// Timings are logged, not asserted tightly (CI machines vary); the bound below only catches
// pathological regressions such as per-leaf allocation or O(d²) work on a diagonal metric.
// Times are this process's CPU time, so that other processes on a shared machine do not
// stretch them the way they stretch wall time.
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const d = 1000;
const standardNormal: Potential = (q, g) => {
  let u = 0;
  for (let i = 0; i < d; i++) {
    const x = q[i];
    g[i] = x;
    u += x * x;
  }
  return 0.5 * u;
};

describe("NUTS throughput", () => {
  test("gradient evaluations per second on a 1000-D standard normal", () => {
    const q0 = new Float64Array(d);
    for (let i = 0; i < d; i++) q0[i] = Math.sin(i);
    const state0 = initState(q0, standardNormal);
    let calls = 0;
    const counted: Potential = (q, g) => {
      calls++;
      return standardNormal(q, g);
    };
    const kernel = buildNUTSKernel({ potential: counted });
    const params = { stepSize: 0.35, inverseMassMatrix: new Float64Array(d).fill(1) };
    const state: MutableHMCState = {
      position: state0.position.slice(),
      potentialEnergy: state0.potentialEnergy,
      potentialGrad: state0.potentialGrad.slice(),
    };
    const info: MutableNUTSInfo = {
      acceptanceRate: 0,
      isDivergent: false,
      energy: 0,
      numSteps: 0,
      treeDepth: 0,
    };
    const k = key(0);
    // Warm up the JIT, then take the fastest of 3 timed blocks of 200 transitions.
    for (let i = 0; i < 100; i++) kernel.stepInto(foldIn(k, i), state, params, state, info);
    let steps = 0;
    let accept = 0;
    let tSampler = Number.POSITIVE_INFINITY;
    const iters = 200;
    for (let rep = 0; rep < 3; rep++) {
      calls = 0;
      steps = 0;
      accept = 0;
      const t0 = cpuMs();
      for (let i = 0; i < iters; i++) {
        kernel.stepInto(foldIn(k, 1000 * (rep + 1) + i), state, params, state, info);
        steps += info.numSteps;
        accept += info.acceptanceRate;
      }
      tSampler = Math.min(tSampler, ((cpuMs() - t0) / 1000) * (1 / steps));
    }
    tSampler *= steps;
    expect(calls).toBe(steps);

    // Cost of the potential alone, same number of calls.
    const q = state.position.slice();
    const g = new Float64Array(d);
    let sink = 0;
    const t1 = cpuMs();
    for (let i = 0; i < steps; i++) {
      q[i % d] += 1e-12;
      sink += standardNormal(q, g);
    }
    const tPotential = (cpuMs() - t1) / 1000;
    expect(Number.isFinite(sink)).toBe(true);

    const gradsPerSec = steps / tSampler;
    const overheadUs = ((tSampler - tPotential) / steps) * 1e6;
    const potentialUs = (tPotential / steps) * 1e6;
    console.log(
      `1000-D NUTS: ${steps} gradients in ${(tSampler * 1e3).toFixed(0)} ms → ${(gradsPerSec / 1e3).toFixed(1)}k grad/s; potential ${potentialUs.toFixed(2)} µs/call, sampler overhead ${overheadUs.toFixed(2)} µs/gradient (${(overheadUs / potentialUs).toFixed(1)}× the potential); mean accept ${(accept / iters).toFixed(3)}, ${(steps / iters).toFixed(1)} steps/iter`,
    );
    // Lenient regression guard: > 20k gradients/s at d = 1000.
    expect(gradsPerSec).toBeGreaterThan(2e4);
  });
});
