import { describe, expect, it } from "vitest";
import {
  beta,
  dirichlet,
  exponential,
  gamma,
  gumbel,
  key,
  loggamma,
  ndtri,
  normal,
  uniform,
} from "../../src/random/index.js";
import { betaI, gammaP, ksTest, moments, normalCdf } from "./stats.js";

// Every test uses a fixed key, so the statistics below are deterministic. Tolerances: means and
// variances within 5 standard errors (SE of the variance from the sample 4th moment), and a
// one-sample Kolmogorov–Smirnov test with asymptotic p-value > 0.001 (for n = 1e5 that is
// D < ~0.0062; the observed D values are of order 0.001-0.003).

const N = 100_000;

function expectMoments(x: ArrayLike<number>, mean: number, variance: number): void {
  const m = moments(x);
  expect(Math.abs(m.mean - mean)).toBeLessThan(5 * m.seMean);
  expect(Math.abs(m.variance - variance)).toBeLessThan(5 * m.seVariance);
}

function expectKs(x: Float64Array, cdf: (v: number) => number): void {
  const { d, p } = ksTest(x, cdf);
  expect(d).toBeGreaterThan(0);
  expect(p).toBeGreaterThan(0.001);
}

describe("uniform", () => {
  const u = uniform(key(101), [N]);
  it("lies in [0, 1) on the 2^-52 grid", () => {
    for (const v of u) {
      expect(v >= 0 && v < 1).toBe(true);
      expect(Number.isInteger(v * 2 ** 52)).toBe(true);
    }
  });
  it("has mean 1/2, variance 1/12 and passes KS", () => {
    expectMoments(u, 0.5, 1 / 12);
    expectKs(u, (v) => Math.min(Math.max(v, 0), 1));
  });
  it("respects minval/maxval", () => {
    const x = uniform(key(102), [N], -3, 5);
    for (const v of x) expect(v >= -3 && v < 5).toBe(true);
    expectMoments(x, 1, 64 / 12);
    expectKs(x, (v) => Math.min(Math.max((v + 3) / 8, 0), 1));
  });
  it("has shape semantics: length is the product of the shape", () => {
    expect(uniform(key(1), []).length).toBe(1);
    expect(uniform(key(1), [2, 0, 3]).length).toBe(0);
    expect(uniform(key(1), [2, 3, 4]).length).toBe(24);
    expect(() => uniform(key(1), [-1])).toThrow(RangeError);
    expect(() => uniform(key(1), [1.5])).toThrow(RangeError);
  });
});

describe("normal", () => {
  const z = normal(key(201), [N]);
  it("has mean 0, variance 1 and passes KS", () => {
    expectMoments(z, 0, 1);
    expectKs(z, normalCdf);
  });
  it("has the expected tail frequency and bounded range", () => {
    let beyond3 = 0;
    for (const v of z) {
      expect(Number.isFinite(v) && Math.abs(v) < 8.3).toBe(true);
      if (Math.abs(v) > 3) beyond3++;
    }
    const p3 = 2 * normalCdf(-3);
    expect(Math.abs(beyond3 - N * p3)).toBeLessThan(5 * Math.sqrt(N * p3));
  });
  it("ndtri inverts the normal CDF", () => {
    for (const p of [1e-300, 1e-20, 1e-5, 0.02, 0.3, 0.5, 0.7, 0.975, 1 - 1e-12]) {
      // Compare in the tail that carries the precision: Phi(-|x|) = min(p, 1 - p).
      const x = ndtri(p);
      const tail = Math.min(p, 1 - p);
      expect(Math.abs(normalCdf(-Math.abs(x)) - tail) / tail).toBeLessThan(1e-9);
    }
    expect(ndtri(0.5)).toBe(0);
    expect(ndtri(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(ndtri(1)).toBe(Number.POSITIVE_INFINITY);
    expect(ndtri(1.5)).toBeNaN();
  });
});

describe("exponential and gumbel", () => {
  it("exponential has mean 1, variance 1 and passes KS", () => {
    const x = exponential(key(301), [N]);
    for (const v of x) expect(v >= 0).toBe(true);
    expectMoments(x, 1, 1);
    expectKs(x, (v) => (v <= 0 ? 0 : -Math.expm1(-v)));
  });
  it("gumbel has mean gamma_E, variance pi^2/6 and passes KS", () => {
    const x = gumbel(key(302), [N]);
    expectMoments(x, 0.5772156649015329, Math.PI ** 2 / 6);
    expectKs(x, (v) => Math.exp(-Math.exp(-v)));
  });
});

describe("gamma", () => {
  for (const [alpha, seed] of [
    [0.3, 401],
    [1, 402],
    [5.5, 403],
  ] as const) {
    it(`alpha = ${alpha}: mean = var = alpha and passes KS`, () => {
      const x = gamma(key(seed), alpha, [N / 2]);
      for (const v of x) expect(v >= 0 && Number.isFinite(v)).toBe(true);
      expectMoments(x, alpha, alpha);
      expectKs(x, (v) => gammaP(alpha, v));
    });
  }
  it("accepts per-element shapes", () => {
    const n = 60_000;
    const alpha = Float64Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 0.5 : 8));
    const x = gamma(key(404), alpha, [n]);
    const even = x.filter((_, i) => i % 2 === 0);
    const odd = x.filter((_, i) => i % 2 === 1);
    expectKs(even, (v) => gammaP(0.5, v));
    expectKs(odd, (v) => gammaP(8, v));
  });
  it("loggamma stays finite for tiny alpha and has the right distribution", () => {
    const lx = loggamma(key(405), 0.01, [N / 2]);
    for (const v of lx) expect(Number.isFinite(v)).toBe(true);
    // P(log X <= t) = P(0.01, e^t).
    expectKs(lx, (t) => gammaP(0.01, Math.exp(t)));
  });
  it("rejects invalid shapes", () => {
    expect(() => gamma(key(1), 0, [3])).toThrow(RangeError);
    expect(() => gamma(key(1), Number.NaN, [3])).toThrow(RangeError);
    expect(() => gamma(key(1), Float64Array.of(1, 2), [3])).toThrow(RangeError);
  });
});

describe("beta", () => {
  for (const [a, b, seed] of [
    [2, 5, 501],
    [0.5, 0.5, 502],
    [0.05, 3, 503],
  ] as const) {
    it(`Beta(${a}, ${b}): mean, variance and KS`, () => {
      const x = beta(key(seed), a, b, [N / 2]);
      for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
      const mean = a / (a + b);
      expectMoments(x, mean, (mean * (1 - mean)) / (a + b + 1));
      expectKs(x, (v) => betaI(a, b, v));
    });
  }
});

describe("dirichlet", () => {
  const alpha = Float64Array.of(0.5, 2, 3.5);
  const a0 = 6;
  const rows = 50_000;
  const x = dirichlet(key(601), alpha, [rows]);
  it("has shape [...shape, K] and rows on the simplex", () => {
    expect(x.length).toBe(rows * 3);
    expect(dirichlet(key(1), alpha, [2, 5]).length).toBe(30);
    for (let r = 0; r < rows; r++) {
      const s = x[3 * r]! + x[3 * r + 1]! + x[3 * r + 2]!;
      expect(Math.abs(s - 1)).toBeLessThan(1e-12);
    }
  });
  it("has Beta(alpha_j, alpha_0 - alpha_j) marginals (moments and KS)", () => {
    for (let j = 0; j < 3; j++) {
      const aj = alpha[j]!;
      const m = new Float64Array(rows);
      for (let r = 0; r < rows; r++) m[r] = x[3 * r + j]!;
      const mean = aj / a0;
      expectMoments(m, mean, (mean * (1 - mean)) / (a0 + 1));
      expectKs(m, (v) => betaI(aj, a0 - aj, v));
    }
  });
  it("handles tiny concentrations without NaN", () => {
    const y = dirichlet(key(602), Float64Array.of(0.001, 0.001), [1000]);
    for (const v of y) expect(v >= 0 && v <= 1).toBe(true);
  });
});
