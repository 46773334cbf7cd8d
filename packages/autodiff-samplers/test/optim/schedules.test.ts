import { describe, expect, test } from "vitest";
import {
  constantSchedule,
  cosineDecay,
  exponentialDecay,
  learningRateAt,
  piecewiseConstant,
} from "../../src/optim/index.js";

// Expected values are hand-computed from optax's formulas (and jax's
// piecewise_constant), written out as arithmetic.
describe("learning-rate schedules", () => {
  test("constantSchedule", () => {
    const s = constantSchedule(0.1);
    expect(s(0)).toBe(0.1);
    expect(s(12345)).toBe(0.1);
    expect(learningRateAt(0.3, 7)).toBe(0.3);
    expect(learningRateAt(s, 7)).toBe(0.1);
  });

  test("exponentialDecay: init·rate^(step/transitionSteps)", () => {
    const s = exponentialDecay(2, 10, 0.5);
    expect(s(0)).toBe(2);
    expect(s(5)).toBeCloseTo(2 * Math.SQRT1_2, 15);
    expect(s(20)).toBeCloseTo(0.5, 15);
    expect(s(25)).toBeCloseTo(2 * 0.5 ** 2.5, 15);
  });

  test("exponentialDecay staircase, transitionBegin and endValue", () => {
    const st = exponentialDecay(2, 10, 0.5, true);
    expect(st(9)).toBe(2);
    expect(st(10)).toBe(1);
    expect(st(19)).toBe(1);
    expect(st(25)).toBe(0.5);
    const begun = exponentialDecay(1, 10, 0.1, false, { transitionBegin: 5, endValue: 0.05 });
    expect(begun(3)).toBe(1);
    expect(begun(15)).toBeCloseTo(0.1, 15);
    expect(begun(100)).toBe(0.05);
  });

  test("cosineDecay: init·((1−α)·½(1+cos(πt/T)) + α), constant after T", () => {
    const s = cosineDecay(1, 100);
    expect(s(0)).toBe(1);
    expect(s(25)).toBeCloseTo(0.5 * (1 + Math.SQRT1_2), 15);
    expect(s(50)).toBeCloseTo(0.5, 15);
    expect(s(100)).toBeCloseTo(0, 15);
    expect(s(500)).toBeCloseTo(0, 15);
    const a = cosineDecay(2, 100, 0.1);
    expect(a(50)).toBeCloseTo(2 * (0.9 * 0.5 + 0.1), 15);
    expect(a(1000)).toBeCloseTo(0.2, 15);
  });

  test("piecewiseConstant: values[#boundaries < step]", () => {
    const s = piecewiseConstant([10, 20], [1, 0.5, 0.1]);
    expect([0, 10, 11, 20, 21, 1000].map(s)).toEqual([1, 1, 0.5, 0.5, 0.1, 0.1]);
    expect(() => piecewiseConstant([10], [1])).toThrow(RangeError);
  });
});
