import { describe, expect, it } from "vitest";
import { linearScale, logScale, logTicks, niceExtent, niceTicks } from "../src/index.js";

describe("niceTicks", () => {
  it("gives 0, 0.2, …, 1 for [0, 1] with 5 ticks", () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });
  it("produces exact decimals and stays inside the interval", () => {
    // range/4 ≈ 0.75 rounds to the nice step 1 (Heckbert: f ≥ 7 → 10).
    expect(niceTicks(-0.37, 2.61, 5)).toEqual([0, 1, 2]);
    expect(niceTicks(-0.37, 2.61, 7)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
    expect(niceTicks(0.0011, 0.0049, 4)).toEqual([0.002, 0.003, 0.004]);
  });
  it("always returns at least two ticks for short axes", () => {
    for (const [a, b] of [
      [0.31, 2.29],
      [-1.2, 0.05],
      [1000, 1001],
    ]) {
      expect(niceTicks(a, b, 2).length).toBeGreaterThanOrEqual(2);
    }
  });
  it("handles reversed and degenerate intervals", () => {
    expect(niceTicks(1, 0, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5, 3).length).toBeGreaterThan(0);
    expect(() => niceTicks(0, Number.NaN)).toThrow(RangeError);
  });
  it("widens to a loose nice extent", () => {
    expect(niceExtent(0.13, 0.97, 5)).toEqual([0, 1]);
  });
});

describe("logTicks", () => {
  it("uses powers of ten over several decades", () => {
    expect(logTicks(0.05, 3000, 6)).toEqual([0.1, 1, 10, 100, 1000]);
  });
  it("adds 2× and 5× multiples over a short range", () => {
    expect(logTicks(15, 600)).toEqual([20, 50, 100, 200, 500]);
  });
});

describe("scales", () => {
  it("maps linearly, including inverted ranges", () => {
    const s = linearScale([0, 10], [100, 0]);
    expect(s.map(0)).toBe(100);
    expect(s.map(5)).toBe(50);
  });
  it("maps logarithmically and sends non-positive values to NaN", () => {
    const s = logScale([1, 100], [0, 200]);
    expect(s.map(10)).toBeCloseTo(100, 10);
    expect(s.map(0)).toBeNaN();
    expect(() => logScale([0, 1], [0, 1])).toThrow(RangeError);
  });
});
