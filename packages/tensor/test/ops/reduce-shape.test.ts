import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

const arr = (t: Tensor) => [...t.toArray()];
const x23 = tensor([
  [1, -2, 3],
  [4, 5, -6],
]);
const weights = (shape: readonly number[]) => T.add(T.reshape(T.arange(T.sizeOf(shape)), shape), 1);
/** sum(w · f(x)) with fixed non-uniform weights, so every output element matters. */
const weighted = (f: (x: Tensor) => Tensor) => (x: Tensor) => {
  const y = f(x);
  return T.sum(T.mul(y, T.div(weights(y.shape), 7)));
};

describe("reductions", () => {
  it("match NumPy on a 2×3 example", () => {
    expect(T.sum(x23).item()).toBe(5);
    expect(arr(T.sum(x23, 0))).toEqual([5, 3, -3]);
    expect(T.sum(x23, 1, true).shape).toEqual([2, 1]);
    expect(arr(T.mean(x23, -1))).toEqual([2 / 3, 1]);
    expect(arr(T.prod(x23, 1))).toEqual([-6, -120]);
    expect(arr(T.max(x23, 0))).toEqual([4, 5, 3]);
    expect(arr(T.min(x23, 1))).toEqual([-2, -6]);
    expect(arr(T.argmax(x23, 1))).toEqual([2, 1]);
    expect(T.argmin(x23).item()).toBe(5);
    expect(T.variance(tensor([1, 2, 3, 4])).item()).toBeCloseTo(1.25, 14);
    expect(T.std(tensor([1, 2, 3, 4]), undefined, false, 1).item()).toBeCloseTo(
      Math.sqrt(5 / 3),
      14,
    );
    expect(T.logsumexp(tensor([1000, 1000])).item()).toBeCloseTo(1000 + Math.LN2, 12);
    expect(T.logsumexp(tensor([-Infinity, -Infinity])).item()).toBe(-Infinity);
  });
  it("gradients over axes match finite differences", () => {
    const cases: ((x: Tensor) => Tensor)[] = [
      (x) => T.sum(x, 0),
      (x) => T.sum(x, [0, 1], true),
      (x) => T.mean(x, 1),
      (x) => T.prod(x, 1),
      (x) => T.max(x, 0),
      (x) => T.min(x, 1, true),
      (x) => T.logsumexp(x, 1),
      (x) => T.variance(x, 0),
      (x) => T.std(x, 1),
    ];
    for (const f of cases) expectGradMatchesFd(weighted(f), [x23]);
  });
  it("grad of logsumexp is softmax (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 8 }),
        (xs) => {
          const [v, [g]] = T.valueAndGrad((x) => T.logsumexp(x))(tensor(xs));
          const soft = xs.map((x) => Math.exp(x - v.item()));
          g.toArray().forEach((gi, i) => {
            expect(gi).toBeCloseTo(soft[i], 12);
          });
        },
      ),
      { numRuns: 50, seed: 1 },
    );
  });
});

describe("shape ops", () => {
  it("reshape, transpose, expandDims, squeeze", () => {
    expect(T.reshape(x23, [3, -1]).shape).toEqual([3, 2]);
    expect(T.transpose(x23).toNested()).toEqual([
      [1, 4],
      [-2, 5],
      [3, -6],
    ]);
    expect(T.expandDims(x23, 1).shape).toEqual([2, 1, 3]);
    expect(T.squeeze(T.expandDims(x23, 0)).shape).toEqual([2, 3]);
    expect(() => T.reshape(x23, [4])).toThrow(/reshape: cannot reshape \[2, 3\]/);
  });
  it("slice with negative indices and steps, flip, concat, stack, pad", () => {
    expect(arr(T.slice(T.arange(10), [[-3, null]]))).toEqual([7, 8, 9]);
    expect(arr(T.slice(T.arange(10), [[1, 8, 3]]))).toEqual([1, 4, 7]);
    expect(arr(T.slice(T.arange(5), [[null, null, -2]]))).toEqual([4, 2, 0]);
    expect(arr(T.flip(x23, 1))).toEqual([3, -2, 1, -6, 5, 4]);
    expect(T.concat([x23, x23], 1).shape).toEqual([2, 6]);
    expect(T.stack([x23, x23], 1).shape).toEqual([2, 2, 3]);
    expect(T.pad(tensor([1, 2]), [[1, 2]], 9).toNested()).toEqual([9, 1, 2, 9, 9]);
  });
  it("take/gather, cumsum, diff", () => {
    expect(arr(T.take(tensor([10, 20, 30]), tensor([2, 0, 2])))).toEqual([30, 10, 30]);
    expect(T.take(x23, tensor([[1, 0]]), 1).shape).toEqual([2, 1, 2]);
    expect(arr(T.cumsum(tensor([1, 2, 3])))).toEqual([1, 3, 6]);
    expect(arr(T.diff(tensor([1, 4, 9, 16]), 2))).toEqual([2, 2]);
    expect(() => T.take(tensor([1, 2]), tensor([2]))).toThrow(/index 2 out of range/);
  });
  it("gradients of every shape op match finite differences", () => {
    const cases: ((x: Tensor) => Tensor)[] = [
      (x) => T.reshape(x, [3, 2]),
      (x) => T.transpose(x),
      (x) => T.broadcastTo(T.sum(x, 0, true), [4, 3]),
      (x) =>
        T.slice(x, [
          [1, null],
          [null, null, -2],
        ]),
      (x) => T.flip(x, 0),
      (x) => T.concat([x, T.square(x)], 0),
      (x) => T.stack([x, x], 2),
      (x) =>
        T.pad(x, [
          [1, 0],
          [0, 2],
        ]),
      (x) => T.take(x, tensor([2, 2, 0]), 1),
      (x) => T.cumsum(x, 1),
      (x) => T.diff(x, 1, 1),
    ];
    for (const f of cases) expectGradMatchesFd(weighted(f), [x23]);
  });
});
