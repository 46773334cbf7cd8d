/**
 * Dirichlet and LKJCholesky.
 *
 * Dirichlet: logProb against scipy.stats.dirichlet at 1e-12 relative; mean/variance
 * against scipy; Monte Carlo normalisation (importance sampling from the uniform
 * Dirichlet, 5 standard errors); sample moments; gradient in concentration vs central
 * differences (1e-7: h = 1e-6 central differences have ~1e-9 truncation + rounding error).
 *
 * LKJCholesky: for K = 2 the correlation r = L₁₀ must have density
 * (1-r²)^(η-1)/(2^(2η-1) B(η,η)); the normaliser is checked against scipy's betaln and
 * the density integrated over r; for K = 3 the density is integrated numerically over the
 * three free coordinates (midpoint rule, tolerance 2e-3 from the quadrature error).
 * Onion samples: marginal correlations Cᵢⱼ ~ Beta(η-1+K/2, η-1+K/2) on (-1, 1), so
 * Var Cᵢⱼ = 1/(2η + K - 1).
 */
import { exp, grad, sum, type Tensor, tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import { Dirichlet, LKJCholesky } from "../../src/multivariate/index.js";
import { key } from "../../src/random/index.js";
import { ref } from "./fixtures/reference.js";
import { expectRel, finiteDiff, flat, moments } from "./helpers.js";

const NEG_INF = Number.NEGATIVE_INFINITY;

describe("Dirichlet", () => {
  const { alpha, x, logpdf } = ref.dirichlet;
  it("logProb, mean and variance match scipy.stats.dirichlet", () => {
    const d = Dirichlet(alpha);
    expectRel(d.logProb(tensor(flat(x), [4, 3])), logpdf, 1e-12);
    expectRel(d.mean, ref.dirichlet.mean, 1e-15);
    expectRel(d.variance, ref.dirichlet.var, 1e-14);
  });
  it("-Infinity off the simplex; batches broadcast", () => {
    const d = Dirichlet(tensor([...alpha, 1, 1, 1], [2, 3]));
    expect(d.batchShape).toEqual([2]);
    expect(d.logProb(tensor([0.5, 0.6, -0.1])).toArray()).toEqual(
      Float64Array.of(NEG_INF, NEG_INF),
    );
    expect(d.logProb(tensor([0.2, 0.2, 0.2])).toArray()).toEqual(Float64Array.of(NEG_INF, NEG_INF));
    expect(d.logProb(tensor([0.2, 0.3, 0.5])).toArray()[1]).toBeCloseTo(Math.log(2), 14);
    expect(() => Dirichlet([1, 0, 2])).toThrow(/Dirichlet.*concentration.*0/);
  });
  it("integrates to 1 (importance sampling from the uniform Dirichlet, 5 SE)", () => {
    const p = Dirichlet([1.5, 2.5, 4]);
    const n = 20000;
    const u = Dirichlet([1, 1, 1]).sample(key(7), [n]);
    const w = exp(p.logProb(u))
      .toArray()
      .map((v) => v / 2);
    const { mean: m, variance: v } = moments(w, n);
    expect(Math.abs(m[0] - 1)).toBeLessThanOrEqual(5 * Math.sqrt(v[0] / n));
  });
  it("samples lie on the simplex with the right moments", () => {
    const d = Dirichlet(tensor(alpha));
    const n = 20000;
    const s = d.sample(key(8), [n]);
    expect(s.shape).toEqual([n, 3]);
    const { mean: m, variance: v } = moments(s.toArray(), n);
    const mu = d.mean.toArray();
    const sig2 = d.variance.toArray();
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(m[i] - mu[i])).toBeLessThanOrEqual(5 * Math.sqrt(sig2[i] / n));
      expect(Math.abs(v[i] - sig2[i])).toBeLessThanOrEqual(5 * sig2[i] * Math.sqrt(3 / n));
    }
    const rs = sum(s, -1).toArray();
    expect(rs.every((r) => Math.abs(r - 1) < 1e-12)).toBe(true);
  });
  it("gradient in concentration matches central differences", () => {
    const xv = tensor(flat(x), [4, 3]);
    const f = (a: Tensor) => sum(Dirichlet(a).logProb(xv));
    const [g] = grad(f)(tensor(alpha));
    expectRel(
      g,
      finiteDiff((v) => f(tensor(v)).item(), alpha),
      1e-7,
    );
  });
});

/** L for K = 2 with L₁₀ = r. */
const chol2 = (r: number) => [1, 0, r, Math.sqrt(1 - r * r)];

describe("LKJCholesky", () => {
  it("K = 2: logProb(L(r)) = (η-1) log(1-r²) - log(2^(2η-1) B(η,η))", () => {
    const { eta, logNorm } = ref.lkj2;
    const rs = [-0.95, -0.5, 0, 0.3, 0.8];
    for (let i = 0; i < eta.length; i++) {
      const d = LKJCholesky(2, eta[i]);
      const lp = d.logProb(tensor(rs.flatMap(chol2), [rs.length, 2, 2]));
      const expected = rs.map((r) => (eta[i] - 1) * Math.log1p(-r * r) - logNorm[i]);
      expectRel(lp, expected, 1e-13);
    }
  });
  it("K = 2: the logProb-derived density of r integrates to 1", () => {
    for (const eta of [1, 2, 7.5]) {
      const n = 20000;
      const rs = Array.from({ length: n }, (_, j) => -1 + (2 * (j + 0.5)) / n);
      const lp = LKJCholesky(2, eta).logProb(tensor(rs.flatMap(chol2), [n, 2, 2]));
      const integral = sum(exp(lp)).item() * (2 / n);
      expect(Math.abs(integral - 1)).toBeLessThan(1e-6);
    }
  });
  it("K = 3: density over the strictly-lower entries integrates to 1", () => {
    const eta = 1.7;
    const d = LKJCholesky(3, eta);
    const nx = 100;
    const nr = 100;
    const nt = 4; // the density does not depend on the angle
    let total = 0;
    // x = L10 ∈ (-1, 1); (L20, L21) = ρ(cos θ, sin θ) in the unit disk
    const vals: number[] = [];
    const wts: number[] = [];
    for (let a = 0; a < nx; a++) {
      const x10 = -1 + (2 * (a + 0.5)) / nx;
      for (let b = 0; b < nr; b++) {
        const rho = (b + 0.5) / nr;
        for (let c = 0; c < nt; c++) {
          const th = (2 * Math.PI * (c + 0.5)) / nt;
          const l20 = rho * Math.cos(th);
          const l21 = rho * Math.sin(th);
          vals.push(1, 0, 0, x10, Math.sqrt(1 - x10 * x10), 0, l20, l21, Math.sqrt(1 - rho * rho));
          wts.push((2 / nx) * (1 / nr) * ((2 * Math.PI) / nt) * rho);
        }
      }
    }
    const p = exp(d.logProb(tensor(vals, [wts.length, 3, 3]))).toArray();
    for (let i = 0; i < wts.length; i++) total += p[i] * wts[i];
    expect(Math.abs(total - 1)).toBeLessThan(2e-3);
  });
  it("-Infinity for matrices that are not correlation Cholesky factors", () => {
    const d = LKJCholesky(2, 2);
    expect(d.logProb(tensor([1, 0, 0.5, 0.5], [2, 2])).item()).toBe(NEG_INF);
    expect(d.logProb(tensor([1, 0.1, 0, 1], [2, 2])).item()).toBe(NEG_INF);
    expect(() => LKJCholesky(1, 1)).toThrow(/dimension/);
    expect(() => LKJCholesky(3, -1)).toThrow(/LKJCholesky.*concentration.*-1/);
  });
  it("onion samples are correlation factors with Var Cᵢⱼ = 1/(2η + K - 1)", () => {
    for (const [K, eta] of [
      [2, 2.5],
      [4, 1.0],
    ] as const) {
      const n = 20000;
      const s = LKJCholesky(K, eta).sample(key(13), [n]);
      expect(s.shape).toEqual([n, K, K]);
      const l = s.toArray();
      const c = new Float64Array(n);
      for (let j = 0; j < n; j++) {
        // C[K-1][K-2] = Σ_m L[K-1][m] L[K-2][m]
        let acc = 0;
        for (let m = 0; m < K; m++)
          acc += l[j * K * K + (K - 1) * K + m] * l[j * K * K + (K - 2) * K + m];
        c[j] = acc;
      }
      const target = 1 / (2 * eta + K - 1);
      const { mean: m, variance: v } = moments(c, n);
      expect(Math.abs(m[0])).toBeLessThanOrEqual(5 * Math.sqrt(target / n));
      // Beta(β,β) on (-1,1): excess kurtosis -6/(2β+3); se(var) ≤ var √(2/n)
      expect(Math.abs(v[0] - target)).toBeLessThanOrEqual(5 * target * Math.sqrt(2 / n));
      const inSupport = LKJCholesky(K, eta).support.check(s).toArray();
      expect(inSupport.every((b) => b === 1)).toBe(true);
    }
  });
  it("logProb is differentiable in the concentration", () => {
    const L = tensor(chol2(0.4), [2, 2]);
    const f = (e: Tensor) => LKJCholesky(2, e).logProb(L);
    const [g] = grad(f)(tensor(2.0));
    expectRel(
      g,
      finiteDiff((v) => f(tensor(v[0])).item(), [2.0]),
      1e-7,
    );
  });
});
