import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  besselI0e,
  besselI0eDeriv,
  besselI1e,
  besselI1eDeriv,
  betaln,
  betalnDerivA,
  betalnDerivB,
  digamma,
  erf,
  erfcx,
  erfcxDeriv,
  erfDeriv,
  erfinv,
  erfinvDeriv,
  gammaincCReg,
  gammaincReg,
  gammaincRegDerivA,
  gammaincRegDerivX,
  lgamma,
  log1mexp,
  log1mexpDeriv,
  logNdtr,
  logNdtrDeriv,
  ndtr,
  ndtri,
  ndtriDeriv,
  normalPdf,
  trigamma,
  voigtProfile,
  voigtProfileGrad,
} from "../../src/special/index.js";

/**
 * Central differences with h = 1e-5·max(1, |x|): truncation O(h²·f''') plus rounding
 * O(ε·|f|/h), so the stated tolerance is 1e-6 relative to max(|f'|, |f|/scale).
 */
function centralDiff(f: (x: number) => number, x: number, h: number): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
const TOL = 1e-6;
function fivePoint(f: (x: number) => number, x: number, h: number): number {
  return (f(x - 2 * h) - 8 * f(x - h) + 8 * f(x + h) - f(x + 2 * h)) / (12 * h);
}
const runs = { numRuns: 200 };
const real = (min: number, max: number) =>
  fc.double({ min, max, noNaN: true, noDefaultInfinity: true });

function checks(
  f: (x: number) => number,
  df: (x: number) => number,
  min: number,
  max: number,
): void {
  fc.assert(
    fc.property(real(min, max), (x) => {
      const h = 1e-5 * Math.max(1, Math.abs(x));
      const fd = centralDiff(f, x, h);
      const d = df(x);
      const scale = Math.max(Math.abs(d), Math.abs(f(x)) / Math.max(1, Math.abs(x)), 1e-300);
      return Math.abs(fd - d) <= TOL * scale;
    }),
    runs,
  );
}

describe("derivatives vs central finite differences (tol 1e-6 relative)", () => {
  test("lgamma' = digamma", () => checks(lgamma, digamma, 0.05, 500));
  test("digamma' = trigamma", () => checks(digamma, trigamma, 0.05, 500));
  test("erf' = erfDeriv", () => checks(erf, erfDeriv, -5, 5));
  test("ndtr' = normalPdf", () => checks(ndtr, normalPdf, -8, 8));
  test("erfcx' = erfcxDeriv", () => checks(erfcx, erfcxDeriv, -5, 1e4));
  test("erfinv' = erfinvDeriv", () => checks(erfinv, erfinvDeriv, -0.99, 0.99));
  test("ndtri' = ndtriDeriv", () => checks(ndtri, ndtriDeriv, 0.01, 0.99));
  test("logNdtr' = logNdtrDeriv", () => checks(logNdtr, logNdtrDeriv, -200, 10));
  test("log1mexp' = log1mexpDeriv", () => checks(log1mexp, log1mexpDeriv, -50, -0.01));
  test("besselI0e' (x ≠ 0)", () => checks(besselI0e, besselI0eDeriv, 0.01, 1e3));
  test("besselI0e' odd", () => checks(besselI0e, besselI0eDeriv, -1e3, -0.01));
  // I1e has a jump in its second derivative at 0 (e^{-|x|}), so FD stays away from it.
  test("besselI1e'", () => checks(besselI1e, besselI1eDeriv, 0.01, 1e3));
  test("besselI1e' even", () => checks(besselI1e, besselI1eDeriv, -1e3, -0.01));
  test("besselI1eDeriv(0) = 1/2, besselI0eDeriv(0) = 0", () => {
    expect(besselI1eDeriv(0)).toBe(0.5);
    expect(besselI0eDeriv(0)).toBe(0);
  });
  test("betaln partials", () => {
    fc.assert(
      fc.property(real(0.05, 1e3), real(0.05, 1e3), (a, b) => {
        const ha = 1e-5 * a;
        const hb = 1e-5 * b;
        const fa = (betaln(a + ha, b) - betaln(a - ha, b)) / (2 * ha);
        const fb = (betaln(a, b + hb) - betaln(a, b - hb)) / (2 * hb);
        const s = Math.abs(betaln(a, b)) + 1;
        return (
          Math.abs(fa - betalnDerivA(a, b)) <= TOL * Math.max(Math.abs(fa), s / a) &&
          Math.abs(fb - betalnDerivB(a, b)) <= TOL * Math.max(Math.abs(fb), s / b)
        );
      }),
      runs,
    );
  });
  test("gammaincReg partials in x and a", () => {
    fc.assert(
      fc.property(real(0.1, 200), real(0.01, 400), (a, x) => {
        const hx = 1e-5 * x;
        const ha = 1e-5 * a;
        // difference whichever of P, Q = 1 - P is small, so FD does not lose digits near P = 1
        const sgn = x < a ? 1 : -1;
        const f = x < a ? gammaincReg : gammaincCReg;
        const fx = (sgn * (f(a, x + hx) - f(a, x - hx))) / (2 * hx);
        const fa = (sgn * (f(a + ha, x) - f(a - ha, x))) / (2 * ha);
        const dx = gammaincRegDerivX(a, x);
        const da = gammaincRegDerivA(a, x);
        return (
          Math.abs(fx - dx) <= TOL * Math.abs(dx) + 1e-12 / x &&
          Math.abs(fa - da) <= TOL * Math.abs(da) + 1e-12 / a
        );
      }),
      runs,
    );
  });
});

describe("voigtProfileGrad", () => {
  test("value matches voigtProfile and slopes match central differences", () => {
    fc.assert(
      fc.property(real(-20, 20), real(0.05, 5), real(0, 5), (x, sigma, gamma) => {
        const g = voigtProfileGrad(x, sigma, gamma);
        const v = voigtProfile(x, sigma, gamma);
        if (Math.abs(g.value - v) > 1e-14 * v) return false;
        const h = 1e-5;
        const fdx =
          (voigtProfile(x + h, sigma, gamma) - voigtProfile(x - h, sigma, gamma)) / (2 * h);
        const hs = h * sigma;
        const fds =
          (voigtProfile(x, sigma + hs, gamma) - voigtProfile(x, sigma - hs, gamma)) / (2 * hs);
        const scale = v / sigma + 1e-12;
        const ok = (a: number, b: number) => Math.abs(a - b) <= TOL * Math.max(Math.abs(b), scale);
        let okGamma = true;
        if (gamma > 0.01) {
          const fdg = fivePoint((t) => voigtProfile(x, sigma, t), gamma, 1e-3 * gamma);
          okGamma = ok(g.dgamma, fdg);
        }
        return ok(g.dx, fdx) && ok(g.dsigma, fds) && okGamma;
      }),
      runs,
    );
  });
  test("limits: Lorentzian at sigma = 0, Gaussian at gamma = 0", () => {
    const l = voigtProfileGrad(0.7, 0, 1.3);
    const q = 0.7 ** 2 + 1.3 ** 2;
    expect(l.value).toBeCloseTo(1.3 / (Math.PI * q), 15);
    expect(l.dsigma).toBe(0);
    const g = voigtProfileGrad(0.7, 1.2, 0);
    const gauss = Math.exp(-(0.7 ** 2) / (2 * 1.44)) / (1.2 * Math.sqrt(2 * Math.PI));
    expect(Math.abs(g.value - gauss)).toBeLessThan(1e-16);
    expect(Math.abs(g.dx - (-0.7 / 1.44) * gauss)).toBeLessThan(1e-15);
    expect(voigtProfile(0, 0, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(voigtProfile(1, -1, 1)).toBeNaN();
  });
});
