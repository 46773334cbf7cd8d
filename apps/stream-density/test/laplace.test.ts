import { describe, expect, it } from "vitest";
import { finiteDifferenceHessian, inverseDiagonal } from "../src/laplace.js";

// U(q) = ½ qᵀ A q with A symmetric positive definite: ∇U = A q, ∇²U = A.
const A = Float64Array.from([4, 1, 0.5, 1, 3, 0.2, 0.5, 0.2, 2]);
const quadratic = (q: Float64Array, g: Float64Array) => {
  let u = 0;
  for (let i = 0; i < 3; i++) {
    g[i] = 0;
    for (let j = 0; j < 3; j++) g[i] += A[i * 3 + j] * q[j];
    u += 0.5 * q[i] * g[i];
  }
  return u;
};

describe("Laplace starting metric", () => {
  it("finite-difference Hessian of a quadratic is its matrix (exact up to rounding, 1e-9)", () => {
    const h = finiteDifferenceHessian(quadratic, Float64Array.from([0.3, -2, 5]));
    h.forEach((v, k) => {
      expect(Math.abs(v - A[k])).toBeLessThan(1e-9);
    });
  });

  it("diag(H⁻¹) by Cholesky equals the 2×2 closed form [c, a] / (ac − b²) and the 3×3 cofactors", () => {
    const d2 = inverseDiagonal(Float64Array.from([2, 0.6, 0.6, 0.5]), 2);
    const det2 = 2 * 0.5 - 0.36;
    expect(d2?.[0]).toBeCloseTo(0.5 / det2, 14);
    expect(d2?.[1]).toBeCloseTo(2 / det2, 14);
    // 3×3: (A⁻¹)_ii = cofactor_ii / det(A)
    const det = 4 * (3 * 2 - 0.2 * 0.2) - 1 * (1 * 2 - 0.2 * 0.5) + 0.5 * (1 * 0.2 - 3 * 0.5);
    const cof = [3 * 2 - 0.04, 4 * 2 - 0.25, 4 * 3 - 1];
    const d3 = inverseDiagonal(A, 3);
    cof.forEach((c, i) => {
      expect(d3?.[i]).toBeCloseTo(c / det, 14);
    });
  });

  it("returns null for a matrix that is not positive definite", () => {
    expect(inverseDiagonal(Float64Array.from([1, 2, 2, 1]), 2)).toBeNull();
    expect(inverseDiagonal(Float64Array.from([Number.NaN, 0, 0, 1]), 2)).toBeNull();
    expect(() => inverseDiagonal(Float64Array.from([1, 2, 3]), 2)).toThrow(RangeError);
  });
});
