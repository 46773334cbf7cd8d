import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";

/** Counts `Math.<fn>(` calls in the generated loops of a compiled function. */
const calls = (source: string, fn: string) => source.split(`Math.${fn}(`).length - 1;

describe("compile: graph simplifications", () => {
  it("log(exp(x)) and log(where(c, exp(x), k)) become x and where(c, x, log k)", () => {
    // the shape of a log-normal log-density evaluated at r = exp(z), with a support guard
    const f = (z: Tensor) => {
      const r = T.exp(z);
      const inside = T.gt(r, 0);
      const safe = T.where(inside, r, 1);
      const direct = T.log(T.exp(T.mul(z, 2)));
      return T.sum(T.add(T.add(T.log(safe), T.div(1000, r)), direct));
    };
    const z = tensor([-2, 0.5, 3, 6.7]);
    const c = T.compile(f, [z]);
    expect(calls(c.source.valueAndGrad, "log")).toBe(0);
    const g = new Float64Array(4);
    const v = c.valueAndGrad([z], [g]);
    const [ve, [ge]] = T.valueAndGrad(f)(z);
    expect(Math.abs(v - ve.item())).toBeLessThan(1e-12 * Math.abs(ve.item()));
    ge.toArray().forEach((x, i) => {
      expect(Math.abs(g[i] - x)).toBeLessThan(1e-12 * Math.max(1, Math.abs(x)));
    });
  });

  it("keeps the guard's other branch: where(c, exp(x), k) with c false gives log k", () => {
    // exp(-800) underflows to 0, so the guard selects k = 2 and the result is log 2
    const f = (z: Tensor) => T.sum(T.log(T.where(T.gt(T.exp(z), 0), T.exp(z), 2)));
    const c = T.compile(f, [tensor([-800, 1])], { grad: false });
    expect(c.value(tensor([-800, 1])).item()).toBeCloseTo(Math.log(2) + 1, 14);
  });

  it("shares scalar constants by value, so independently written guards merge (one log)", () => {
    const f = (r: Tensor) => {
      const a = T.log(T.where(T.gt(r, 0), r, 1));
      const b = T.log(T.where(T.gt(r, 0), r, 1));
      return T.sum(T.add(a, T.mul(b, 2)));
    };
    const c = T.compile(f, [tensor([1, 2, 3])]);
    expect(calls(c.source.value, "log")).toBe(1);
    expect(c.value(tensor([1, 2, 3])).item()).toBeCloseTo(3 * Math.log(6), 13);
  });

  it("divides by a constant array through its precomputed reciprocal (within 1 ulp)", () => {
    const err = tensor([0.3, 0.07, 1.9, 0.011]);
    const f = (x: Tensor) => T.sum(T.square(T.div(x, err)));
    const c = T.compile(f, [tensor([1, 2, 3, 4])]);
    // no per-element division left in the value loop
    expect(c.source.value).not.toMatch(/\/ b\d+\[i\]/);
    const x = tensor([1.5, -2, 3, 0.25]);
    const exact = f(x).item();
    expect(Math.abs(c.value(x).item() - exact)).toBeLessThanOrEqual(4e-16 * Math.abs(exact));
  });

  it("divides several times by one loop value through a single reciprocal (within 2 ulp)", () => {
    const f = (z: Tensor) => {
      const r = T.exp(z);
      return T.sum(T.add(T.div(1000, r), T.div(T.square(z), r)));
    };
    const z = tensor([0.1, 1.5, 6.7, -2]);
    const c = T.compile(f, [z], { grad: false });
    const divisions = c.source.value.match(/\/ v\d+/g) ?? [];
    expect(divisions.length).toBe(1);
    const exact = f(z).item();
    expect(Math.abs(c.value(z).item() - exact)).toBeLessThanOrEqual(1e-15 * Math.abs(exact));
  });
});

describe("compile: scheduling", () => {
  it("schedules a weight transform feeding a matmul after an elementwise layer (no cycle)", () => {
    // regression: the legality check read a group's dependencies as recorded when they were
    // first added; a group that later gained dependencies let a cycle through
    const f = (x: Tensor, w0: Tensor, w1: Tensor) =>
      T.sum(T.matmul(T.tanh(T.matmul(x, w0)), T.exp(w1)));
    const args = [
      tensor([0.1, -0.3, 0.7], [3, 1]),
      tensor([0.5, -0.2], [1, 2]),
      tensor([0.3, 0.4], [2, 1]),
    ];
    const c = T.compile(f, args);
    const g = [new Float64Array(3), new Float64Array(2), new Float64Array(2)];
    const v = c.valueAndGrad(args, g);
    const [ve, ge] = T.valueAndGrad(f)(...args);
    expect(v).toBeCloseTo(ve.item(), 14);
    ge.forEach((gk, k) => {
      gk.toArray().forEach((x, i) => {
        expect(g[k][i]).toBeCloseTo(x, 13);
      });
    });
  });
});
