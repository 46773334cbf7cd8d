// cubicSpline against scipy 1.17 CubicSpline for each bc (fixtures/generate.py), and
// linearInterp against numpy.interp. Tolerance 1e-12 relative to each array's largest
// reference value (derivatives: relative to max|y|); measured worst 6e-14 (the third
// derivative, which divides by h³), values ≤ 2e-15.
import { tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  cubicSpline,
  interpolatedUnivariateSpline,
  linearInterp,
  SplineParameterError,
  SplineShapeError,
  SplineValueError,
} from "../src/index.js";
import { ref } from "./fixtures/scipy-reference.js";
import { expectClose, maxAbs } from "./helpers.js";

describe("cubicSpline vs scipy", () => {
  for (const c of ref.cubic) {
    it(c.name, () => {
      const rtol = 1e-12;
      const bc = c.bc as "not-a-knot" | "natural" | "clamped" | "periodic";
      const s = cubicSpline(c.x, c.y, { bc });
      expectClose(s.evaluate(c.xs).toArray(), c.values, rtol);
      c.derivatives.forEach((d, i) => {
        expectClose(s.derivative(c.xs, i + 1).toArray(), d, rtol, maxAbs(c.y));
      });
      const antiXs = "antiderivativeXs" in c ? c.antiderivativeXs : c.xs;
      expectClose(s.antiderivative(antiXs).toArray(), c.antiderivative, rtol);
      expectClose(
        c.limits.map(([a, b]) => s.integral(a, b).item()),
        c.integrals,
        rtol,
      );
      // tensor y + tensor xs path
      const st = cubicSpline(c.x, tensor(c.y), { bc });
      expectClose(st.evaluate(tensor(c.xs)).toArray(), c.values, rtol);
      expectClose(st.derivative(tensor(c.xs), 2).toArray(), c.derivatives[1], rtol, maxAbs(c.y));
      expectClose(st.antiderivative(tensor(antiXs)).toArray(), c.antiderivative, rtol);
    });
  }

  it("periodic antiderivative counts whole periods (tensor and constant points agree)", () => {
    const c = ref.cubic.find((q) => q.name === "periodic")!;
    const s = cubicSpline(c.x, c.y, { bc: "periodic" });
    const pts = [-7, -2.5, 0.3, 4.2, 11];
    const a = s.antiderivative(pts).toArray();
    const b = s.antiderivative(tensor(pts)).toArray();
    expectClose(a, Array.from(b), 1e-13);
    // F(x) - F(x0) equals the integral from x0 to x
    pts.forEach((p, i) => {
      expect(a[i]).toBeCloseTo(s.integral(c.x[0], p).item(), 11);
    });
  });

  it("not-a-knot cubicSpline equals the k=3 interpolatedUnivariateSpline", () => {
    const c = ref.cubic[0];
    const a = cubicSpline(c.x, c.y).evaluate(c.xs).toArray();
    const b = interpolatedUnivariateSpline(c.x, c.y).evaluate(c.xs).toArray();
    expectClose(a, Array.from(b), 1e-13);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => cubicSpline([0], [1])).toThrow(SplineShapeError);
    expect(() => cubicSpline([0, 1, 2], [1, 2, 3], { bc: "periodic" })).toThrow(SplineValueError);
    expect(() => cubicSpline([0, 1], [1, 1], { bc: "periodic" })).toThrow(SplineShapeError);
    expect(() => cubicSpline([0, 1, 2], [1, 2, 3], { bc: "free" as "natural" })).toThrow(
      SplineParameterError,
    );
    expect(() => cubicSpline([0, 1, 2], tensor([1, 2]))).toThrow(SplineShapeError);
  });
});

describe("linearInterp", () => {
  it("matches numpy.interp, including constant extrapolation", () => {
    const c = ref.interp;
    expectClose(linearInterp(c.xs, c.x, c.y).toArray(), c.values, 1e-15);
  });
  it("checks its inputs", () => {
    expect(() => linearInterp([0.5], [0, 1], [1, 2, 3])).toThrow(SplineShapeError);
    expect(() => linearInterp([0.5], [1, 0], [1, 2])).toThrow(SplineValueError);
  });
});
