import { Chi2, DistributionError, key } from "@sidereal/distributions";
import { compile, grad, sum, type Tensor, tensor } from "@sidereal/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EDSD, gamma3Quantile } from "../src/index.js";
import { edsdCases } from "./fixtures/reference.js";

/** Largest relative error |a - b| / |b| over two arrays (0 where both are equal). */
function maxRelErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    if (a[i] === b[i]) continue;
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]));
  }
  return worst;
}

describe("EDSD against scipy.stats.gamma(a=3, scale=L)", () => {
  for (const c of edsdCases) {
    const d = EDSD(c.L);
    it(`logProb, L = ${c.L}`, () => {
      // Closed form with a handful of roundings: 1e-13 relative.
      expect(maxRelErr(d.logProb(c.r).toArray(), c.logpdf)).toBeLessThan(1e-13);
    });
    it(`cdf, L = ${c.L}`, () => {
      // gammaincReg (series / continued fraction) to ~1e-15; 1e-13 relative (down to 1e-19).
      expect(maxRelErr(d.cdf(c.r).toArray(), c.cdf)).toBeLessThan(1e-13);
    });
    it(`icdf, L = ${c.L}`, () => {
      // Newton to a few ulp of the standardised quantile: 1e-13 relative (q from 1e-12 to 1 - 1e-9).
      expect(maxRelErr(d.icdf(c.q).toArray(), c.ppf)).toBeLessThan(1e-13);
    });
    it(`moments, entropy, mode, L = ${c.L}`, () => {
      expect(d.mean.item()).toBeCloseTo(c.mean, 12);
      expect(Math.abs(d.variance.item() / c.variance - 1)).toBeLessThan(1e-15);
      expect(Math.abs(d.entropy().item() - c.entropy)).toBeLessThan(1e-13);
      expect(d.mode.item()).toBe(2 * c.L);
    });
  }
});

describe("EDSD log-density", () => {
  it("is -Infinity for r <= 0 (with zero gradient) and NaN for NaN", () => {
    const d = EDSD(370);
    expect(Array.from(d.logProb([0, -5, Number.NaN]).toArray())).toEqual([
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
    const [gr] = grad((r: Tensor) => EDSD(370).logProb(r))(tensor(-3));
    expect(gr.item()).toBe(0);
  });

  it("has the analytic gradients 2/r - 1/L and r/L² - 3/L", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-3, max: 1e5, noNaN: true }),
        fc.double({ min: 1e-2, max: 1e4, noNaN: true }),
        (r, L) => {
          const [gr, gL] = grad((rr: Tensor, LL: Tensor) => EDSD(LL).logProb(rr))(
            tensor(r),
            tensor(L),
          );
          const er = 2 / r - 1 / L;
          const eL = r / (L * L) - 3 / L;
          expect(Math.abs(gr.item() - er)).toBeLessThanOrEqual(1e-12 * (2 / r + 1 / L));
          expect(Math.abs(gL.item() - eL)).toBeLessThanOrEqual(1e-12 * (r / (L * L) + 3 / L));
        },
      ),
      { numRuns: 100, seed: 20150901 },
    );
  });

  it("integrates to one (trapezoid on a fine grid)", () => {
    const L = 250;
    const n = 200000;
    const h = (60 * L) / n;
    const r = new Float64Array(n + 1).map((_, i) => i * h);
    const lp = EDSD(L).logProb(r).toArray();
    let s = 0;
    for (let i = 0; i <= n; i++) s += (i === 0 || i === n ? 0.5 : 1) * Math.exp(lp[i]);
    expect(Math.abs(s * h - 1)).toBeLessThan(1e-8);
  });

  it("is traceable by compile and gives the same values", () => {
    const f = (r: Tensor, L: Tensor) => sum(EDSD(L).logProb(r));
    const r = tensor([10, 500, 1200]);
    const c = compile(f, [r, tensor(370)]);
    expect(Math.abs(c.value(r, tensor(420)).item() - f(r, tensor(420)).item())).toBeLessThan(1e-10);
  });

  it("broadcasts a batch of L", () => {
    const d = EDSD([100, 1000]);
    expect(d.batchShape).toEqual([2]);
    expect(d.logProb(tensor([[50], [2000]])).shape).toEqual([2, 2]);
    expect(Array.from(d.mean.toArray())).toEqual([300, 3000]);
  });
});

describe("EDSD cdf and icdf", () => {
  it("cdf is 0 at r <= 0 and 1 at +Infinity; d cdf / dr is the density", () => {
    const d = EDSD(370);
    expect(Array.from(d.cdf([-1, 0, Number.POSITIVE_INFINITY]).toArray())).toEqual([0, 0, 1]);
    for (const r of [10, 400, 2000]) {
      const [g] = grad((x: Tensor) => EDSD(370).cdf(x))(tensor(r));
      expect(Math.abs(g.item() / Math.exp(d.logProb(r).item()) - 1)).toBeLessThan(1e-12);
    }
  });

  it("icdf edges: 0, +Infinity and NaN outside [0, 1]", () => {
    const out = Array.from(EDSD(2).icdf([0, 1, -0.1, 1.5, Number.NaN]).toArray());
    expect(out).toEqual([0, Number.POSITIVE_INFINITY, Number.NaN, Number.NaN, Number.NaN]);
  });

  it("icdf inverts cdf (fast-check, relative 1e-12 in q)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-300, max: 1, noNaN: true, maxExcluded: true }),
        fc.double({ min: 1e-3, max: 1e4, noNaN: true }),
        (q, L) => {
          const d = EDSD(L);
          const r = d.icdf(q).item();
          const back = q <= 0.5 ? d.cdf(r).item() : 1 - d.cdf(r).item();
          const target = q <= 0.5 ? q : 1 - q;
          // Upper tail: 1 - cdf loses relative precision below ~1e-4; compare absolutely there.
          const tol = q <= 0.5 ? 1e-12 * target : 1e-15 + 1e-12 * target;
          expect(Math.abs(back - target)).toBeLessThanOrEqual(tol);
        },
      ),
      { numRuns: 200, seed: 3 },
    );
  });

  it("icdf is differentiable: dr/dq = 1/p(r), dr/dL = r/L", () => {
    const L = 370;
    const q = 0.3;
    const [gq, gL] = grad((qq: Tensor, LL: Tensor) => EDSD(LL).icdf(qq))(tensor(q), tensor(L));
    const r = EDSD(L).icdf(q).item();
    const p = Math.exp(EDSD(L).logProb(r).item());
    expect(Math.abs(gq.item() * p - 1)).toBeLessThan(1e-12);
    expect(Math.abs(gL.item() - r / L)).toBeLessThan(1e-12);
  });

  it("gamma3Quantile converges in the far tails", () => {
    // Lower tail: P(3, x) ≈ x³/6, so q = 1e-300 gives x ≈ (6e-300)^(1/3).
    expect(Math.abs(gamma3Quantile(1e-300) / Math.cbrt(6e-300) - 1)).toBeLessThan(1e-12);
    // Upper tail: Q(3, x) = e^{-x}(1 + x + x²/2) exactly; check at q = 1 - 2^-52.
    const x = gamma3Quantile(1 - 2 ** -52);
    const Q = Math.exp(-x) * (1 + x + 0.5 * x * x);
    expect(Math.abs(Q / 2 ** -52 - 1)).toBeLessThan(1e-12);
  });
});

describe("EDSD sampling", () => {
  it("equals Chi2(6) scaled by L/2 for the same key (the seed's construction)", () => {
    const L = 370;
    const a = EDSD(L).sample(key(4), [1000]).toArray();
    const b = Chi2(6).sample(key(4), [1000]).toArray();
    for (let i = 0; i < a.length; i++) expect(a[i]).toBe(0.5 * L * b[i]);
  });

  it("matches the moments and the cdf (fixed key, 100k draws)", () => {
    const L = 370;
    const n = 100000;
    const s = Float64Array.from(EDSD(L).sample(key(0), [n]).toArray()).sort();
    const m = s.reduce((a, v) => a + v, 0) / n;
    const v = s.reduce((a, x) => a + (x - m) ** 2, 0) / (n - 1);
    // Standard errors: sd(mean) = √3 L/√n ≈ 2.0; sd(var) ≈ √((μ4 - σ⁴)/n) = √(42) · L²/√n.
    expect(Math.abs(m - 3 * L) / ((Math.sqrt(3) * L) / Math.sqrt(n))).toBeLessThan(4);
    expect(Math.abs(v - 3 * L * L) / ((Math.sqrt(42) * L * L) / Math.sqrt(n))).toBeLessThan(4);
    // Kolmogorov–Smirnov distance against the cdf; the 0.1 % critical value is 1.95/√n.
    const F = EDSD(L).cdf(s).toArray();
    let ks = 0;
    for (let i = 0; i < n; i++) ks = Math.max(ks, Math.abs(F[i] - (i + 0.5) / n) + 0.5 / n);
    expect(ks).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("has shape sampleShape + batchShape and is reparameterised in L", () => {
    const d = EDSD([100, 200, 300]);
    expect(d.hasRsample).toBe(true);
    expect(d.sample(key(1), [4]).shape).toEqual([4, 3]);
    const draws = EDSD(1).sample(key(9), [5]).toArray();
    const [g] = grad((L: Tensor) => sum(EDSD(L).sample(key(9), [5])))(tensor(2));
    expect(Math.abs(g.item() - draws.reduce((a, x) => a + x, 0))).toBeLessThan(1e-12);
  });
});

describe("EDSD parameter validation", () => {
  it("throws a DistributionError naming L for L <= 0 or infinite L", () => {
    for (const bad of [0, -1, Number.POSITIVE_INFINITY]) {
      let err: unknown;
      try {
        EDSD(bad);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(DistributionError);
      expect((err as DistributionError)._tag).toBe("DistributionError");
      expect((err as DistributionError).parameter).toBe("L");
    }
    expect(() => EDSD(-1, { validate: false })).not.toThrow();
  });
});
