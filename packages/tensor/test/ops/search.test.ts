import { describe, expect, it } from "vitest";
import * as T from "../../src/index.js";
import { tensor } from "../../src/index.js";
import { expectGradMatchesFd } from "../helpers/finite-diff.js";

describe("searchsorted, digitize, interp", () => {
  it("searchsorted matches NumPy on both sides", () => {
    const a = tensor([1, 2, 2, 3]);
    expect([...T.searchsorted(a, tensor([0, 2, 2.5, 4])).toArray()]).toEqual([0, 1, 3, 4]);
    expect([...T.searchsorted(a, tensor([0, 2, 2.5, 4]), "right").toArray()]).toEqual([0, 3, 3, 4]);
    // numpy.digitize([0.2, 6.4, 3.0, 1.6], [0, 1, 2.5, 4, 10]) = [1, 4, 3, 2]
    expect([
      ...T.digitize(tensor([0.2, 6.4, 3.0, 1.6]), tensor([0, 1, 2.5, 4, 10])).toArray(),
    ]).toEqual([1, 4, 3, 2]);
  });
  it("interp matches numpy.interp including clamping at the ends", () => {
    // numpy.interp([-1, 0, 0.5, 1.5, 2, 3], [0, 1, 2], [1, 3, 2]) = [1, 1, 2, 2.5, 2, 2]
    const y = T.interp(tensor([-1, 0, 0.5, 1.5, 2, 3]), tensor([0, 1, 2]), tensor([1, 3, 2]));
    expect([...y.toArray()]).toEqual([1, 1, 2, 2.5, 2, 2]);
  });
  it("interp is differentiable in x and fp", () => {
    const xp = tensor([0, 1, 2.5, 4]);
    expectGradMatchesFd(
      (x, fp) => T.sum(T.mul(T.interp(x, xp, fp), tensor([1, 2, 3]))),
      [tensor([0.3, 1.7, 3.9]), tensor([1, -2, 0.5, 4])],
    );
  });
});
