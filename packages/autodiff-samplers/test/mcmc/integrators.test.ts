import { describe, expect, test } from "vitest";
import {
  buildIntegrator,
  buildMetric,
  type IntegratorState,
  type Potential,
} from "../../src/mcmc/index.js";

// Harmonic oscillator U(q) = ½ k q², K(p) = ½ m⁻¹ p² (1-D) and a 2-D dense version.
const k = 2.5;
const oscillator: Potential = (q, g) => {
  g[0] = k * q[0];
  return 0.5 * k * q[0] * q[0];
};

function hamiltonian(s: IntegratorState, invMass: number): number {
  return s.potentialEnergy + 0.5 * invMass * s.momentum[0] * s.momentum[0];
}

function start(q: number, p: number): IntegratorState {
  const g = new Float64Array(1);
  const u = oscillator(Float64Array.of(q), g);
  return {
    position: Float64Array.of(q),
    momentum: Float64Array.of(p),
    potentialEnergy: u,
    potentialGrad: g,
  };
}

/** Max |H(t) − H(0)| over a trajectory of total time T. */
function maxEnergyError(eps: number, invMass: number, time: number): number {
  const integ = buildIntegrator(oscillator);
  const metric = buildMetric(Float64Array.of(invMass), 1);
  let s = start(1.3, -0.4);
  const h0 = hamiltonian(s, invMass);
  let worst = 0;
  const n = Math.round(time / eps);
  for (let i = 0; i < n; i++) {
    s = integ.integrate(s, eps, metric, 1);
    worst = Math.max(worst, Math.abs(hamiltonian(s, invMass) - h0));
  }
  return worst;
}

describe("velocity Verlet leapfrog", () => {
  test("energy error is O(ε²) on a harmonic oscillator", () => {
    // Second-order symplectic integrator: the energy error stays bounded and scales as ε², so
    // halving ε divides it by ≈ 4 (ratio within [3.6, 4.4] allows the O(ε⁴) correction).
    const invMass = 0.7;
    const e1 = maxEnergyError(0.1, invMass, 20);
    const e2 = maxEnergyError(0.05, invMass, 20);
    const e3 = maxEnergyError(0.025, invMass, 20);
    expect(e1 / e2).toBeGreaterThan(3.6);
    expect(e1 / e2).toBeLessThan(4.4);
    expect(e2 / e3).toBeGreaterThan(3.8);
    expect(e2 / e3).toBeLessThan(4.2);
    // Bounded (no drift) over long times: 10× longer trajectory, same error to 1 %.
    expect(maxEnergyError(0.1, invMass, 200) / e1).toBeLessThan(1.01);
  });

  test("conserves the shadow Hamiltonian p²/(2m) + ½k q² (1 − ε²ω²/4) exactly", () => {
    // For leapfrog on a linear oscillator (ω² = k/m) the quadratic form
    // H̃ = ½ m⁻¹ p² + ½ k q² (1 − ε² ω²/4) is an exact invariant at whole steps
    // (Leimkuhler & Reich 2004, "Simulating Hamiltonian Dynamics", §5.1); only rounding remains.
    const invMass = 0.7;
    const eps = 0.3;
    const omega2 = k * invMass;
    const shadow = (s: IntegratorState) =>
      0.5 * invMass * s.momentum[0] ** 2 +
      0.5 * k * s.position[0] ** 2 * (1 - (eps * eps * omega2) / 4);
    const integ = buildIntegrator(oscillator);
    const metric = buildMetric(Float64Array.of(invMass), 1);
    const s0 = start(0.8, 1.1);
    const s1 = integ.integrate(s0, eps, metric, 500);
    expect(Math.abs(shadow(s1) - shadow(s0))).toBeLessThan(1e-12);
  });

  test("is reversible: flip momentum, integrate back, recover the start", () => {
    const prec = Float64Array.of(2, 0.9, 0.9, 1);
    const pot: Potential = (q, g) => {
      g[0] = prec[0] * q[0] + prec[1] * q[1];
      g[1] = prec[2] * q[0] + prec[3] * q[1];
      return 0.5 * (q[0] * g[0] + q[1] * g[1]);
    };
    const invMass = Float64Array.of(1.5, 0.3, 0.3, 0.8); // dense
    const metric = buildMetric(invMass, 2);
    const integ = buildIntegrator(pot);
    const g = new Float64Array(2);
    const q0 = Float64Array.of(0.4, -1.2);
    const u0 = pot(q0, g);
    const s0: IntegratorState = {
      position: q0,
      momentum: Float64Array.of(0.3, 0.7),
      potentialEnergy: u0,
      potentialGrad: g,
    };
    const snapshot = [...s0.position, ...s0.momentum, ...s0.potentialGrad];
    const s1 = integ.integrate(s0, 0.17, metric, 40);
    const flipped: IntegratorState = { ...s1, momentum: s1.momentum.map((v) => -v) };
    const back = integ.integrate(flipped, 0.17, metric, 40);
    for (let i = 0; i < 2; i++) {
      expect(back.position[i]).toBeCloseTo(q0[i], 12);
      expect(-back.momentum[i]).toBeCloseTo(s0.momentum[i], 12);
    }
    // The caller's buffers are never mutated.
    expect([...s0.position, ...s0.momentum, ...s0.potentialGrad]).toEqual(snapshot);
    // Negative step size integrates backwards: same as flipping momentum twice.
    const neg = integ.integrate(s1, -0.17, metric, 40);
    expect(neg.position[0]).toBeCloseTo(q0[0], 12);
    expect(neg.position[1]).toBeCloseTo(q0[1], 12);
  });

  test("rejects mismatched shapes and bad step sizes with tagged errors", () => {
    const integ = buildIntegrator(oscillator);
    const metric = buildMetric(Float64Array.of(1), 1);
    const s = start(1, 1);
    expect(() => integ.integrate(s, Number.NaN, metric)).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
    expect(() => integ.integrate(s, 0.1, buildMetric(Float64Array.of(1, 1), 2))).toThrow(
      expect.objectContaining({ _tag: "McmcShapeError" }),
    );
    expect(() => buildMetric(Float64Array.of(1, 2, 3), 2)).toThrow(
      expect.objectContaining({ _tag: "McmcShapeError" }),
    );
    expect(() => buildMetric(Float64Array.of(1, 2, 2, 1), 2)).toThrow(
      expect.objectContaining({ _tag: "McmcValueError" }),
    );
    expect(() => buildMetric(Float64Array.of(1, -1), 2)).toThrow(
      expect.objectContaining({ _tag: "McmcParameterError" }),
    );
  });
});
