/**
 * The NUTS potential of `compare` on a linear toy forward model f(u) = A·u, where U and ∂U/∂q
 * are known in closed form: U(q) = ½ Σ_b ((A·u − x)_b/σ_b)² − Σ_j log(u_j(1 − u_j)), u = σ(q),
 * ∂U/∂q_j = Σ_b r_b/σ_b · A_bj · u_j(1 − u_j) + 2u_j − 1 with r = (A·u − x)/σ.
 */
import { describe, expect, it } from "vitest";
import { halfChiSquare, photometryPotential } from "../src/photometry-potential.js";

const A = [
  [1.0, 0.5, -0.2],
  [0.3, -1.2, 0.8],
  [2.0, 0.1, 0.4],
  [-0.7, 0.9, 1.5],
];
const x = [0.4, -0.1, 1.3, 0.6];
const sigma = [0.05, 0.1, 0.2, 0.08];
const forward = (u: Float64Array) =>
  Float64Array.from(A, (row) => row.reduce((s, a, j) => s + a * u[j], 0));

function exact(q: number[]) {
  const u = Float64Array.from(q, (v) => 1 / (1 + Math.exp(-v)));
  const f = forward(u);
  const r = f.map((v, b) => (v - x[b]) / sigma[b]);
  const value = halfChiSquare(f, x, sigma) - u.reduce((s, v) => s + Math.log(v * (1 - v)), 0);
  const grad = q.map((_, j) => {
    let g = 0;
    for (let b = 0; b < x.length; b++) g += (r[b] / sigma[b]) * A[b][j] * u[j] * (1 - u[j]);
    return g + 2 * u[j] - 1;
  });
  return { value, grad };
}

describe("photometryPotential", () => {
  for (const q of [
    [0.1, -0.4, 0.7],
    [2.5, -3.0, 0.0],
    [-8, 9, 1],
  ])
    it(`matches the closed form at q = ${q.join(", ")}`, () => {
      const e = exact(q);
      for (const scheme of ["central", "forward"] as const) {
        const p = photometryPotential(forward, x, sigma, { scheme });
        const grad = new Float64Array(3);
        const value = p.potential(Float64Array.from(q), grad);
        // the value is exact (same arithmetic up to rounding)
        expect(value).toBeCloseTo(e.value, 9);
        // central: O(h²) with h = 1e-5 plus rounding ~ eps·U/h; forward: O(h·U'') with h = 1e-6
        const tol = scheme === "central" ? 1e-5 : 1e-3;
        for (let j = 0; j < 3; j++)
          expect(Math.abs(grad[j] - e.grad[j])).toBeLessThan(tol * (1 + Math.abs(e.grad[j])));
        expect(p.calls()).toBe(scheme === "central" ? 7 : 4);
      }
    });

  it("marks a non-finite position or forward value as outside the support", () => {
    const p = photometryPotential(forward, x, sigma);
    expect(p.potential(Float64Array.from([Number.NaN, 0, 0]), new Float64Array(3))).toBeNaN();
    const bad = photometryPotential(() => Float64Array.from([Number.NaN, 0, 0, 0]), x, sigma);
    expect(bad.potential(Float64Array.from([0, 0, 0]), new Float64Array(3))).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
