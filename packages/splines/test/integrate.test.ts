// trapezoid / simpson against scipy 1.17 (fixtures/generate.py), and the log-space
// versions against log of the linear ones. Tolerances: 1e-14 relative for the linear
// rules (a weighted sum; scipy sums panel by panel, so a few ulps differ); 1e-13 for
// the log versions (logsumexp rounding).
import { exp, grad, log, scalarSpecial, tensor, valueAndGrad } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  lnSimpson,
  lnTrapezoid,
  SplineShapeError,
  SplineValueError,
  simpson,
  simpsonWeights,
  trapezoid,
} from "../src/index.js";
import { ref } from "./fixtures/scipy-reference.js";
import { expectClose } from "./helpers.js";

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe("linear-space rules vs scipy", () => {
  for (const c of ref.quad) {
    it(`n = ${c.n}`, () => {
      const tol = 1e-14;
      const y = tensor(c.y);
      if (c.n === 1) {
        expect(simpson(y, c.x).item()).toBe(0);
        expect(trapezoid(y, c.x).item()).toBe(0);
        return;
      }
      expect(rel(simpson(y, c.x).item(), c.simpson)).toBeLessThan(tol);
      expect(rel(trapezoid(y, c.x).item(), c.trapezoid)).toBeLessThan(tol);
      expect(rel(simpson(y, 0.25).item(), c.simpsonDx)).toBeLessThan(tol);
      expect(rel(trapezoid(c.y, 0.25).item(), c.trapezoidDx)).toBeLessThan(tol);
      const rx = [...c.x].reverse();
      const ry = [...c.y].reverse();
      expect(rel(simpson(ry, rx).item(), c.simpsonReversed)).toBeLessThan(tol);
    });
  }

  it("very uneven spacing (negative weights)", () => {
    const c = ref.uneven;
    expect(simpsonWeights(Float64Array.from(c.x)).some((w) => w < 0)).toBe(true);
    expect(rel(simpson(c.y, c.x).item(), c.simpson)).toBeLessThan(1e-14);
    const ln = lnSimpson(log(tensor(c.y)), c.x).item();
    expect(rel(ln, Math.log(c.simpson))).toBeLessThan(1e-13);
  });

  it("along either axis of a 2-D grid, and nested", () => {
    const g = ref.grid;
    const z = tensor(g.z, g.shape);
    expectClose(simpson(z, g.x1, 1).toArray(), g.simpsonAxis1, 1e-14);
    expectClose(simpson(z, g.x2, 0).toArray(), g.simpsonAxis0, 1e-14);
    expectClose(trapezoid(z, g.x1, -1).toArray(), g.trapezoidAxis1, 1e-14);
    expectClose(trapezoid(z, g.x2, -2).toArray(), g.trapezoidAxis0, 1e-14);
    expect(rel(simpson(simpson(z, g.x1), g.x2).item(), g.simpson2d)).toBeLessThan(1e-14);
    // the seed's pattern: ln_simpson(ln_simpson(ln z, x1), x2)
    const ln2 = lnSimpson(lnSimpson(log(z), g.x1), g.x2).item();
    expect(rel(ln2, Math.log(g.simpson2d))).toBeLessThan(1e-13);
    expectClose(lnTrapezoid(log(z), g.x2, 0).toArray(), g.trapezoidAxis0.map(Math.log), 1e-13);
  });
});

describe("log-space rules", () => {
  it("lnSimpson(log y) = log(simpson(y)) and lnTrapezoid likewise, any n", () => {
    for (const c of ref.quad.filter((q) => q.n > 1)) {
      const lny = log(tensor(c.y));
      expect(rel(lnSimpson(lny, c.x).item(), Math.log(c.simpson))).toBeLessThan(1e-13);
      expect(rel(lnTrapezoid(lny, c.x).item(), Math.log(c.trapezoid))).toBeLessThan(1e-13);
    }
  });

  it("matches the seed's ln_simpson on an odd uniform grid and does not overflow", () => {
    const n = 1025;
    const x = Float64Array.from({ length: n }, (_, i) => -3 + (6 * i) / (n - 1));
    const lny = Float64Array.from(x, (v) => 1000 - 0.5 * v * v);
    // seed: logsumexp(ln_y + log([1, 4, 2, ..., 4, 1])) + log(dx / 3)
    const dx = x[1] - x[0];
    let m = -Infinity;
    const t = Float64Array.from(lny, (v, i) => {
      const w = i === 0 || i === n - 1 ? 1 : i % 2 === 1 ? 4 : 2;
      const s = v + Math.log(w);
      m = Math.max(m, s);
      return s;
    });
    const seed = m + Math.log(t.reduce((a, s) => a + Math.exp(s - m), 0)) + Math.log(dx / 3);
    const ours = lnSimpson(lny, x).item();
    expect(Number.isFinite(ours)).toBe(true);
    expect(rel(ours, seed)).toBeLessThan(1e-14);
    // ∫_{-3}^{3} e^{-x²/2} dx = √(2π) erf(3/√2); Simpson with h = 6/1024 is accurate to ~1e-12
    const exact = 1000 + Math.log(Math.sqrt(2 * Math.PI) * scalarSpecial.erf(3 / Math.SQRT2));
    expect(Math.abs(ours - exact)).toBeLessThan(1e-11);
  });

  it("gradients: d simpson/dy = w, d lnSimpson/d lnY = w y / I", () => {
    const c = ref.quad[6];
    const w = simpsonWeights(Float64Array.from(c.x));
    const [g] = grad((y) => simpson(y, c.x))(tensor(c.y));
    expectClose(g.toArray(), Array.from(w), 1e-15);
    const [v, [gl]] = valueAndGrad((l) => lnSimpson(l, c.x))(log(tensor(c.y)));
    const I = Math.exp(v.item());
    expectClose(
      gl.toArray(),
      c.y.map((y, i) => (w[i] * y) / I),
      1e-13,
    );
    // mixed-sign weights go through log1mexp; compare with the linear gradient
    const u = ref.uneven;
    const [gu] = grad((l) => exp(lnSimpson(l, u.x)))(log(tensor(u.y)));
    const wu = simpsonWeights(Float64Array.from(u.x));
    expectClose(
      gu.toArray(),
      u.y.map((y, i) => wu[i] * y),
      1e-13,
    );
  });

  it("edge cases and errors", () => {
    expect(lnTrapezoid([0.3], [1]).item()).toBe(-Infinity);
    expect(() => lnSimpson([0, 0, 0], [2, 1, 0])).toThrow(SplineValueError);
    expect(() => simpson([1, 2, 3], [0, 1])).toThrow(SplineShapeError);
    expect(() => simpson([1, 2, 3], [0, 1, 2], 1)).toThrow(SplineShapeError);
    expect(() => trapezoid([1, 2], Number.NaN)).toThrow(SplineValueError);
  });
});
