import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

describe("convolve and FFT ops", () => {
  it("matches numpy.convolve in all modes (including swapped lengths)", () => {
    // numpy.convolve([1,2,3],[0,1,0.5]) = [0, 1, 2.5, 4, 1.5]; same -> [1, 2.5, 4]; valid -> [2.5]
    expect([...T.convolve(tensor([1, 2, 3]), tensor([0, 1, 0.5])).toArray()]).toEqual([
      0, 1, 2.5, 4, 1.5,
    ]);
    expect([...T.convolve(tensor([1, 2, 3]), tensor([0, 1, 0.5]), "same").toArray()]).toEqual([
      1, 2.5, 4,
    ]);
    expect([...T.convolve(tensor([1, 2, 3]), tensor([0, 1, 0.5]), "valid").toArray()]).toEqual([
      2.5,
    ]);
    // numpy.convolve([1,2], [1,1,1,1], 'same') = [1, 3, 3, 3]
    expect([...T.convolve(tensor([1, 2]), tensor([1, 1, 1, 1]), "same").toArray()]).toEqual([
      1, 3, 3, 3,
    ]);
  });
  it("is differentiable in both operands, direct and FFT", () => {
    for (const method of ["direct", "fft"] as const)
      for (const mode of ["full", "same", "valid"] as const)
        expectGradMatchesFd(
          (a, v) =>
            T.sum(T.mul(T.convolve(a, v, mode, method), T.arange(T.convolve(a, v, mode).size))),
          [tensor([0.3, -1, 2, 0.5, 1.5]), tensor([1, 0.2, -0.4])],
        );
  });
  it("rfft/irfft round-trip", () => {
    const x = tensor([1, 2, 3, 4, 5, 6]);
    const { re, im } = T.rfft(x);
    expect(re.toArray()[0]).toBeCloseTo(21, 12);
    T.irfft(re, im, 6)
      .toArray()
      .forEach((v, i) => {
        expect(v).toBeCloseTo(i + 1, 12);
      });
    expect(() => T.grad((t) => T.sum(T.rfft(t).re))(x)).toThrow(/no gradient rule/);
  });
});
