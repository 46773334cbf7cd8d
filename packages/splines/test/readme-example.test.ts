// The README example, kept runnable (values from scipy 1.17, see fixtures/generate.py).
import { compile, exp, sub, sum, type Tensor, tensor, valueAndGrad } from "@sidereal/tensor";
import { expect, it } from "vitest";
import {
  interpolatedUnivariateSpline,
  interpolatedUnivariateSplineBasis,
  lnSimpson,
  simpson,
} from "../src/index.js";

it("README example", () => {
  const x = [0, 0.5, 1.3, 2, 2.2, 3.1, 4];
  const spl = interpolatedUnivariateSpline(x, x.map(Math.sin));
  const v = spl.evaluate([1, 5]).toArray();
  expect(v[0]).toBeCloseTo(0.83986447, 8);
  expect(v[1]).toBeCloseTo(-0.88266948, 8);
  expect(spl.derivative([1]).toArray()[0]).toBeCloseTo(0.54507063, 8);
  expect(spl.integral(0, 4).item()).toBeCloseTo(1.653343012943282, 14);
  expect(simpson([1, 2, 5, 7], [0, 1, 1.5, 3]).item()).toBeCloseTo(12.9375, 14);

  const knots = Array.from({ length: 11 }, (_, i) => -3 + 0.6 * i);
  const data = Array.from({ length: 1000 }, (_, i) => 1.4 * Math.sin(1.7 * i));
  const grid = Array.from({ length: 1025 }, (_, i) => -3 + (6 * i) / 1024);
  const basis = interpolatedUnivariateSplineBasis(knots);
  const atData = basis.evaluator(data);
  const atGrid = basis.evaluator(grid);
  const lnLike = (lnN0: Tensor) =>
    sub(sum(atData.evaluate(lnN0)), exp(lnSimpson(atGrid.evaluate(lnN0), grid)));
  const q = Float64Array.from(knots, (k) => 5 - 0.5 * k * k);
  const compiled = compile(lnLike, [tensor(q)]);
  const grad = new Float64Array(11);
  const value = compiled.flat(q, grad);
  const [ev, [eg]] = valueAndGrad(lnLike)(tensor(q));
  expect(value).toBeCloseTo(ev.item(), 9);
  eg.toArray().forEach((g, i) => {
    expect(grad[i]).toBeCloseTo(g, 9);
  });
});
