import { essMean, mcmc, mcseMean, Predictive } from "@sidereal/autodiff-samplers";
import { key } from "@sidereal/distributions";
import { describe, expect, it } from "vitest";
import { DistanceError, singleStarDistance, singleStarModel } from "../src/index.js";
import { singleStarReference } from "./fixtures/single-star-reference.js";

function sortedQuantile(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

describe("singleStarDistance (quadrature)", () => {
  it("matches scipy quad/brentq on seven stars", () => {
    // Reference: test/fixtures/single_star_reference.py (adaptive Gauss–Kronrod at
    // epsrel 1e-13, brentq quantiles, numpy cubic roots). Tolerance 1e-6 relative: the
    // trapezoid rule on 20,001 points has an error of ~1e-8 of the posterior width;
    // measured max relative difference 1.2e-8 (q16 of the seed's star).
    for (const c of singleStarReference) {
      const d = singleStarDistance(c.plx, c.err, { L: c.L, zp: c.zp });
      const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
      expect(rel(d.mode, c.mode)).toBeLessThan(1e-9);
      expect(rel(d.median, c.median)).toBeLessThan(1e-6);
      expect(rel(d.q16, c.q16)).toBeLessThan(1e-6);
      expect(rel(d.q84, c.q84)).toBeLessThan(1e-6);
      expect(rel(d.quantile(0.025), c.q025)).toBeLessThan(1e-6);
      expect(rel(d.mean, c.mean)).toBeLessThan(1e-6);
      expect(rel(d.sd, c.sd)).toBeLessThan(1e-6);
      expect(rel(d.pdf(c.mode), c.pdfAtMode)).toBeLessThan(1e-6);
    }
  });

  it("uses the seed's defaults L = 370 pc and zp = 0", () => {
    const c = singleStarReference[0];
    expect(singleStarDistance(c.plx, c.err).median).toBeCloseTo(c.median, 4);
  });

  it("rejects inputs without a posterior with a DistanceError naming the input", () => {
    const bad: [number, number, { L?: number; zp?: number }, string][] = [
      [Number.NaN, 0.1, {}, "plx"],
      [0.5, 0, {}, "plxErr"],
      [0.5, -1, {}, "plxErr"],
      [0.5, 0.1, { L: 0 }, "L"],
      [0.5, 0.1, { L: Number.POSITIVE_INFINITY }, "L"],
      [0.5, 0.1, { zp: Number.NaN }, "zp"],
    ];
    for (const [plx, err, opts, name] of bad) {
      try {
        singleStarDistance(plx, err, opts);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(DistanceError);
        expect((e as DistanceError)._tag).toBe("DistanceError");
        expect((e as DistanceError).parameter).toBe(name);
      }
    }
    expect(() => singleStarDistance(0.5, 0.1).quantile(1)).toThrow(/invalid p/);
  });
});

describe("singleStarModel (PPL) against the quadrature", () => {
  it("NUTS quantiles agree with the quadrature within 4 MCSE", () => {
    const c = singleStarReference[0]; // the seed's low-S/N star
    const res = mcmc(
      singleStarModel,
      { parallax: c.plx, parallaxError: c.err, L: c.L, zeroPoint: c.zp },
      { numWarmup: 500, numSamples: 2000, numChains: 2, seed: 5 },
    );
    expect(Object.keys(res.samples)).toEqual(["normed", "r"]);
    const r = res.samples.r.draws;
    const q = singleStarDistance(c.plx, c.err, { L: c.L, zp: c.zp });
    const sorted = Float64Array.from(r).sort();
    // MCSE of a quantile (Vehtari et al. 2021, Bayesian Analysis 16, 667, Sec. 4.3 in its
    // asymptotic form): sqrt(p(1-p) / ESS(I[r ≤ q_p])) / pdf(q_p), with the exact pdf.
    for (const [p, exact] of [
      [0.16, q.q16],
      [0.5, q.median],
      [0.84, q.q84],
    ] as const) {
      const indicator = Float64Array.from(r, (v) => (v <= exact ? 1 : 0));
      const se = Math.sqrt((p * (1 - p)) / essMean(indicator, 2)) / q.pdf(exact);
      expect(Math.abs(sortedQuantile(sorted, p) - exact)).toBeLessThan(4 * se);
    }
    let mean = 0;
    for (const v of r) mean += v / r.length;
    expect(Math.abs(mean - q.mean)).toBeLessThan(4 * mcseMean(r, 2));
  });

  it("prior predictive draws of r follow the EDSD prior", () => {
    const draws = Predictive(singleStarModel, { numSamples: 4000 })(key(4), {
      parallaxError: 0.5,
    });
    expect(Object.keys(draws)).toEqual(["normed", "r", "plx"]);
    let mean = 0;
    for (const v of draws.r.toArray()) mean += v / 4000;
    // EDSD mean 3L = 1110 pc, sd √3 L = 641 pc: 4 standard errors = 40.5 pc
    expect(Math.abs(mean - 1110)).toBeLessThan(40.5);
    expect(draws.plx.shape).toEqual([4000]);
  });
});
