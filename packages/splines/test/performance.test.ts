// Timing of the fixed-point evaluator (10^5 points) and of a compiled value+gradient
// of the seed's spline likelihood. The numbers are printed (medians); the assertions
// are loose upper bounds so that a loaded CI machine does not fail them.
import { compile, exp, sub, sum, type Tensor, tensor } from "@sidereal/tensor";
import { expect, it } from "vitest";
import { interpolatedUnivariateSplineBasis, lnSimpson } from "../src/index.js";

function medianMicros(f: () => void, reps: number): number {
  for (let i = 0; i < 3; i++) f();
  const t: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    t.push((performance.now() - t0) * 1000);
  }
  t.sort((a, b) => a - b);
  return t[reps >> 1];
}

const m = 100_000;
const knots = Float64Array.from({ length: 11 }, (_, i) => -3 + 0.6 * i);
const data = Float64Array.from({ length: m }, (_, i) => 2.9 * Math.sin(i * 1.618));
const grid = Float64Array.from({ length: 1025 }, (_, i) => -3 + (6 * i) / 1024);
const y0 = Float64Array.from(knots, (k) => 8 - 0.5 * k * k);

it("evaluates 1e5 fixed points, eager and compiled", () => {
  const basis = interpolatedUnivariateSplineBasis(knots);
  const tBuild = medianMicros(() => basis.evaluator(data), 5);
  const ev = basis.evaluator(data);
  const y = tensor(y0);
  const tEager = medianMicros(() => ev.evaluate(y), 15);
  const c = compile((q: Tensor) => ev.evaluate(q), [y], { grad: false });
  const tCompiled = medianMicros(() => c.valueBuffer(y0), 15);
  console.log(
    `evaluator(1e5 points): build ${tBuild.toFixed(0)} µs, evaluate eager ${tEager.toFixed(0)} µs, compiled ${tCompiled.toFixed(0)} µs`,
  );
  expect(c.valueBuffer(y0)[7]).toBeCloseTo(ev.evaluate(y).toArray()[7], 12);
  expect(tEager).toBeLessThan(200_000);
  expect(tCompiled).toBeLessThan(200_000);
});

it("compiled value+grad of the seed likelihood (1e5 data points, 1025-point lnSimpson)", () => {
  const basis = interpolatedUnivariateSplineBasis(knots);
  const atData = basis.evaluator(data);
  const atGrid = basis.evaluator(grid);
  const lnLike = (lnN0: Tensor) =>
    sub(sum(atData.evaluate(lnN0)), exp(lnSimpson(atGrid.evaluate(lnN0), grid)));
  const c = compile(lnLike, [tensor(y0)]);
  const g = new Float64Array(11);
  const t = medianMicros(() => c.flat(y0, g), 15);
  console.log(`compiled value+grad, 1e5 data points: ${t.toFixed(0)} µs`);
  expect(Number.isFinite(g[3])).toBe(true);
  expect(t).toBeLessThan(200_000);
});
