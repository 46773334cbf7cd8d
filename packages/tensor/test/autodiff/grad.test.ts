import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";

describe("grad and valueAndGrad", () => {
  it("differentiates with respect to several arguments, including numbers", () => {
    const [v, [gx, gy]] = T.valueAndGrad((x, y) => T.sum(T.mul(x, y)))(tensor([1, 2]), 3);
    expect(v.item()).toBe(9);
    expect([...gx.toArray()]).toEqual([3, 3]);
    expect(gy.item()).toBe(3);
  });
  it("returns zeros for arguments the output does not depend on", () => {
    const [g0, g1] = T.grad((x, _y) => T.sum(x))(tensor([1, 2]), tensor([5, 6, 7]));
    expect([...g0.toArray()]).toEqual([1, 1]);
    expect([...g1.toArray()]).toEqual([0, 0, 0]);
  });
  it("accumulates gradients of a value used several times", () => {
    const [g] = T.grad((x) => T.sum(T.add(T.mul(x, x), x)))(tensor([2]));
    expect(g.item()).toBe(5);
  });
  it("stopGradient blocks the gradient", () => {
    const [g] = T.grad((x) => T.sum(T.mul(x, T.stopGradient(x))))(tensor([3]));
    expect(g.item()).toBe(3);
  });
  it("customVjp uses the given rule", () => {
    const clipGrad = T.customVjp(
      (x: Tensor) => T.mul(x, 1),
      (g) => [T.clip(g, -1, 1)],
    );
    const [g] = T.grad((x) => T.sum(T.mul(clipGrad(x), 10)))(tensor([1, 2]));
    expect([...g.toArray()]).toEqual([1, 1]);
  });
  it("valueAndGradFlat writes into a buffer", () => {
    const f = T.valueAndGradFlat((x) => T.sum(T.square(x)));
    const g = new Float64Array(3);
    expect(f(new Float64Array([1, 2, 3]), g)).toBe(14);
    expect([...g]).toEqual([2, 4, 6]);
  });
  it("rejects non-scalar outputs with a clear error", () => {
    expect(() => T.grad((x) => T.mul(x, 2))(tensor([1, 2]))).toThrow(
      /must return a scalar, got shape \[2\]/,
    );
  });
});
