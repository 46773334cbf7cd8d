// interpolatedUnivariateSpline against scipy 1.17 InterpolatedUnivariateSpline
// (fixtures/generate.py). Tolerance: 1e-12 relative to the largest reference value of
// each array — the banded solve and the power-basis evaluation agree with FITPACK's
// de Boor evaluation to a few ulps times the conditioning of the collocation system.
import { tensor } from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  interpolatedUnivariateSpline,
  interpolatedUnivariateSplineBasis,
  SplineParameterError,
  SplineShapeError,
  SplineValueError,
} from "../src/index.js";
import { ref } from "./fixtures/scipy-reference.js";
import { expectClose, maxAbs } from "./helpers.js";

const RTOL = 1e-12;

describe("interpolatedUnivariateSpline vs scipy", () => {
  for (const c of ref.ius) {
    it(c.name, () => {
      const k = c.k as 1 | 2 | 3;
      const s = interpolatedUnivariateSpline(c.x, c.y, { k });
      expectClose(s.breakpoints, c.getKnots, 1e-15);
      expectClose(s.knots, c.t, 1e-15);
      expectClose(s.evaluate(c.xs).toArray(), c.values, RTOL);
      c.derivatives.forEach((d, i) => {
        expectClose(s.derivative(c.xs, i + 1).toArray(), d, RTOL, maxAbs(c.y));
      });
      expectClose(s.antiderivative(c.xs).toArray(), c.antiderivative, RTOL);
      const integrals = c.limits.map(([a, b]) => s.integral(a, b).item());
      expectClose(integrals, c.integrals, RTOL);
      // tensor y (operator path) and tensor xs (searchsorted path) give the same numbers
      const st = interpolatedUnivariateSpline(c.x, tensor(c.y), { k });
      expectClose(st.evaluate(tensor(c.xs)).toArray(), c.values, RTOL);
      expectClose(st.derivative(tensor(c.xs), 1).toArray(), c.derivatives[0], RTOL);
      expectClose(st.antiderivative(tensor(c.xs)).toArray(), c.antiderivative, RTOL);
      const w = st.basis.integralWeights(c.limits[0][0], c.limits[0][1]);
      expect(w.reduce((acc, v, j) => acc + v * c.y[j], 0)).toBeCloseTo(c.integrals[0], 12);
    });
  }

  it('endpoints "natural" matches make_interp_spline(bc_type="natural")', () => {
    const c = ref.iusNatural;
    const s = interpolatedUnivariateSpline(c.x, c.y, { endpoints: "natural" });
    expectClose(s.knots, c.t, 0);
    expectClose(s.evaluate(c.xs).toArray(), c.values, RTOL);
    c.derivatives.forEach((d, i) => {
      expectClose(s.derivative(c.xs, i + 1).toArray(), d, RTOL, maxAbs(c.y));
    });
    expectClose(s.antiderivative(c.xs).toArray(), c.antiderivative, RTOL);
    expectClose(
      c.limits.map(([a, b]) => s.integral(a, b).item()),
      c.integrals,
      RTOL,
    );
  });

  it("interpolates the data and extrapolates with the end pieces", () => {
    const c = ref.ius[5];
    const s = interpolatedUnivariateSpline(c.x, c.y);
    expectClose(s.evaluate(c.x).toArray(), c.y, 1e-14);
    // outside the data the end cubic continues: its 4th finite difference vanishes
    const v = s.evaluate([4, 5, 6, 7, 8]).toArray();
    const d4 = v[4] - 4 * v[3] + 6 * v[2] - 4 * v[1] + v[0];
    expect(Math.abs(d4)).toBeLessThan(1e-9 * Math.abs(v[4]));
  });

  it("scalar and 2-D points keep their shape", () => {
    const c = ref.ius[2];
    const s = interpolatedUnivariateSpline(c.x, c.y);
    expect(s.evaluate(0.3).shape).toEqual([]);
    expect(
      s.evaluate([
        [0.1, 0.2],
        [0.3, 0.4],
      ]).shape,
    ).toEqual([2, 2]);
    expect(s.evaluate(tensor([0.1, 0.2, 0.3, 0.4], [2, 2])).shape).toEqual([2, 2]);
  });

  it("rejects bad input with typed errors", () => {
    expect(() => interpolatedUnivariateSpline([0, 1, 2], [1, 2, 3])).toThrow(SplineShapeError);
    expect(() => interpolatedUnivariateSpline([0, 2, 1, 3], [1, 2, 3, 4])).toThrow(
      SplineValueError,
    );
    expect(() => interpolatedUnivariateSpline([0, 1, Number.NaN, 3], [1, 2, 3, 4])).toThrow(
      SplineValueError,
    );
    expect(() => interpolatedUnivariateSpline([0, 1, 2, 3], [1, 2, 3])).toThrow(SplineShapeError);
    expect(() =>
      interpolatedUnivariateSpline([0, 1, 2, 3], [1, 2, 3, 4], { k: 4 as unknown as 3 }),
    ).toThrow(SplineParameterError);
    expect(() =>
      interpolatedUnivariateSpline([0, 1, 2, 3], [1, 2, 3, 4], { k: 2, endpoints: "natural" }),
    ).toThrow(SplineParameterError);
    const s = interpolatedUnivariateSpline([0, 1, 2, 3], [1, 2, 3, 4]);
    expect(() => s.integral(0, Infinity)).toThrow(SplineValueError);
    expect(() => s.derivative([0.5], -1)).toThrow(SplineParameterError);
    try {
      interpolatedUnivariateSpline([0, 1, 1, 3], [1, 2, 3, 4]);
    } catch (e) {
      expect((e as SplineValueError)._tag).toBe("SplineValueError");
    }
  });

  it("caches the basis for identical x", () => {
    const x = [0, 0.5, 1.5, 2, 3];
    expect(interpolatedUnivariateSplineBasis(x)).toBe(interpolatedUnivariateSplineBasis(x.slice()));
    expect(interpolatedUnivariateSplineBasis(x)).not.toBe(
      interpolatedUnivariateSplineBasis(x, { k: 2 }),
    );
  });
});
