// Gradients with respect to the knot values y and the evaluation points xs against
// central finite differences, and compile == eager. The maps are linear in y, so
// finite differences with step 1e-3 are exact up to rounding (tolerance 1e-8
// relative); in xs they are smooth polynomials (step 1e-6, tolerance 1e-6).
import {
  add,
  compile,
  exp,
  mul,
  square,
  sub,
  sum,
  type Tensor,
  tensor,
  valueAndGrad,
} from "@sidereal/tensor";
import { describe, expect, it } from "vitest";
import {
  cubicSpline,
  interpolatedUnivariateSpline,
  interpolatedUnivariateSplineBasis,
  lnSimpson,
  type Spline,
} from "../src/index.js";
import { ref } from "./fixtures/scipy-reference.js";
import { expectClose } from "./helpers.js";

const c = ref.ius[2]; // irregular, k = 3
const xs = [-2.7, -1.9, -0.4, 0.0, 0.35, 1.2, 2.2, 2.95, 3.6];
const wts = tensor(xs.map((_, i) => Math.cos(1 + i)));

function fdGrad(f: (v: Float64Array) => number, v: readonly number[], h: number): number[] {
  return v.map((_, i) => {
    const p = Float64Array.from(v);
    const m = Float64Array.from(v);
    p[i] += h;
    m[i] -= h;
    return (f(p) - f(m)) / (2 * h);
  });
}

type Build = (y: Tensor | Float64Array) => Spline;
const builders: [string, Build][] = [
  ["ius k=3", (y) => interpolatedUnivariateSpline(c.x, y)],
  ["ius k=2", (y) => interpolatedUnivariateSpline(c.x, y, { k: 2 })],
  ["ius natural", (y) => interpolatedUnivariateSpline(c.x, y, { endpoints: "natural" })],
  ["cubic clamped", (y) => cubicSpline(c.x, y, { bc: "clamped" })],
];

describe("gradients vs finite differences", () => {
  for (const [name, build] of builders) {
    it(`${name}: d/dy of value, derivative, antiderivative, integral, evaluator`, () => {
      const f = (y: Tensor | Float64Array) => {
        const s = build(y);
        const ev = s.evaluator(xs);
        return add(
          add(sum(mul(wts, s.evaluate(xs))), s.derivative(tensor(xs), 1)),
          add(add(s.antiderivative(xs), s.integral(-1.5, 2.5)), ev.evaluate()),
        );
      };
      const scalar = (y: Tensor | Float64Array) => sum(f(y));
      const [, [g]] = valueAndGrad((y) => scalar(y))(tensor(c.y));
      const fd = fdGrad((v) => scalar(v).item(), c.y, 1e-3);
      expectClose(g.toArray(), fd, 1e-8);
    });
  }

  it("d/dxs of value, derivative, antiderivative (incl. extrapolation and periodic)", () => {
    const splines: Spline[] = [
      interpolatedUnivariateSpline(c.x, c.y),
      interpolatedUnivariateSpline(c.x, c.y, { k: 2 }),
      cubicSpline(ref.cubic[3].x, ref.cubic[3].y, { bc: "periodic" }),
    ];
    for (const s of splines) {
      const f = (p: Tensor) =>
        add(
          add(sum(mul(wts, s.evaluate(p))), sum(square(s.derivative(p, 2)))),
          sum(s.antiderivative(p)),
        );
      const [, [g]] = valueAndGrad(f)(tensor(xs));
      const fd = fdGrad((v) => f(tensor(v)).item(), xs, 1e-6);
      expectClose(g.toArray(), fd, 1e-6, 1);
    }
  });
});

describe("compile == eager", () => {
  it("the seed's Poisson-process likelihood (spline log-density + lnSimpson)", () => {
    const knots = Float64Array.from({ length: 11 }, (_, i) => -3 + 0.6 * i);
    const data = Float64Array.from({ length: 500 }, (_, i) => 1.4 * Math.sin(i * 1.7));
    const grid = Float64Array.from({ length: 1025 }, (_, i) => -3 + (6 * i) / 1024);
    const basis = interpolatedUnivariateSplineBasis(knots);
    const atData = basis.evaluator(data);
    const atGrid = basis.evaluator(grid);
    const lnLike = (lnN0: Tensor) =>
      sub(sum(atData.evaluate(lnN0)), exp(lnSimpson(atGrid.evaluate(lnN0), grid)));
    const y0 = Float64Array.from(knots, (k) => 5 - 0.5 * k * k + 0.1 * Math.sin(3 * k));
    const [v, [g]] = valueAndGrad(lnLike)(tensor(y0));
    const compiled = compile(lnLike, [tensor(y0)]);
    const gc = new Float64Array(11);
    const vc = compiled.flat(y0, gc);
    expect(Math.abs(vc - v.item())).toBeLessThan(1e-12 * Math.abs(v.item()));
    expectClose(gc, Array.from(g.toArray()), 1e-12);
    // and against finite differences
    const fd = fdGrad((q) => compiled.flatValue(q), Array.from(y0), 1e-5);
    expectClose(gc, fd, 1e-7);
  });

  it("traced evaluation points (searchsorted inside compile), value and both gradients", () => {
    const f = (y: Tensor, p: Tensor) => {
      const s = cubicSpline(c.x, y, { bc: "natural" });
      return add(sum(square(s.evaluate(p))), sum(s.antiderivative(p)));
    };
    const y0 = tensor(c.y);
    const p0 = tensor(xs);
    const [v, [gy, gp]] = valueAndGrad(f)(y0, p0);
    const compiled = compile(f, [y0, p0]);
    const gyc = new Float64Array(c.y.length);
    const gpc = new Float64Array(xs.length);
    const vc = compiled.valueAndGrad([y0, p0], [gyc, gpc]);
    expect(Math.abs(vc - v.item())).toBeLessThan(1e-12 * Math.abs(v.item()));
    expectClose(gyc, Array.from(gy.toArray()), 1e-12);
    expectClose(gpc, Array.from(gp.toArray()), 1e-12);
    // other points: the compiled function re-locates them
    const p1 = xs.map((q) => q + 0.37);
    expect(compiled.value(y0, p1).item()).toBeCloseTo(f(y0, tensor(p1)).item(), 10);
  });
});
