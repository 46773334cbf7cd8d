import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { type Tensor, tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

const A = tensor([
  [4, 1, 0.5],
  [1, 3, 0.2],
  [0.5, 0.2, 2],
]);
const B = tensor([
  [1, 2],
  [0.5, -1],
  [2, 0.3],
]);
const sym = (x: Tensor) => T.mul(T.add(x, T.matrixTranspose(x)), 0.5);
const w = (t: Tensor) => T.div(T.add(T.reshape(T.arange(t.size), t.shape), 1), 5);
const wsum = (t: Tensor) => T.sum(T.mul(t, w(t)));

describe("linear algebra", () => {
  it("matmul follows NumPy's rules for vectors and broadcast batches", () => {
    expect(T.matmul(A, B).shape).toEqual([3, 2]);
    expect(T.matmul(tensor([1, 2, 3]), B).shape).toEqual([2]);
    expect(T.matmul(A, tensor([1, 2, 3])).toArray()[0]).toBeCloseTo(4 + 2 + 1.5, 14);
    expect(T.matmul(T.stack([A, A]), B).shape).toEqual([2, 3, 2]);
    expect(T.dot(tensor([1, 2]), tensor([3, 4])).item()).toBe(11);
    expect(T.outer(tensor([1, 2]), tensor([3, 4, 5])).shape).toEqual([2, 3]);
    expect(() => T.matmul(A, tensor([[1, 2]]))).toThrow(/inner dimensions differ/);
  });
  it("cholesky, solves, inverse and determinants satisfy their identities", () => {
    const L = T.cholesky(A);
    const back = T.matmul(L, T.matrixTranspose(L)).toArray();
    A.toArray().forEach((v, i) => {
      expect(back[i]).toBeCloseTo(v, 13);
    });
    const X = T.solve(A, B);
    T.matmul(A, X)
      .toArray()
      .forEach((v, i) => {
        expect(v).toBeCloseTo(B.toArray()[i], 13);
      });
    const Y = T.triangularSolve(L, B, { lower: true });
    T.matmul(L, Y)
      .toArray()
      .forEach((v, i) => {
        expect(v).toBeCloseTo(B.toArray()[i], 13);
      });
    const I = T.matmul(A, T.inv(A)).toArray();
    [1, 0, 0, 0, 1, 0, 0, 0, 1].forEach((v, i) => {
      expect(I[i]).toBeCloseTo(v, 13);
    });
    // numpy.linalg.slogdet([[1,2],[3,4]]) = (-1, log 2)
    const sd = T.slogdet(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(sd.sign.item()).toBe(-1);
    expect(sd.logAbsDet.item()).toBeCloseTo(Math.LN2, 14);
    expect(
      Number.isNaN(
        T.logdet(
          tensor([
            [1, 2],
            [3, 4],
          ]),
        ).item(),
      ),
    ).toBe(true);
    const Ld = L.toArray();
    expect(T.logdet(A).item()).toBeCloseTo(
      2 * (Math.log(Ld[0]) + Math.log(Ld[4]) + Math.log(Ld[8])),
      13,
    );
  });
  it("invalid inputs give NaN results, not exceptions", () => {
    expect(
      Number.isNaN(
        T.cholesky(
          tensor([
            [1, 2],
            [2, 1],
          ]),
        ).toArray()[0],
      ),
    ).toBe(true);
    expect(
      Number.isNaN(
        T.solve(
          tensor([
            [1, 2],
            [2, 4],
          ]),
          tensor([1, 1]),
        ).toArray()[0],
      ),
    ).toBe(true);
  });
  it("gradients match finite differences", () => {
    expectGradMatchesFd((a, b) => wsum(T.matmul(a, b)), [A, B]);
    expectGradMatchesFd((a, b) => wsum(T.matmul(T.stack([a, T.mul(a, 2)]), b)), [A, B]);
    expectGradMatchesFd((a) => wsum(T.cholesky(sym(a))), [A]);
    expectGradMatchesFd((a, b) => wsum(T.solve(a, b)), [A, B]);
    expectGradMatchesFd(
      (a, b) => wsum(T.triangularSolve(T.cholesky(sym(a)), b, { lower: true, transpose: true })),
      [A, B],
    );
    expectGradMatchesFd((a) => wsum(T.inv(a)), [A]);
    expectGradMatchesFd((a) => T.logdet(a), [A]);
    expectGradMatchesFd(
      (a) => T.slogdet(a).logAbsDet,
      [
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ],
    );
  });
});
